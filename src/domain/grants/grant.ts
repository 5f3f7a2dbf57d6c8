import { sha256Of } from '../approvals/canonical-json.ts';
import type { SpaceRole } from '../arize.ts';

/**
 * Where a time-bound grant is in its life. ACTIVE until its end; ENDING while one sweep holds
 * the lease to revoke it (a lapsed lease is claimed again); then one of the final three.
 */
export const GrantStatuses = ['ACTIVE', 'ENDING', 'ENDED', 'LEFT_ALONE', 'FAILED'] as const;
export type GrantStatus = (typeof GrantStatuses)[number];

const transitions: Readonly<Record<GrantStatus, readonly GrantStatus[]>> = {
  // ACTIVE → ACTIVE: an approved Extend moves the end. ACTIVE → FAILED: the change never applied.
  ACTIVE: ['ACTIVE', 'ENDING', 'FAILED'],
  // ENDING → ENDING: a lease that lapsed (the worker was killed) is claimed again.
  ENDING: ['ENDING', 'ENDED', 'LEFT_ALONE', 'FAILED'],
  ENDED: [],
  LEFT_ALONE: [],
  FAILED: [],
};

/** True when the state machine allows going from one status to the other. */
export const canGrantTransition = (from: GrantStatus, to: GrantStatus): boolean =>
  transitions[from].includes(to);

/** A status nothing follows. */
export const isGrantFinal = (status: GrantStatus): boolean => transitions[status].length === 0;

/** The role a person had in the space before the grant: what its end restores. */
export type PreviousRole = { kind: 'role'; role: SpaceRole } | { kind: 'none' };

/** One event in a grant's life, kept on the grant (the audit trail has the same). */
export interface GrantEvent {
  at: string;
  event: 'started' | 'warned' | 'claimed' | 'extended' | 'end-requested' | 'ended';
  detail?: string;
}

/** A time-bound space role: one per user × space of an approved `space add-user --for`. */
export interface Grant {
  id: string;
  status: GrantStatus;
  /** Bumped by every write; each transition is conditional on the version it read. */
  version: number;
  subject: { arizeUserId: string; email: string; slackUserId?: string };
  orgId?: string;
  spaceId: string;
  spaceName: string;
  role: SpaceRole;
  previous: PreviousRole;
  startsAt: string;
  endsAt: string;
  /** The approval request that granted it (and the ones that extended it, in history). */
  requestId: string;
  /** The Slack user who asked for it. */
  requesterUserId: string;
  /** The approval message: its thread is told when the grant starts, nears its end and ends. */
  thread?: { channel: string; ts: string };
  /** While ENDING: when the claimant's lease lapses (then another sweep may claim it). */
  leaseUntil?: string;
  /** How many times a sweep claimed it (a re-claim after a killed worker counts). */
  claims?: number;
  /** Set once the 15-minute warning went out (written conditionally, so sent once). */
  warnedAt?: string;
  /** Set when someone clicked End access now: the sweep ends it at its next run. */
  endRequestedBy?: string;
  /** Why it ended as it did, in words (e.g. why it was left alone). */
  outcome?: string;
  history: GrantEvent[];
}

/** The id of the grant of one user in one space under one request: a re-run makes the same. */
export const grantIdOf = (requestId: string, userId: string, spaceId: string): string =>
  `G${sha256Of({ requestId, spaceId, userId }).slice(0, 20).toUpperCase()}`;

/** Whether text can be a grant id (checked before a lookup when it comes back from Slack). */
export const isGrantId = (text: string): boolean => /^G[A-F0-9]{20}$/.test(text);

/** How long before its end the subject is warned; shorter grants get no separate warning. */
export const grantWarningMs = 15 * 60_000;

/** Whether a grant is due for its warning at `now` (once, and only if it lasts long enough). */
export const isWarningDue = (grant: Grant, now: Date): boolean =>
  grant.status === 'ACTIVE' &&
  grant.warnedAt === undefined &&
  Date.parse(grant.endsAt) - Date.parse(grant.startsAt) > grantWarningMs &&
  Date.parse(grant.endsAt) - now.getTime() <= grantWarningMs &&
  Date.parse(grant.endsAt) > now.getTime();

/** Whether a sweep may claim the grant at `now`: its end passed, or its ENDING lease lapsed. */
export const isClaimable = (grant: Grant, now: Date): boolean => {
  if (grant.status === 'ACTIVE') {
    return Date.parse(grant.endsAt) <= now.getTime() || grant.endRequestedBy !== undefined;
  }
  return grant.status === 'ENDING' && Date.parse(grant.leaseUntil ?? '') <= now.getTime();
};

/** The role text Slack users read (`read-only`, not `READ_ONLY`). */
const roleWord = (role: string): string => role.toLowerCase().replace('_', '-');

/** What the end does, in words: `restore member` or `remove`. */
export const endActionText = (previous: PreviousRole): string =>
  previous.kind === 'role' ? `restore ${roleWord(previous.role)}` : 'remove from the space';

/** What an explicit member's role must be for the end to revoke it (anything else: left alone). */
export type EndDecision =
  | { action: 'restore'; role: SpaceRole }
  | { action: 'remove' }
  | { action: 'already-ended' }
  | { action: 'leave'; reason: string };

/**
 * Decides what ending the grant does, from the current role (undefined: not an explicit member).
 * Only the granted role is revoked; a re-claim (the first claimant was stopped) that finds the
 * state it would have written treats the grant as ended, so a re-run changes nothing twice.
 */
export function decideEnd(
  grant: Grant,
  current: string | undefined,
  reclaim: boolean,
): EndDecision {
  const previousRole = grant.previous.kind === 'role' ? grant.previous.role : undefined;
  if (current === grant.role) {
    if (previousRole === grant.role) return { action: 'already-ended' };
    return previousRole ? { action: 'restore', role: previousRole } : { action: 'remove' };
  }
  if (reclaim && current === previousRole) return { action: 'already-ended' };
  return {
    action: 'leave',
    reason:
      current === undefined
        ? 'no longer a member of the space (removed by hand before the end)'
        : `the role is now ${roleWord(current)}, not the granted ${roleWord(grant.role)} (changed by hand before the end)`,
  };
}
