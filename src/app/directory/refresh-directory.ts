import type { Directory, DirectorySpace } from '../../domain/directory/name-directory.ts';
import type { ScheduledJob } from '../jobs/scheduled-job.ts';
import { listAll } from '../operations/paging.ts';
import type { ArizeGateway, Clock, Log, NameDirectory } from '../ports.ts';

export interface RefreshDirectoryDeps {
  /** The rate-limited gateway of the scheduled function. */
  gateway: Pick<ArizeGateway, 'listOrganizations' | 'listSpaces'>;
  directory: NameDirectory;
  clock: Clock;
  log: Log;
}

/**
 * The directory-refresh job: reads every organization and, organization by organization, its
 * spaces from Arize; records what is new or renamed and forgets what Arize no longer has. An
 * entry the worker recorded after this run started reading is kept (it may be newer than what
 * was read); an organization whose spaces could not all be listed forgets none of them.
 */
export function makeRefreshDirectory(deps: RefreshDirectoryDeps): ScheduledJob {
  return async () => {
    const readAt = deps.clock.now();
    const before = await deps.directory.read();
    const orgs = await listAll((cursor) =>
      deps.gateway.listOrganizations({ ...(cursor ? { cursor } : {}), limit: 100 }),
    );
    const spaces: DirectorySpace[] = [];
    const completeOrgs = new Set<string>();
    for (const org of orgs.items) {
      const listed = await listAll((cursor) =>
        deps.gateway.listSpaces({ orgId: org.id, ...(cursor ? { cursor } : {}), limit: 100 }),
      );
      spaces.push(...listed.items.map((s) => ({ id: s.id, name: s.name, orgId: org.id })));
      if (listed.complete) completeOrgs.add(org.id);
    }
    const fresh: Directory = { orgs: orgs.items.map((o) => ({ id: o.id, name: o.name })), spaces };
    const changed = changesFrom(before, fresh);
    await deps.directory.record(changed, readAt);
    let forgotten = 0;
    const listedOrgs = new Set(fresh.orgs.map((o) => o.id));
    const listedSpaces = new Set(fresh.spaces.map((s) => s.id));
    if (orgs.complete) {
      for (const org of before.orgs.filter((o) => !listedOrgs.has(o.id))) {
        forgotten += await deps.directory.forget('org', org.id, { unseenSince: readAt });
      }
    }
    const gone = before.spaces.filter((s) => completeOrgs.has(s.orgId) && !listedSpaces.has(s.id));
    for (const space of gone) {
      forgotten += await deps.directory.forget('space', space.id, { unseenSince: readAt });
    }
    const actions = {
      orgs: fresh.orgs.length,
      spaces: fresh.spaces.length,
      recorded: changed.orgs.length + changed.spaces.length,
      forgotten,
    };
    deps.log.info('name directory refreshed', actions);
    return { state: 'finished', actions };
  };
}

/** The entries of `fresh` that `before` lacks or names differently (or, a space, elsewhere). */
function changesFrom(before: Directory, fresh: Directory): Directory {
  const orgNames = new Map(before.orgs.map((o) => [o.id, o.name]));
  const spaces = new Map(before.spaces.map((s) => [s.id, s]));
  return {
    orgs: fresh.orgs.filter((o) => orgNames.get(o.id) !== o.name),
    spaces: fresh.spaces.filter((s) => {
      const known = spaces.get(s.id);
      return known?.name !== s.name || known.orgId !== s.orgId;
    }),
  };
}
