import { DEMO_ADMIN_EMAIL } from './demo-seed.ts';
import type { EmulatorSeed } from './seed-schema.ts';

export interface LargeSeedOptions {
  users: number;
  spaces: number;
  /** Space memberships in total (each member is also made a member of the space's org). */
  memberships: number;
  /** Spaces per organization; default 100. */
  spacesPerOrg?: number;
}

const BASE_MS = Date.parse('2023-01-01T00:00:00.000Z');
const SPACE_ROLES = ['MEMBER', 'READ_ONLY', 'ADMIN', 'MEMBER'] as const;

/**
 * A large, deterministic account for scale tests: users are spread across orgs, and each space
 * gets members from its own org's users (so every space membership has its org membership).
 */
export function generateLargeSeed(options: LargeSeedOptions): EmulatorSeed {
  const perOrg = Math.max(1, options.spacesPerOrg ?? 100);
  const orgCount = Math.max(1, Math.ceil(options.spaces / perOrg));
  const users: EmulatorSeed['users'] = [
    {
      name: 'arize-ops bot',
      email: DEMO_ADMIN_EMAIL,
      role: 'ADMIN',
      createdAt: new Date(BASE_MS).toISOString(),
    },
  ];
  for (let u = 0; u < options.users; u += 1) {
    users.push({
      name: `User ${u}`,
      email: `user${u}@scale.example.com`,
      role: 'MEMBER',
      createdAt: new Date(BASE_MS + (u + 1) * 1000).toISOString(),
    });
  }
  const orgUsers: number[][] = Array.from({ length: orgCount }, () => []);
  for (let u = 0; u < options.users; u += 1) orgUsers[u % orgCount]?.push(u);
  const perSpace = options.spaces > 0 ? Math.floor(options.memberships / options.spaces) : 0;
  let extra = options.spaces > 0 ? options.memberships % options.spaces : 0;
  const organizations: NonNullable<EmulatorSeed['organizations']> = [];
  for (let o = 0; o < orgCount; o += 1) {
    const pool = orgUsers[o] ?? [];
    const spaces: Array<{
      name: string;
      createdAt: string;
      members: Array<{ email: string; role: (typeof SPACE_ROLES)[number] }>;
    }> = [];
    const first = o * perOrg;
    for (let s = first; s < Math.min(options.spaces, first + perOrg); s += 1) {
      const count = Math.min(pool.length, perSpace + (extra > 0 ? 1 : 0));
      if (extra > 0) extra -= 1;
      const members = [];
      for (let j = 0; j < count; j += 1) {
        const u = pool[(s * 7 + j) % pool.length] as number;
        members.push({
          email: `user${u}@scale.example.com`,
          role: SPACE_ROLES[(s + j) % SPACE_ROLES.length] ?? 'MEMBER',
        });
      }
      spaces.push({
        name: `space-${s}`,
        createdAt: new Date(BASE_MS + s * 1000).toISOString(),
        members,
      });
    }
    organizations.push({
      name: `Org ${o}`,
      createdAt: new Date(BASE_MS + o).toISOString(),
      members: pool.map((u) => ({ email: `user${u}@scale.example.com`, role: 'MEMBER' as const })),
      spaces,
    });
  }
  return { adminEmail: DEMO_ADMIN_EMAIL, users, organizations };
}
