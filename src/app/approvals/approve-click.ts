import { type ApprovalRequest, isRequestId } from '../../domain/approvals/approval.ts';
import type { TypedConfirmation } from '../../domain/approvals/plan.ts';
import type { Requester } from '../../domain/job.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { TypedConfirmationView } from '../modal-view.ts';
import type { ModalPresenter } from '../ports.ts';
import { authorizeVote } from './authorize-vote.ts';
import { type DecideApprovalDeps, makeDecideApproval } from './decide-approval.ts';
import type { DecisionRefusal } from './decision-refusal.ts';
import { refreshMessage } from './refresh-message.ts';

export interface ApproveClickInput {
  requestId: string;
  voter: Requester;
  /** The click's trigger_id: valid 3 s and one modal; never logged. */
  triggerId: string;
}

/** A plain vote was recorded (its message is for the clicker), or the confirmation modal opened. */
export type ApproveClickOutcome = { kind: 'voted'; message: string } | { kind: 'confirming' };

/** The click failed to open Slack's modal (the trigger expired, Slack refused): nothing recorded. */
export interface ModalRefusal {
  code: 'APPROVAL.MODAL_FAILED';
  message: string;
}

export interface ApproveClickDeps extends DecideApprovalDeps {
  modals: ModalPresenter;
}

/**
 * A click on Approve (ack path). Plans that ask for a typed confirmation open a modal instead of
 * voting; the vote is then cast by the modal's submission (`makeSubmitConfirmation`).
 *
 * Primary course:
 * 1. Read the request; only a PENDING one can be approved.
 * 2. A plan without a typed confirmation: decide the vote as any click (`makeDecideApproval`).
 * 3. Otherwise check now that this person may vote at all (same checks as a vote: policy, groups,
 *    requester, subjects, bot, expiry), so a refused person gets the refusal and no modal.
 * 4. Open the modal with the click's trigger_id: the plan summary and "Type the … to approve";
 *    its private metadata is the request id.
 */
export function makeApproveClick(deps: ApproveClickDeps) {
  const decide = makeDecideApproval(deps);
  return async (
    input: ApproveClickInput,
  ): Promise<Result<ApproveClickOutcome, DecisionRefusal | ModalRefusal>> => {
    if (!isRequestId(input.requestId)) {
      return err({ code: 'APPROVAL.NOT_FOUND', message: 'No such approval request.' });
    }
    const request = await deps.store.get(input.requestId);
    const confirmation = request?.plan.confirmation;
    if (!request || !confirmation || request.status !== 'PENDING') {
      const voted = await decide({
        requestId: input.requestId,
        decision: 'approve',
        voter: input.voter,
      });
      return voted.ok ? ok({ kind: 'voted', message: voted.value }) : voted;
    }
    const authorized = await authorizeVote(deps, request, input.voter);
    if (!authorized.ok) {
      if (authorized.error.code === 'APPROVAL.EXPIRED') await refreshMessage(deps, request.id);
      return authorized;
    }
    try {
      const view = confirmationView(request, confirmation, authorized.value.quorum);
      await deps.modals.open(input.triggerId, view);
    } catch (error: unknown) {
      deps.log.warn('confirmation modal not opened', {
        approvalId: request.id,
        error: error instanceof Error ? error.message : 'unknown',
      });
      return err({
        code: 'APPROVAL.MODAL_FAILED',
        message:
          'Slack could not open the confirmation in time; nothing was recorded. Click Approve again.',
      });
    }
    return ok({ kind: 'confirming' });
  };
}

/** The modal of a request whose plan asks for a typed confirmation. */
export function confirmationView(
  request: ApprovalRequest,
  confirmation: TypedConfirmation,
  currentQuorum: number,
): TypedConfirmationView {
  const { plan } = request;
  return {
    kind: 'typed-confirmation',
    requestId: request.id,
    effect: plan.effect,
    targets: plan.targets,
    cascades: plan.cascades,
    notes: plan.notes,
    approvals: {
      count: request.approvals.length,
      quorum: Math.max(request.quorum, currentQuorum),
    },
    confirmation,
  };
}
