import { createHash } from 'node:crypto';
import { formatCommand } from '../grammar/format-command.ts';
import { itemCaps } from '../operations/limits.ts';
import { roleFlags, spaceChangeMembers } from '../operations/space-change-operations.ts';
import type { DriftPlan, SpaceDrift } from './drift-plan.ts';

/**
 * One drift as the scheduled job posted it: the file, the plan as read at the scheduled time,
 * and, once someone clicked Propose fix, who did and the approval requests it filed.
 */
export interface DriftReport {
  /** `DR` and 10 hex digits, derived from the scheduled time and the file: a retry finds it. */
  id: string;
  /** The scheduled time of the run that read it (ISO). */
  at: string;
  /** The desired-access file's name. */
  file: string;
  plan: DriftPlan;
  /** The posted message, once posted. */
  message?: { channel: string; ts: string };
  proposal?: DriftProposal;
}

/** Who clicked Propose fix, when, and the requests it filed (one per space, see `fixRequestsOf`). */
export interface DriftProposal {
  by: string;
  at: string;
  requests: Array<{ requestId: string; space: string; commandText: string }>;
}

/** The report of one file in one scheduled run. */
export function driftIdFor(scheduledTime: Date, file: string): string {
  const hash = createHash('sha256').update(`drift:${scheduledTime.toISOString()}:${file}`);
  return `DR${hash.digest('hex').slice(0, 10).toUpperCase()}`;
}

/** One approval request that removes (part of) a space's drift: `space change-members`. */
export interface FixRequest {
  space: string;
  spaceId: string;
  operationId: typeof spaceChangeMembers.id;
  args: Record<string, string | string[]>;
  commandText: string;
  risk: 'privilege' | 'destructive';
  /** The memberships it changes. */
  changes: number;
}

type Flag = (typeof roleFlags)[keyof typeof roleFlags] | 'remove';

/**
 * The requests that would make Arize match the file: one `space change-members` per space that
 * differs (additions and role changes under their role's flag, removals under `--remove`), so
 * each space is approved as one plan. A space with more changes than one command takes (25 users
 * per flag, 100 in all) gets several, in e-mail order. A space not in Arize gets none.
 */
export function fixRequestsOf(plan: DriftPlan): FixRequest[] {
  return plan.spaces.flatMap((space) => requestsForSpace(space));
}

function requestsForSpace(space: SpaceDrift): FixRequest[] {
  const { spaceId } = space;
  if (spaceId === undefined) return [];
  const chunks: Array<Partial<Record<Flag, string[]>>> = [];
  let chunk: Partial<Record<Flag, string[]>> = {};
  let size = 0;
  for (const change of space.changes) {
    const flag: Flag =
      change.kind === 'remove'
        ? 'remove'
        : roleFlags[change.kind === 'add' ? change.role : change.to];
    if ((chunk[flag]?.length ?? 0) >= itemCaps.users || size >= itemCaps.pairs) {
      chunks.push(chunk);
      chunk = {};
      size = 0;
    }
    chunk[flag] = [...(chunk[flag] ?? []), change.email];
    size += 1;
  }
  if (size > 0) chunks.push(chunk);
  return chunks.map((lists) => {
    const args = { space: spaceId, ...lists };
    return {
      space: space.space,
      spaceId,
      operationId: spaceChangeMembers.id,
      args,
      commandText: formatCommand(spaceChangeMembers, args),
      risk: spaceChangeMembers.risk(args),
      changes: Object.values(lists).reduce((n, users) => n + users.length, 0),
    };
  });
}
