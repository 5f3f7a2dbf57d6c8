import { isRequestId } from '../../domain/approvals/approval.ts';
import type { Requester } from '../../domain/job.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { ApproveClickDeps, ModalRefusal } from './approve-click.ts';
import { authorizeVote } from './authorize-vote.ts';
import type { DecisionRefusal } from './decision-refusal.ts';
import { refreshMessage } from './refresh-message.ts';

export interface RejectClickInput {
  requestId: string;
  voter: Requester;
  /** The click's trigger_id: valid 3 s and one modal; never logged. */
  triggerId: string;
}

/**
 * A click on Reject (ack path): opens a modal asking for an optional reason; its submission
 * (`makeSubmitRejection`) rejects.
 *
 * Primary course:
 * 1. Read the request; only a PENDING one can be rejected.
 * 2. Check now that this person may vote at all (the same checks as a vote: policy, groups,
 *    requester, subjects, bot, expiry), so a refused person gets the refusal and no modal.
 * 3. Open the modal with the click's trigger_id: the effect, the command, an optional reason; its
 *    private metadata is the request id. Nothing is recorded until it is submitted.
 */
export function makeRejectClick(deps: ApproveClickDeps) {
  return async (
    input: RejectClickInput,
  ): Promise<Result<'asking', DecisionRefusal | ModalRefusal>> => {
    const request = isRequestId(input.requestId)
      ? await deps.store.get(input.requestId)
      : undefined;
    if (!request) return err({ code: 'APPROVAL.NOT_FOUND', message: 'No such approval request.' });
    if (request.status !== 'PENDING') {
      return err({
        code: 'APPROVAL.ALREADY_DECIDED',
        message: `This request is already ${request.status.toLowerCase()}; your click changed nothing.`,
      });
    }
    const authorized = await authorizeVote(deps, request, input.voter);
    if (!authorized.ok) {
      if (authorized.error.code === 'APPROVAL.EXPIRED') await refreshMessage(deps, request.id);
      return authorized;
    }
    try {
      await deps.modals.open(input.triggerId, {
        kind: 'reject-reason',
        requestId: request.id,
        effect: request.plan.effect,
        commandText: request.commandText,
      });
    } catch (error: unknown) {
      deps.log.warn('reject modal not opened', {
        approvalId: request.id,
        error: error instanceof Error ? error.message : 'unknown',
      });
      return err({
        code: 'APPROVAL.MODAL_FAILED',
        message:
          'Slack could not open the rejection in time; nothing was recorded. Click Reject again.',
      });
    }
    return ok('asking');
  };
}
