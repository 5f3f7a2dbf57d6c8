import type { Organization, Space } from '../../domain/arize.ts';
import type { DirectorySpace } from '../../domain/directory/name-directory.ts';
import type { ArizeGateway, Clock, Log, NameDirectory } from '../ports.ts';

export interface RecordingDeps {
  directory: NameDirectory;
  clock: Clock;
  log: Log;
}

const orgEntry = (org: Organization) => ({ id: org.id, name: org.name });

/** A space as a directory entry, when its organization is known (REST lists name it by query). */
const spaceEntry = (space: Space, orgId = space.organizationId): DirectorySpace[] =>
  orgId ? [{ id: space.id, name: space.name, orgId }] : [];

/** A gateway that records names as it goes, and a way to wait for those writes. */
export interface RecordingGateway {
  gateway: ArizeGateway;
  /** Resolves once every directory write started so far has ended (the worker waits at the end). */
  settled(): Promise<void>;
}

/**
 * The gateway of the worker, which keeps the name directory up to date as a side effect: every
 * organization and space it lists or reads is recorded, every one it creates, renames or deletes
 * changed there. The writes do not hold up the call's answer (the command replies first; the
 * worker waits for them before it ends); one that fails is logged and never fails the command:
 * the directory-refresh job catches up.
 */
export function recordingNames(gateway: ArizeGateway, deps: RecordingDeps): RecordingGateway {
  const pending = new Set<Promise<void>>();
  const quietly = (what: string, write: () => Promise<unknown>): Promise<void> => {
    const written = write()
      .then(() => undefined)
      .catch((error: unknown) => {
        deps.log.warn('name directory not updated', {
          what,
          error: error instanceof Error ? error.message : 'unknown',
        });
      })
      .finally(() => pending.delete(written));
    pending.add(written);
    return written;
  };
  const now = () => deps.clock.now();
  const recordOrgs = (orgs: Organization[]) =>
    quietly('organizations', () => deps.directory.record({ orgs: orgs.map(orgEntry) }, now()));
  const recordSpaces = (spaces: DirectorySpace[]) =>
    quietly('spaces', () => deps.directory.record({ spaces }, now()));
  const after =
    <A extends unknown[], R>(
      call: (...args: A) => Promise<R>,
      then: (result: R, ...args: A) => Promise<void>,
    ) =>
    async (...args: A): Promise<R> => {
      const result = await call(...args);
      void then(result, ...args);
      return result;
    };
  const recording: ArizeGateway = {
    ...gateway,
    listOrganizations: after(gateway.listOrganizations, (page) => recordOrgs(page.items)),
    getOrganization: after(gateway.getOrganization, (org) => recordOrgs([org])),
    createOrganization: after(gateway.createOrganization, (org) => recordOrgs([org])),
    updateOrganization: after(gateway.updateOrganization, (org) =>
      quietly('organization', () => deps.directory.rename('org', org.id, org.name, now())),
    ),
    deleteOrganization: after(gateway.deleteOrganization, (_, orgId) =>
      quietly('organization', () => deps.directory.forget('org', orgId)),
    ),
    listSpaces: after(gateway.listSpaces, (page, query) =>
      recordSpaces(
        page.items.flatMap((space) => spaceEntry(space, space.organizationId ?? query?.orgId)),
      ),
    ),
    getSpace: after(gateway.getSpace, (space) =>
      space.organizationId
        ? recordSpaces(spaceEntry(space))
        : quietly('space', () => deps.directory.rename('space', space.id, space.name, now())),
    ),
    createSpace: after(gateway.createSpace, (space, input) =>
      recordSpaces(spaceEntry(space, space.organizationId ?? input.orgId)),
    ),
    updateSpace: after(gateway.updateSpace, (space) =>
      quietly('space', () => deps.directory.rename('space', space.id, space.name, now())),
    ),
    deleteSpace: after(gateway.deleteSpace, (_, spaceId) =>
      quietly('space', () => deps.directory.forget('space', spaceId)),
    ),
  };
  return {
    gateway: recording,
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
