import { isRequestId } from '../../domain/approvals/approval.ts';
import type { Requester } from '../../domain/job.ts';
import type { NoticeView } from '../modal-view.ts';
import { type DecideApprovalDeps, makeDecideApproval } from './decide-approval.ts';

export interface RejectionSubmission {
  /** From the view's private metadata: only a pointer; the submitter is re-authorized. */
  requestId: string;
  voter: Requester;
  /** The optional reason typed in the modal. */
  reason: string | undefined;
}

/**
 * The submission of the Reject modal (ack path; answered within Slack's 3 s).
 *
 * Primary course:
 * 1. Reject through the same decide path as any vote: the submitter is re-authorized against the
 *    current policy (the modal may have been open a while; its metadata may be crafted).
 * 2. The reason, trimmed and cut to 500 characters, is stored on the request, shown on the
 *    approval message (as plain text) and kept in the audit record.
 * 3. Replace the modal with what happened.
 */
export function makeSubmitRejection(deps: DecideApprovalDeps) {
  const decide = makeDecideApproval(deps);
  return async (input: RejectionSubmission): Promise<NoticeView> => {
    if (!isRequestId(input.requestId)) {
      return { kind: 'notice', title: 'Not recorded', text: 'No such approval request.' };
    }
    const result = await decide({
      requestId: input.requestId,
      decision: 'reject',
      voter: input.voter,
      ...(input.reason?.trim() ? { reason: input.reason } : {}),
    });
    return result.ok
      ? { kind: 'notice', title: 'Rejected', text: result.value }
      : { kind: 'notice', title: 'Not recorded', text: result.error.message };
  };
}
