import type { Page } from '../../domain/arize.ts';
import {
  type AccessFacts,
  type AccessRow,
  type AccessSnapshot,
  type ExpiringKey,
  keyWarningMs,
  type ReportUser,
} from '../../domain/reports/access-report.ts';
import type { ArizeGateway, Clock, GrantStore, ReportStore } from '../ports.ts';

export interface CollectAccessDeps {
  gateway: ArizeGateway;
  grants: Pick<GrantStore, 'listActive'>;
  reports: ReportStore;
  clock: Clock;
  /**
   * Most spaces read per step (one checkpoint each); default 100, so the packed GraphQL queries
   * are full. Fewer when the time left would not cover them (see `stepSizer`).
   */
  spacesPerStep?: number;
  /** Key listings in flight at once within a step; default 4. */
  concurrency?: number;
}

export interface CollectAccessRun {
  runId: string;
  at: Date;
  /** One organization (by id), or the whole account. */
  orgId?: string;
  deadline: Date;
  checkpoint?: unknown;
  saveCheckpoint(checkpoint: CollectCheckpoint): Promise<void>;
}

/** Where a collection stands: the spaces are listed, then read in steps, then the users. */
export type CollectCheckpoint =
  | { phase: 'members'; next: number; of: number }
  | { phase: 'users'; page: number; cursor?: string };

export type CollectOutcome =
  | { state: 'done'; facts: Omit<AccessFacts, 'scope'> }
  | { state: 'cut-off'; checkpoint: CollectCheckpoint; covered: string };

type Spaces = AccessFacts['spaces'];
type Orgs = AccessFacts['orgs'];
/** One step's members and expiring keys, as saved. */
interface MembersPart {
  rows: AccessRow[];
  keys: ExpiringKey[];
}

/**
 * Reads what an access report needs, in steps that each end in a checkpoint, so a large account
 * is read over several invocations without starting over:
 * 1. The organizations and their spaces (saved as one part).
 * 2. Per step of spaces: the members with roles (GraphQL `spaceUsers`, batched) and the active
 *    keys expiring within 14 days (saved per step).
 * 3. The users, page by page: INVITED, EXPIRED, and created since the previous report.
 * 4. The active time-bound grants, then everything saved, put together.
 * A step is only started before the deadline; Arize's rate limits are the gateway's.
 */
export async function collectAccess(
  deps: CollectAccessDeps,
  run: CollectAccessRun,
): Promise<CollectOutcome> {
  const step = deps.spacesPerStep ?? 100;
  const pastDeadline = () => deps.clock.now() >= run.deadline;
  let checkpoint = readCheckpoint(run.checkpoint);
  if (!checkpoint) {
    // The previous report is read once, so every invocation of this run compares with the same.
    const listed = await listScope(deps.gateway, run.orgId);
    const previous = (await deps.reports.lastSnapshot(snapshotScope(run.orgId))) ?? null;
    await deps.reports.putPart(run.runId, 'spaces', { ...listed, previous });
    checkpoint = { phase: 'members', next: 0, of: listed.spaces.length };
    await run.saveCheckpoint(checkpoint);
  }
  const [scope] = (await deps.reports.parts(run.runId, 'spaces')) as [
    { orgs: Orgs; spaces: Spaces; previous: AccessSnapshot | null },
  ];
  const previous = scope.previous ?? undefined;
  const warnBefore = new Date(run.at.getTime() + keyWarningMs).toISOString();
  const sizer = stepSizer(step, run.deadline, deps.clock);
  while (checkpoint.phase === 'members' && checkpoint.next < scope.spaces.length) {
    const size = sizer.next();
    if (size === 0) {
      return { state: 'cut-off', checkpoint, covered: coveredText(checkpoint) };
    }
    const spaces = scope.spaces.slice(checkpoint.next, checkpoint.next + size);
    const started = deps.clock.now().getTime();
    const part = await readSpaces(deps, spaces, warnBefore);
    sizer.took(spaces.length, deps.clock.now().getTime() - started);
    await deps.reports.putPart(run.runId, `members-${pad(checkpoint.next)}`, part);
    checkpoint = { phase: 'members', next: checkpoint.next + spaces.length, of: checkpoint.of };
    await run.saveCheckpoint(checkpoint);
  }
  if (checkpoint.phase === 'members') checkpoint = { phase: 'users', page: 0 };
  while (checkpoint.phase === 'users' && (checkpoint.page === 0 || checkpoint.cursor)) {
    if (pastDeadline()) {
      return { state: 'cut-off', checkpoint, covered: coveredText(checkpoint) };
    }
    const page = await deps.gateway.listUsers({
      limit: 100,
      ...(checkpoint.cursor ? { cursor: checkpoint.cursor } : {}),
    });
    const kept = page.items
      .filter((u) => u.status !== 'ACTIVE' || (previous !== undefined && u.createdAt > previous.at))
      .map(
        (u): ReportUser => ({
          id: u.id,
          name: u.name,
          email: u.email,
          status: u.status,
          createdAt: u.createdAt,
        }),
      );
    await deps.reports.putPart(run.runId, `users-${pad(checkpoint.page)}`, kept);
    checkpoint = page.nextCursor
      ? { phase: 'users', page: checkpoint.page + 1, cursor: page.nextCursor }
      : { phase: 'users', page: checkpoint.page + 1 };
    await run.saveCheckpoint(checkpoint);
    if (!page.nextCursor) break;
  }
  const members = (await deps.reports.parts(run.runId, 'members-')) as MembersPart[];
  const users = (await deps.reports.parts(run.runId, 'users-')) as ReportUser[][];
  const inScope = new Set(scope.spaces.map((s) => s.id));
  const grants = (await deps.grants.listActive())
    .filter((g) => inScope.has(g.spaceId))
    .map((g) => ({ email: g.subject.email, spaceId: g.spaceId, role: g.role, endsAt: g.endsAt }));
  return {
    state: 'done',
    facts: {
      at: run.at.toISOString(),
      orgs: scope.orgs,
      spaces: scope.spaces,
      rows: members.flatMap((m) => m.rows),
      keys: members.flatMap((m) => m.keys),
      users: users.flat(),
      grants,
      ...(previous ? { previous } : {}),
    },
  };
}

/** Spaces in an invocation's first step: enough to measure how long a space takes. */
const FIRST_STEP = 20;

/**
 * How many spaces the next step reads: the first step of an invocation a few, to measure; then
 * as many as fit, at the slowest pace seen so far, in the time left before the deadline (at most
 * `most`), so a step never runs into the time the runner keeps in hand. 0: stop here.
 */
export function stepSizer(most: number, deadline: Date, clock: Clock) {
  let msPerSpace: number | undefined;
  return {
    next(): number {
      const left = deadline.getTime() - clock.now().getTime();
      if (left <= 0) return 0;
      if (msPerSpace === undefined) return Math.min(most, FIRST_STEP);
      return Math.min(most, Math.floor(left / Math.max(msPerSpace, 1)));
    },
    took(spaces: number, ms: number): void {
      if (spaces > 0) msPerSpace = Math.max(msPerSpace ?? 0, ms / spaces);
    },
  };
}

/** The scope a report's snapshot is kept under: the account, or one organization. */
export const snapshotScope = (orgId: string | undefined) => (orgId ? `org#${orgId}` : 'account');

/** What a collection had covered at a checkpoint, in words. */
export function coveredText(checkpoint: CollectCheckpoint | undefined): string {
  if (!checkpoint) return 'nothing yet (the organizations and spaces were not listed)';
  if (checkpoint.phase === 'members') {
    return checkpoint.next < checkpoint.of
      ? `${checkpoint.next} of ${checkpoint.of} spaces`
      : 'every space, and 0 page(s) of users';
  }
  return `every space, and ${checkpoint.page} page(s) of users`;
}

const pad = (n: number) => String(n).padStart(6, '0');

function readCheckpoint(value: unknown): CollectCheckpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  if (c.phase === 'members' && typeof c.next === 'number' && typeof c.of === 'number') {
    return { phase: 'members', next: c.next, of: c.of };
  }
  if (c.phase === 'users' && typeof c.page === 'number') {
    return typeof c.cursor === 'string'
      ? { phase: 'users', page: c.page, cursor: c.cursor }
      : { phase: 'users', page: c.page };
  }
  return undefined;
}

async function listAll<T>(list: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return items;
}

/** The organizations in scope (one, or every one) and their spaces. */
export async function listScope(
  gateway: Pick<ArizeGateway, 'getOrganization' | 'listOrganizations' | 'listSpaces'>,
  orgId: string | undefined,
) {
  const orgs = orgId
    ? [await gateway.getOrganization(orgId)]
    : await listAll((cursor) =>
        gateway.listOrganizations({ limit: 100, ...(cursor ? { cursor } : {}) }),
      );
  const spaces: Array<{ id: string; name: string; orgId: string }> = [];
  for (const org of orgs) {
    const listed = await listAll((cursor) =>
      gateway.listSpaces({ orgId: org.id, limit: 100, ...(cursor ? { cursor } : {}) }),
    );
    spaces.push(...listed.map((s) => ({ id: s.id, name: s.name, orgId: org.id })));
  }
  return { orgs: orgs.map((o) => ({ id: o.id, name: o.name })), spaces };
}

async function readSpaces(
  deps: CollectAccessDeps,
  spaces: Spaces,
  warnBefore: string,
): Promise<MembersPart> {
  // Members (GraphQL) and keys (REST) have their own rate limits: read both at once.
  const [members, keys] = await Promise.all([
    deps.gateway.listSpaceMembersMany(spaces.map((s) => s.id)),
    expiringKeys(deps, spaces, warnBefore),
  ]);
  const rows = spaces.flatMap((space) =>
    (members.get(space.id) ?? []).map((m) => ({
      orgId: space.orgId,
      spaceId: space.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      membership: m.membership,
    })),
  );
  return { rows, keys };
}

/** The active service keys of the spaces that expire before `warnBefore`, oldest first. */
async function expiringKeys(
  deps: CollectAccessDeps,
  spaces: Spaces,
  warnBefore: string,
): Promise<ExpiringKey[]> {
  const keys: ExpiringKey[] = [];
  const queue = [...spaces];
  const worker = async () => {
    for (let space = queue.shift(); space; space = queue.shift()) {
      const { id } = space;
      const active = await listAll((cursor) =>
        deps.gateway.listApiKeys({
          spaceId: id,
          status: 'ACTIVE',
          limit: 100,
          ...(cursor ? { cursor } : {}),
        }),
      );
      for (const key of active) {
        if (key.keyType === 'SERVICE' && key.expiresAt && key.expiresAt <= warnBefore) {
          keys.push({ id: key.id, name: key.name, spaceId: id, expiresAt: key.expiresAt });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: deps.concurrency ?? 4 }, worker));
  keys.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.id.localeCompare(b.id));
  return keys;
}
