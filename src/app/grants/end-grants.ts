import { ErrorCodes, isAppError } from '../../domain/errors.ts';
import {
  decideEnd,
  type EndDecision,
  type Grant,
  grantWarningMs,
  isClaimable,
  isWarningDue,
} from '../../domain/grants/grant.ts';
import type { ArizeGateway, AuditLog, Clock, GrantStore, Log } from '../ports.ts';
import { auditGrant, type GrantNews } from './grant-news.ts';

export interface EndGrantsDeps {
  store: GrantStore;
  gateway: Pick<ArizeGateway, 'listSpaceMembersMany' | 'addSpaceUser' | 'removeSpaceUser'>;
  audit: AuditLog;
  /** Tells the subject and the approval thread (never throws: a Slack failure is logged). */
  news: GrantNews;
  clock: Clock;
  log: Log;
  /** How long a claim holds a grant (then another sweep may take it over). */
  leaseMs: number;
  /** A grant claimed this many times without an end is FAILED and its people are told. */
  maxClaims: number;
  /** Revocations in flight at once (the gateway's rate limit paces them). */
  concurrency: number;
}

/** One scheduled run: as of its scheduled time, with the Lambda's remaining time. */
export interface EndGrantsRun {
  scheduledTime: Date;
  remainingMs: number;
}

/** What a run did, by action, e.g. `{ ended: 3, 'left-alone': 1, warned: 2 }`. */
export interface EndGrantsOutcome {
  at: string;
  actions: Record<string, number>;
}

/** The time a run keeps for itself at the end: it claims nothing new after that. */
const reserveMs = 5_000;

/**
 * Ends the time-bound grants that are due (the `grant-ends` job, every minute).
 *
 * Primary course:
 * 1. One query of the active listing finds every grant due by now and every one due within 15
 *    minutes; those in their last 15 minutes get their warning, once (a conditional flag).
 * 2. The current roles of the due grants' spaces are read in one batched GraphQL read, while
 * 3. each due grant is claimed: ACTIVE (or ENDING with a lapsed lease) → ENDING with a lease,
 *    one conditional write (`concurrency` grants at a time, each revoked as soon as it is won);
 *    a concurrent sweep that loses the claim skips the grant.
 * 4. Still the granted role → restore the previous role or remove the membership; anything else
 *    is left alone, and why is recorded. A re-claim that finds the end already done (the first
 *    claimant was killed after revoking) changes nothing again.
 * 5. Audit, then the final conditional write (ENDED, LEFT_ALONE or FAILED), then tell people.
 * An Arize failure leaves the grant ENDING: its lease lapses and the next run tries again, up to
 * `maxClaims` times.
 */
export function makeEndGrants(deps: EndGrantsDeps) {
  return async (run: EndGrantsRun): Promise<EndGrantsOutcome> => {
    const started = deps.clock.now();
    const now = new Date(Math.max(started.getTime(), run.scheduledTime.getTime()));
    const deadline = started.getTime() + run.remainingMs - reserveMs;
    const actions: Record<string, number> = {};
    const count = (action: string) => {
      actions[action] = (actions[action] ?? 0) + 1;
    };
    const listed = await deps.store.listDue(new Date(now.getTime() + grantWarningMs));
    for (const grant of listed.filter((g) => isWarningDue(g, now))) {
      await auditGrant(deps, grant, 'grant-warned', { endsAt: grant.endsAt });
      if (await deps.store.markWarned(grant.id, now)) {
        count('warned');
        await deps.news.warned(grant);
      }
    }
    const claimable = listed.filter((g) => isClaimable(g, now));
    if (claimable.length === 0) return { at: now.toISOString(), actions };
    // The roles are read while the claims are made, and each grant is revoked as soon as its
    // claim is won: revocations, paced by the rate limit, start within one read instead of
    // after every claim. The claim alone decides who ends a grant, so reading first is safe.
    const roles = readRoles(deps, claimable);
    await pool(claimable, deps.concurrency, async (grant) => {
      if (deps.clock.now().getTime() > deadline) {
        count('deferred');
        return;
      }
      const taken = await claim(deps, grant, now);
      if (!taken) {
        count('claimed-elsewhere');
        return;
      }
      const members = await roles;
      if (!members) {
        count(await retryLater(deps, taken, 'the roles could not be read'));
        return;
      }
      const current = members
        .get(taken.spaceId)
        ?.find((m) => m.userId === taken.subject.arizeUserId);
      count(await endOne(deps, taken, current?.role));
    });
    return { at: now.toISOString(), actions };
  };
}

/** ACTIVE → ENDING (or a lapsed ENDING lease → a new one), conditional on the version read. */
function claim(deps: EndGrantsDeps, grant: Grant, now: Date): Promise<Grant | undefined> {
  return deps.store.update(
    grant,
    {
      status: 'ENDING',
      leaseUntil: new Date(now.getTime() + deps.leaseMs).toISOString(),
      claims: (grant.claims ?? 0) + 1,
    },
    {
      at: now.toISOString(),
      event: 'claimed',
      ...(grant.status === 'ENDING' ? { detail: 'lease lapsed' } : {}),
    },
  );
}

/** The explicit roles of the grants' spaces, or undefined (logged) when they cannot be read. */
async function readRoles(
  deps: EndGrantsDeps,
  grants: readonly Grant[],
): Promise<Map<string, { userId: string; role: string }[]> | undefined> {
  try {
    return await explicitRoles(deps, grants);
  } catch (error: unknown) {
    deps.log.warn('grant ends: roles not readable, retried when the leases lapse', {
      grants: grants.length,
      code: isAppError(error) ? error.code : 'unexpected',
    });
    return undefined;
  }
}

/** Explicit members' roles of every space the grants are in, in one batched read. */
async function explicitRoles(
  deps: EndGrantsDeps,
  grants: readonly Grant[],
): Promise<Map<string, { userId: string; role: string }[]>> {
  const spaces = [...new Set(grants.map((g) => g.spaceId))];
  const read = await deps.gateway.listSpaceMembersMany(spaces);
  const roles = new Map<string, { userId: string; role: string }[]>();
  for (const [spaceId, list] of read) {
    roles.set(
      spaceId,
      list
        .filter((m) => m.membership === 'EXPLICIT_MEMBERSHIP')
        .map((m) => ({ userId: m.user.id, role: m.role })),
    );
  }
  return roles;
}

/** Revokes one claimed grant (or leaves it), audits, writes its final state, tells people. */
async function endOne(deps: EndGrantsDeps, grant: Grant, current: string | undefined) {
  const decision = decideEnd(grant, current, (grant.claims ?? 1) > 1);
  try {
    await apply(deps, grant, decision);
  } catch (error: unknown) {
    deps.log.warn('grant end failed, retried when the lease lapses', {
      grantId: grant.id,
      code: isAppError(error) ? error.code : 'unexpected',
    });
    return retryLater(deps, grant, isAppError(error) ? error.message : 'an unexpected error');
  }
  const leftAlone = decision.action === 'leave';
  const outcome = leftAlone ? `left alone: ${decision.reason}` : endedText(grant, decision);
  return finish(deps, grant, leftAlone ? 'LEFT_ALONE' : 'ENDED', outcome);
}

async function apply(deps: EndGrantsDeps, grant: Grant, decision: EndDecision): Promise<void> {
  if (decision.action === 'restore') {
    await deps.gateway.addSpaceUser(grant.spaceId, grant.subject.arizeUserId, decision.role);
  } else if (decision.action === 'remove') {
    try {
      await deps.gateway.removeSpaceUser(grant.spaceId, grant.subject.arizeUserId);
    } catch (error: unknown) {
      if (!(isAppError(error) && error.code === ErrorCodes.arizeNotFound)) throw error;
    }
  }
}

const endedText = (grant: Grant, decision: EndDecision): string => {
  if (decision.action === 'restore')
    return `ended: the ${decision.role.toLowerCase().replace('_', '-')} role is restored`;
  if (decision.action === 'remove') return 'ended: removed from the space';
  return grant.previous.kind === 'role' && grant.previous.role === grant.role
    ? 'ended: the role was already the granted one before the grant, so it stays'
    : 'ended: the access had already been revoked';
};

/** The final conditional write, after its audit record; then the people are told. */
async function finish(
  deps: EndGrantsDeps,
  grant: Grant,
  status: 'ENDED' | 'LEFT_ALONE' | 'FAILED',
  outcome: string,
): Promise<string> {
  const at = deps.clock.now().toISOString();
  const event =
    status === 'ENDED'
      ? 'grant-ended'
      : status === 'LEFT_ALONE'
        ? 'grant-left-alone'
        : 'grant-failed';
  await auditGrant(deps, grant, event, {
    outcome,
    spaceId: grant.spaceId,
    userId: grant.subject.arizeUserId,
  });
  const saved = await deps.store.update(
    grant,
    { status, outcome },
    { at, event: 'ended', detail: outcome },
  );
  if (!saved) {
    deps.log.warn('grant end not stored: its lease was taken over', { grantId: grant.id });
    return 'claimed-elsewhere';
  }
  await deps.news.ended(saved);
  return status === 'ENDED' ? 'ended' : status === 'LEFT_ALONE' ? 'left-alone' : 'failed';
}

/** Leaves the grant ENDING for the next run, or FAILED once it was claimed `maxClaims` times. */
async function retryLater(deps: EndGrantsDeps, grant: Grant, why: string): Promise<string> {
  if ((grant.claims ?? 1) < deps.maxClaims) return 'retry-later';
  return finish(
    deps,
    grant,
    'FAILED',
    `failed: it could not be ended after ${deps.maxClaims} tries (${why}); check the role in Arize by hand`,
  );
}

/** Runs `work` over the items with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
