import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { Requester } from '../../domain/job.ts';
import { err, type Result } from '../../domain/result.ts';
import type { ApprovalMessenger } from '../ports.ts';
import { alreadyDecided, type DecisionRefusal } from './decision-refusal.ts';
import { type EndPendingApprovalDeps, endPendingApproval } from './end-pending-approval.ts';
import { refreshMessage } from './refresh-message.ts';

/** What cancelling needs: no queue, policy or Slack lookups (only the requester may cancel). */
export interface CancelApprovalDeps extends EndPendingApprovalDeps {
  messenger: ApprovalMessenger;
}

/**
 * `/arize cancel REQUEST`: the requester withdraws a pending request. Same path as the Cancel
 * button (`makeDecideApproval` with `cancel`).
 *
 * Primary course:
 * 1. Read the request; only a PENDING one can be cancelled, only by its requester.
 * 2. One conditional write to CANCELLED, then its audit record.
 * 3. Redraw the message.
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
    const result = await cancelRequest(deps, request, requester);
    await refreshMessage(deps, request.id);
    return result;
  };
}

/** Cancels a pending request when the clicker is its requester (the message is not redrawn). */
export async function cancelRequest(
  deps: EndPendingApprovalDeps,
  request: ApprovalRequest,
  clicker: Requester,
): Promise<Result<string, DecisionRefusal>> {
  if (clicker.userId !== request.requester.userId || clicker.teamId !== request.requester.teamId) {
    return err({ code: 'APPROVAL.NOT_ALLOWED', message: 'Only the requester can cancel it.' });
  }
  return endPendingApproval(
    deps,
    request,
    'CANCELLED',
    clicker.userId,
    {},
    'Cancelled: nothing will run.',
  );
}
