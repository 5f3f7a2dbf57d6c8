import { isRequestId } from '../../domain/approvals/approval.ts';
import type { Requester } from '../../domain/job.ts';
import type { NoticeView } from '../modal-view.ts';
import { type DecideApprovalDeps, makeDecideApproval } from './decide-approval.ts';

export interface ConfirmationSubmission {
  /** From the view's private metadata: only a pointer; the submitter is re-authorized. */
  requestId: string;
  voter: Requester;
  /** What the person typed in the modal's input. */
  typed: string | undefined;
}

/**
 * How the modal answers: `retype` keeps it open with the message under the input (nothing was
 * recorded); `done` replaces it with a notice (the vote counted, or why it could not).
 */
export type ConfirmationAnswer = { kind: 'retype'; message: string } | NoticeView;

/**
 * The submission of a typed-confirmation modal (ack path; answered within Slack's 3 s).
 *
 * Primary course:
 * 1. Re-authorize the submitter against the current policy, exactly as a click (the modal may have
 *    been open for a while; its metadata may have been crafted): a refusal ends the modal with it.
 * 2. Compare the typed text with the plan's, exactly: a mismatch keeps the modal open, recording
 *    nothing.
 * 3. Record the approval through the same decide path (one person counts once; the quorum write
 *    enqueues the execution once) and redraw the approval message.
 * 4. Replace the modal with what happened ("Your approval counts: 1 of 2.").
 */
export function makeSubmitConfirmation(deps: DecideApprovalDeps) {
  const decide = makeDecideApproval(deps);
  return async (input: ConfirmationSubmission): Promise<ConfirmationAnswer> => {
    if (!isRequestId(input.requestId)) {
      return { kind: 'notice', title: 'Not recorded', text: 'No such approval request.' };
    }
    const result = await decide({
      requestId: input.requestId,
      decision: 'approve',
      voter: input.voter,
      typedConfirmation: input.typed ?? '',
    });
    if (result.ok) return { kind: 'notice', title: 'Approval recorded', text: result.value };
    if (result.error.code === 'APPROVAL.CONFIRMATION_MISMATCH') {
      return { kind: 'retype', message: result.error.message };
    }
    return { kind: 'notice', title: 'Not recorded', text: result.error.message };
  };
}
