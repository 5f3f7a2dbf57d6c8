import type { Requester } from '../job.ts';
import type { ApprovalRequest } from './approval.ts';

/** How long the requester has to click Reveal after approval, unless told otherwise. */
export const defaultRevealWindowMs = 30 * 60_000;

/** Why a Reveal click may not go ahead, as a code and a sentence for the clicker. */
export interface RevealRefusal {
  code:
    | 'REVEAL.NOT_ALLOWED'
    | 'REVEAL.NOT_READY'
    | 'REVEAL.EXPIRED'
    | 'REVEAL.ALREADY_REVEALED'
    | 'REVEAL.IN_PROGRESS';
  message: string;
}

/**
 * Decides a Reveal click at click time: only the requester (same team), only an APPROVED request
 * whose reveal window is open and that no other click has claimed. Undefined when it may go ahead.
 */
export function revealRefusal(
  request: Pick<
    ApprovalRequest,
    'status' | 'requester' | 'revealBy' | 'revealViewId' | 'commandText'
  >,
  clicker: Requester,
  now: Date,
): RevealRefusal | undefined {
  const { requester } = request;
  if (clicker.userId !== requester.userId || clicker.teamId !== requester.teamId) {
    return {
      code: 'REVEAL.NOT_ALLOWED',
      message: 'Only the person who asked for this secret can reveal it.',
    };
  }
  if (request.status === 'SUCCEEDED') {
    return {
      code: 'REVEAL.ALREADY_REVEALED',
      message: 'It was already revealed: a secret is shown once only.',
    };
  }
  if (request.status === 'EXECUTING' || (request.status === 'APPROVED' && request.revealViewId)) {
    return {
      code: 'REVEAL.IN_PROGRESS',
      message: 'It is already being revealed in another window: a secret is shown once only.',
    };
  }
  if (request.status !== 'APPROVED' || request.revealBy === undefined) {
    return {
      code: 'REVEAL.NOT_READY',
      message: `This request is ${request.status.toLowerCase()}: there is nothing to reveal.`,
    };
  }
  if (now.getTime() >= Date.parse(request.revealBy)) {
    return {
      code: 'REVEAL.EXPIRED',
      message: `Too late: it had to be revealed by ${request.revealBy}, and nothing was created. Run /arize ${request.commandText} again to ask anew.`,
    };
  }
  return undefined;
}
