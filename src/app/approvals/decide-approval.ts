import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { confirmationMismatch } from '../../domain/approvals/plan.ts';
import type { Requester } from '../../domain/job.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { appendAudit } from '../append-audit.ts';
import { maxReasonLength } from '../modal-view.ts';
import type { ApprovalMessenger, JobQueue } from '../ports.ts';
import { type AuthorizeVoteDeps, authorizeVote } from './authorize-vote.ts';
import { cancelRequest } from './cancel-approval.ts';
import {
  alreadyDecided,
  busy,
  type DecisionRefusal,
  maxDecisionAttempts,
} from './decision-refusal.ts';
import { endPendingApproval } from './end-pending-approval.ts';
import { executeJobFor } from './execute-job-for.ts';
import { refreshMessage } from './refresh-message.ts';

export const Decisions = ['approve', 'reject', 'cancel'] as const;
export type Decision = (typeof Decisions)[number];

export interface DecisionInput {
  requestId: string;
  decision: Decision;
  voter: Requester;
  /** What the approver typed in the confirmation modal, for plans that ask for it. */
  typedConfirmation?: string;
  /** Why a rejecter said no (the Reject modal); optional. */
  reason?: string;
}

/** What a decision needs: what authorizing a vote reads, the queue and the message. */
export interface DecideApprovalDeps extends AuthorizeVoteDeps {
  queue: JobQueue;
  messenger: ApprovalMessenger;
}

/**
 * A click on Approve, Reject or Cancel (ack path: reads DynamoDB, the policy and Slack only).
 *
 * Primary course (approve):
 * 1. Read the request; only a PENDING one can be decided.
 * 2. Check the clicker against the current policy and group membership (fail closed), the
 *    requester, the subjects, the bot and expiry.
 * 2a. When the plan asks for a typed confirmation, an approval counts only with the exact text
 *    (typed in the modal); nothing is recorded otherwise.
 * 3. Audit the vote, then record it once per person (conditional put).
 * 4. Add the approval to the request on its version; when the quorum is reached the same write
 *    moves it PENDING → APPROVED, and only that writer audits the transition and enqueues the
 *    execute job.
 * 5. Redraw the message.
 */
export function makeDecideApproval(deps: DecideApprovalDeps) {
  return async (input: DecisionInput): Promise<Result<string, DecisionRefusal>> => {
    const request = await deps.store.get(input.requestId);
    if (!request) return err({ code: 'APPROVAL.NOT_FOUND', message: 'No such approval request.' });
    if (request.status !== 'PENDING') return err(alreadyDecided(request.status));
    const result =
      input.decision === 'cancel'
        ? await cancelRequest(deps, request, input.voter)
        : await vote(deps, request, input);
    await refreshMessage(deps, request.id);
    return result;
  };
}

async function vote(
  deps: DecideApprovalDeps,
  request: ApprovalRequest,
  input: DecisionInput,
): Promise<Result<string, DecisionRefusal>> {
  const authorized = await authorizeVote(deps, request, input.voter);
  if (!authorized.ok) return authorized;
  const rule = authorized.value;
  const confirmation = request.plan.confirmation;
  if (input.decision === 'approve' && confirmation) {
    if (input.typedConfirmation === undefined) {
      return err({
        code: 'APPROVAL.NEEDS_CONFIRMATION',
        message: `Approving this needs the ${confirmation.label} typed in the confirmation: click Approve to open it.`,
      });
    }
    const mismatch = confirmationMismatch(confirmation, input.typedConfirmation);
    if (mismatch) return err({ code: 'APPROVAL.CONFIRMATION_MISMATCH', message: mismatch });
  }
  const userId = input.voter.userId;
  await appendAudit(
    deps,
    request,
    'vote',
    { decision: input.decision },
    { actor: userId, key: `vote#${userId}` },
  );
  const first = await deps.store.recordVote(request.id, {
    userId,
    decision: input.decision === 'reject' ? 'reject' : 'approve',
    at: deps.clock.now().toISOString(),
  });
  if (!first) {
    return err({
      code: 'APPROVAL.ALREADY_VOTED',
      message: 'You have already voted on this request.',
    });
  }
  if (input.decision === 'reject') {
    const reason = input.reason?.trim().slice(0, maxReasonLength);
    return endPendingApproval(
      deps,
      request,
      'REJECTED',
      userId,
      { rejectedBy: userId, ...(reason ? { rejectReason: reason } : {}) },
      'Rejected: nothing will run.',
    );
  }
  return addApproval(deps, request.id, userId, rule.quorum, rule.risk === 'secret');
}

/** The quorum is the higher of the one pinned at posting and the current policy's. */
async function addApproval(
  deps: DecideApprovalDeps,
  requestId: string,
  userId: string,
  currentQuorum: number,
  secret: boolean,
): Promise<Result<string, DecisionRefusal>> {
  for (let attempt = 0; attempt < maxDecisionAttempts; attempt += 1) {
    const current = await deps.store.get(requestId);
    if (!current) return err({ code: 'APPROVAL.NOT_FOUND', message: 'No such approval request.' });
    if (current.status !== 'PENDING') return err(alreadyDecided(current.status));
    if (current.approvals.includes(userId)) {
      return err({ code: 'APPROVAL.ALREADY_VOTED', message: 'Your approval is already counted.' });
    }
    const approvals = [...current.approvals, userId];
    const quorum = Math.max(current.quorum, currentQuorum);
    const reached = approvals.length >= quorum;
    const saved = await deps.store.update(requestId, current.version, {
      approvals,
      quorum,
      ...(reached ? { status: 'APPROVED' as const } : {}),
    });
    if (!saved) continue;
    if (reached) {
      await appendAudit(
        deps,
        current,
        'approved',
        { approvals: approvals.join(',') },
        { actor: userId },
      );
    }
    if (!reached) {
      return ok(`Your approval counts: ${approvals.length} of ${quorum}.`);
    }
    await deps.queue.enqueue(executeJobFor(saved, deps.clock.now()));
    deps.log.info('approval decided', { approvalId: requestId, decision: 'approved' });
    return ok(
      secret
        ? 'Approved: the requester gets a Reveal button in a direct message; the secret is created only when they click it.'
        : 'Approved: it runs now. The result appears on the request.',
    );
  }
  return err(busy);
}
