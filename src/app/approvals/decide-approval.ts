import type { ApprovalRequest, ApprovalStatus } from '../../domain/approvals/approval.ts';
import { approvalRefusal, type Voter } from '../../domain/approvals/approval-refusal.ts';
import { confirmationMismatch } from '../../domain/approvals/plan.ts';
import type { ExecuteApprovalJob, Requester } from '../../domain/job.ts';
import { parseOperationArgs } from '../../domain/operations/catalogue.ts';
import type { Risk } from '../../domain/operations/operation.ts';
import {
  type ApprovalRule,
  approvalRuleFor,
  arizeEmailOf,
  type Policy,
} from '../../domain/policy/policy.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type {
  ApprovalMessenger,
  ApprovalStore,
  AuditLog,
  Clock,
  GroupDirectory,
  JobQueue,
  Log,
  SlackDirectory,
} from '../ports.ts';
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

/** Why a click changed nothing; shown to the clicker only. */
export interface DecisionRefusal {
  code:
    | 'APPROVAL.NOT_FOUND'
    | 'APPROVAL.ALREADY_DECIDED'
    | 'APPROVAL.ALREADY_VOTED'
    | 'APPROVAL.NOT_ALLOWED'
    | 'APPROVAL.EXPIRED'
    | 'APPROVAL.BUSY'
    /** An Approve that must come through the typed-name modal came without it (a crafted click). */
    | 'APPROVAL.NEEDS_CONFIRMATION'
    /** The typed name is wrong: shown under the modal's input; nothing was recorded. */
    | 'APPROVAL.CONFIRMATION_MISMATCH';
  message: string;
}

export interface DecideApprovalDeps {
  store: ApprovalStore;
  audit: AuditLog;
  queue: JobQueue;
  /** The current policy: authorization is decided at click time, not at posting time. */
  policy: Policy;
  clock: Clock;
  directory: SlackDirectory;
  groups: GroupDirectory;
  messenger: ApprovalMessenger;
  log: Log;
  botUserId?: string;
}

const maxAttempts = 20;
/** The longest reject reason kept (the modal's input allows as much). */
export const maxReasonLength = 500;

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
        ? await cancel(deps, request, input.voter)
        : await vote(deps, request, input);
    await refreshMessage(deps, request.id);
    return result;
  };
}

/** What cancelling needs: no queue, policy or Slack lookups (only the requester may cancel). */
export type CancelApprovalDeps = Pick<
  DecideApprovalDeps,
  'store' | 'audit' | 'clock' | 'log' | 'messenger'
>;

/**
 * `/arize cancel REQUEST`: the requester withdraws a pending request. Same path as the Cancel
 * button: one conditional write, its audit record, then the message is redrawn.
 */
export function makeCancelApproval(deps: CancelApprovalDeps) {
  return async (
    requestId: string,
    requester: Requester,
  ): Promise<Result<string, DecisionRefusal>> => {
    const request = await deps.store.get(requestId);
    if (!request)
      return err({ code: 'APPROVAL.NOT_FOUND', message: `No approval request ${requestId}.` });
    if (request.status !== 'PENDING') return err(alreadyDecided(request.status));
    const result = await cancel(deps, request, requester);
    await refreshMessage(deps, request.id);
    return result;
  };
}

const alreadyDecided = (status: ApprovalStatus): DecisionRefusal => ({
  code: 'APPROVAL.ALREADY_DECIDED',
  message: `This request is already ${status.toLowerCase()}; your click changed nothing.`,
});

async function cancel(
  deps: CancelApprovalDeps,
  request: ApprovalRequest,
  voter: Requester,
): Promise<Result<string, DecisionRefusal>> {
  if (voter.userId !== request.requester.userId || voter.teamId !== request.requester.teamId) {
    return err({ code: 'APPROVAL.NOT_ALLOWED', message: 'Only the requester can cancel it.' });
  }
  return finish(deps, request, 'CANCELLED', voter.userId, {}, 'Cancelled: nothing will run.');
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
  await audit(deps, request, 'vote', userId, { decision: input.decision }, `vote#${userId}`);
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
    return finish(
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

/**
 * May this person vote on this pending request now? Checked against the current policy and group
 * membership (fail closed); an expired request is marked EXPIRED on the way. Returns the rule.
 */
export async function authorizeVote(
  deps: DecideApprovalDeps,
  request: ApprovalRequest,
  clicker: Requester,
): Promise<Result<ApprovalRule & { risk: Risk }, DecisionRefusal>> {
  const parsed = parseOperationArgs(request.operationId, request.args);
  const risk = parsed.ok ? parsed.value.risk : 'destructive';
  const rule = approvalRuleFor(deps.policy, request.operationId, risk);
  const voter = await voterOf(deps, clicker.userId);
  const refusal = approvalRefusal({
    request,
    voter,
    rule,
    teamId: deps.policy.teamId,
    groupMembers: await groupMembers(deps, rule.approvers, clicker.userId),
    ...(deps.botUserId ? { botUserId: deps.botUserId } : {}),
    now: deps.clock.now(),
  });
  if (refusal && deps.clock.now().getTime() >= Date.parse(request.expiresAt)) {
    await finish(deps, request, 'EXPIRED', undefined, {}, '');
    return err({ code: 'APPROVAL.EXPIRED', message: `Refused: ${refusal}` });
  }
  if (refusal) return err({ code: 'APPROVAL.NOT_ALLOWED', message: `Refused: ${refusal}` });
  return ok({ ...rule, risk });
}

/** The quorum is the higher of the one pinned at posting and the current policy's. */
async function addApproval(
  deps: DecideApprovalDeps,
  requestId: string,
  userId: string,
  currentQuorum: number,
  secret: boolean,
): Promise<Result<string, DecisionRefusal>> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
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
    if (reached) await audit(deps, current, 'approved', userId, { approvals: approvals.join(',') });
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
  return err({ code: 'APPROVAL.BUSY', message: 'Many people voted at once: click again.' });
}

const events = { REJECTED: 'rejected', CANCELLED: 'cancelled', EXPIRED: 'expired' } as const;

/**
 * Ends a pending request. Its audit record follows the conditional write (the vote record
 * preceded it): with concurrent clicks only the write itself decides whose decision it was.
 */
async function finish(
  deps: CancelApprovalDeps,
  request: ApprovalRequest,
  status: 'REJECTED' | 'CANCELLED' | 'EXPIRED',
  actor: string | undefined,
  changes: { rejectedBy?: string; rejectReason?: string },
  message: string,
): Promise<Result<string, DecisionRefusal>> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const current = await deps.store.get(request.id);
    if (!current) return err({ code: 'APPROVAL.NOT_FOUND', message: 'No such approval request.' });
    if (current.status !== 'PENDING') return err(alreadyDecided(current.status));
    if (await deps.store.update(request.id, current.version, { status, ...changes })) {
      await audit(
        deps,
        request,
        events[status],
        actor,
        changes.rejectReason ? { reason: changes.rejectReason } : {},
      );
      deps.log.info('approval decided', { approvalId: request.id, decision: status });
      return ok(message);
    }
  }
  return err({ code: 'APPROVAL.BUSY', message: 'Many people voted at once: click again.' });
}

async function voterOf(deps: DecideApprovalDeps, userId: string): Promise<Voter | undefined> {
  const person = await deps.directory.person(userId);
  if (!person) return undefined;
  // The subject check compares Arize e-mails: the policy's mapping wins over Slack's.
  const email = arizeEmailOf(deps.policy, userId, person.email);
  return { ...person, ...(email ? { email } : {}) };
}

/** Members of the rule's groups; a group Slack cannot list is left out (fail closed). */
async function groupMembers(
  deps: DecideApprovalDeps,
  approvers: readonly string[],
  userId: string,
): Promise<Map<string, readonly string[]>> {
  const members = new Map<string, readonly string[]>();
  if (approvers.includes(userId)) return members;
  for (const id of approvers.filter((a) => a.startsWith('S'))) {
    try {
      members.set(id, await deps.groups.members(id));
    } catch (error: unknown) {
      deps.log.warn('user group not readable', { groupId: id, error: String(error) });
    }
  }
  return members;
}

function audit(
  deps: Pick<DecideApprovalDeps, 'audit' | 'clock'>,
  request: ApprovalRequest,
  event: 'vote' | 'approved' | 'rejected' | 'cancelled' | 'expired',
  actor: string | undefined,
  detail: Record<string, string>,
  key: string = event,
): Promise<void> {
  return deps.audit.append({
    id: `${request.id}#${key}`,
    requestId: request.id,
    event,
    at: deps.clock.now().toISOString(),
    ...(actor ? { actor } : {}),
    detail,
  });
}

/** The execute job of an approved request; its id is fixed so a re-enqueue is the same job. */
export function executeJobFor(request: ApprovalRequest, now: Date): ExecuteApprovalJob {
  return {
    id: `execute-${request.id}`,
    kind: 'execute-approval',
    requestId: request.id,
    operationId: request.operationId,
    args: request.args,
    commandText: request.commandText,
    public: false,
    requester: request.requester,
    channelId: request.channel ?? '',
    responseUrl: request.responseUrl,
    enqueuedAt: now.toISOString(),
  };
}
