import { listOrganizations, listSpaces, listUsers } from '@arizeai/ax-client';
import type { AxClient } from './target.ts';

/** Ids of the demo seed by name, read over REST (the seed decides them; tests never hard-code). */
export interface DemoIds {
  org(name: string): string;
  space(org: string, name: string): string;
  user(email: string): string;
}

export async function demoIds(client: AxClient): Promise<DemoIds> {
  const orgs = (await listOrganizations({ client, limit: 100 })).data;
  const spaces = new Map<string, string>();
  for (const org of orgs) {
    for (const space of (await listSpaces({ client, organizationId: org.id, limit: 100 })).data) {
      spaces.set(`${org.name}/${space.name}`, space.id);
    }
  }
  const users = (await listUsers({ client, limit: 100, status: ['ACTIVE', 'INVITED', 'EXPIRED'] }))
    .data;
  const pick = (map: Map<string, string>, key: string): string => {
    const id = map.get(key);
    if (id === undefined) throw new Error(`demo seed has no '${key}'`);
    return id;
  };
  const orgMap = new Map(orgs.map((o) => [o.name, o.id]));
  const userMap = new Map(users.map((u) => [u.email, u.id]));
  return {
    org: (name) => pick(orgMap, name),
    space: (org, name) => pick(spaces, `${org}/${name}`),
    user: (email) => pick(userMap, email),
  };
}
