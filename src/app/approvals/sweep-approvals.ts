import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { Reply } from '../../domain/reply.ts';
import type { JobQueue, RevealMessenger } from '../ports.ts';
import { executeJobFor } from './execute-job-for.ts';
import { makeRecoverExecution, type RecoverExecutionDeps } from './recover-execution.ts';
import { makeRecoverReveal } from './recover-reveal.ts';
import { refreshMessage } from './refresh-message.ts';
import {
  auditSweep,
  type SweepAction,
  type SweepOutcome,
  sweepReplies,
  tellRequester,
} from './sweep-replies.ts';

export interface SweepApprovalsDeps extends RecoverExecutionDeps {
  queue: JobQueue;
  /** An APPROVED request no worker started for this long gets its execute job again. */
  pickupMs?: number;
  /** An EXECUTING lease older than this is past its time (well above the worker's timeout). */
  leaseMs?: number;
  /** After this many re-enqueues an APPROVED request that never started is FAILED. */
  maxRequeues?: number;
  /** Redraws the requester's Reveal message once a secret request ends (no button left). */
  reveals?: RevealMessenger;
  /** Runs one request's step as part of the command that made it (its log lines, its jobs). */
  inCommandOf?: <T>(correlationId: string | undefined, step: () => Promise<T>) => Promise<T>;
}

export const sweepDefaults = {
  pickupMs: 10 * 60_000,
  leaseMs: 5 * 60_000,
  maxRequeues: 3,
} as const;

/** Every request the sweep looked at, with what it did. */
export interface SweepReport {
  at: string;
  outcomes: SweepOutcome[];
}

/**
 * The approvals sweep (scheduled: EventBridge Scheduler in AWS, an in-process timer locally).
 * `now` is the scheduled time, so a retried invocation makes the same decisions.
 *
 * Primary course:
 * 1. PENDING past its expiry (pending listing): one conditional write to EXPIRED, then its audit,
 *    redraw the message, tell the requester.
 * 2. APPROVED with `revealBy` past (Reveal flow): audit, FAILED "not revealed in time; no key was
 *    created", redraw, tell. Still before `revealBy`: left alone (waiting for the click).
 * 3. APPROVED that no worker started within the pickup time (in-flight listing): one conditional
 *    write counts the re-enqueue, its winner enqueues the execute job again (same job id; the
 *    EXECUTING lease stops doubles). After `maxRequeues`: FAILED "not run".
 * 4. EXECUTING past its lease: recovered (see `makeRecoverExecution`); an interrupted reveal is
 *    never "succeeded" (its secret can never be shown): the key it recorded is revoked and the
 *    request FAILED (`makeRecoverReveal`), the requester told and their Reveal message redrawn.
 * 5. A lost conditional write means a worker, a click or another sweep acted first: nothing more.
 */
export function makeSweepApprovals(deps: SweepApprovalsDeps) {
  const recover = makeRecoverExecution(deps);
  const pickupMs = deps.pickupMs ?? sweepDefaults.pickupMs;
  const leaseMs = deps.leaseMs ?? sweepDefaults.leaseMs;
  const maxRequeues = deps.maxRequeues ?? sweepDefaults.maxRequeues;

  const recoverReveal = async (request: ApprovalRequest, now: Date): Promise<SweepAction> => {
    const { gateway } = await deps.contextFor(request);
    const clock = { now: () => now };
    const reply = await makeRecoverReveal({ ...deps, gateway, clock })(request.id);
    if (!reply) return 'lost-race';
    await tellRequester(deps, request, reply);
    await settleReveal(deps, request.id);
    return 'reveal-ended';
  };

  const sweepOne = async (
    request: ApprovalRequest,
    now: Date,
  ): Promise<SweepAction | undefined> => {
    const age = now.getTime() - Date.parse(request.statusChangedAt ?? request.createdAt);
    if (request.status === 'PENDING') return expire(deps, request, now);
    if (request.status === 'EXECUTING') {
      if (age < leaseMs) return undefined;
      return request.revealViewId ? recoverReveal(request, now) : recover(request, now);
    }
    if (request.revealBy !== undefined) {
      if (now.getTime() < Date.parse(request.revealBy)) return undefined;
      const action = await fail(deps, request, now, sweepReplies.notRevealed, 'not-revealed');
      if (action === 'not-revealed') await settleReveal(deps, request.id);
      return action;
    }
    const requeues = request.requeues ?? 0;
    if (age < pickupMs * (requeues + 1)) return undefined;
    if (requeues >= maxRequeues)
      return fail(deps, request, now, sweepReplies.notStarted, 'not-started');
    return requeue(deps, request, now, requeues + 1);
  };

  return async (now: Date): Promise<SweepReport> => {
    const candidates = [
      ...(await deps.store.listExpired(now)),
      ...(await deps.store.listInFlight()),
    ];
    const outcomes: SweepOutcome[] = [];
    const inCommandOf = deps.inCommandOf ?? ((_id, step) => step());
    for (const request of candidates) {
      await inCommandOf(request.correlationId, async () => {
        try {
          const action = await sweepOne(request, now);
          if (!action) return;
          outcomes.push({ requestId: request.id, action });
          deps.log.info('request swept', { approvalId: request.id, action });
        } catch (error: unknown) {
          // One request's failure must not stop the rest; the next sweep tries it again.
          deps.log.error('sweep step failed', {
            approvalId: request.id,
            error: error instanceof Error ? error.message : 'unknown',
          });
          outcomes.push({ requestId: request.id, action: 'deferred' });
        }
      });
    }
    if (outcomes.length > 0) deps.log.info('approvals swept', { outcomes });
    return { at: now.toISOString(), outcomes };
  };
}

async function expire(
  deps: SweepApprovalsDeps,
  request: ApprovalRequest,
  now: Date,
): Promise<SweepAction> {
  const reply = sweepReplies.expired(request);
  // As with the click path's decisions, the record follows the conditional write: a vote that
  // wins the race around the expiry leaves no "expired" record behind for a request that ran.
  if (
    !(await deps.store.update(request.id, request.version, { status: 'EXPIRED', result: reply }))
  ) {
    return 'lost-race';
  }
  await auditSweep(deps.audit, request, 'expired', 'expired', now, {
    expiresAt: request.expiresAt,
  });
  await refreshMessage(deps, request.id);
  await tellRequester(deps, request, reply);
  return 'expired';
}

async function fail(
  deps: SweepApprovalsDeps,
  request: ApprovalRequest,
  now: Date,
  reply: Reply,
  action: SweepAction,
): Promise<SweepAction> {
  await auditSweep(deps.audit, request, 'sweep-result', 'result', now, {
    status: 'FAILED',
    cause: action,
  });
  if (
    !(await deps.store.update(request.id, request.version, { status: 'FAILED', result: reply }))
  ) {
    return 'lost-race';
  }
  await refreshMessage(deps, request.id);
  await tellRequester(deps, request, reply);
  return action;
}

async function requeue(
  deps: SweepApprovalsDeps,
  request: ApprovalRequest,
  now: Date,
  requeues: number,
): Promise<SweepAction> {
  // The counting write is the claim: of two sweeps only one enqueues.
  const counted = await deps.store.update(request.id, request.version, { requeues });
  if (!counted) return 'lost-race';
  await deps.queue.enqueue(executeJobFor(counted, now));
  deps.log.warn('approved request re-enqueued', { approvalId: request.id, requeues });
  return 'requeued';
}

/** Takes the Reveal button off the requester's message once the request has ended. */
async function settleReveal(deps: SweepApprovalsDeps, requestId: string): Promise<void> {
  if (!deps.reveals) return;
  const ended = await deps.store.get(requestId);
  if (!ended?.revealMessage) return;
  try {
    await deps.reveals.settle(ended.revealMessage, ended);
  } catch (error: unknown) {
    deps.log.warn('reveal message not redrawn', {
      approvalId: requestId,
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
}
