import type { ApprovalRequest } from '../domain/approvals/approval.ts';

/** Where a direct message is: its channel and ts. */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** The requester's direct message with the Reveal button of an approved secret request. */
export interface RevealMessenger {
  /** Sends the requester the Reveal button (chat.postMessage to their user id). */
  offer(request: ApprovalRequest): Promise<MessageRef>;
  /** Redraws that message once the reveal is over: no button, what became of the request. */
  settle(message: MessageRef, request: ApprovalRequest): Promise<void>;
}
