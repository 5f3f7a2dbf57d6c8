import type { ApprovalRequest } from '../domain/approvals/approval.ts';
import type { Reply } from '../domain/reply.ts';

/**
 * A modal window, independent of Block Kit: the adapter renders every string as plain text.
 * At most 24 characters of title (Slack's limit).
 */
export interface ModalView {
  title: string;
  /** What the window says. */
  body: Reply;
  /** A value shown once, on its own line (a new API key, a temporary password), with a warning. */
  secret?: { label: string; value: string; warning: string };
  /** The label of the close button (default "Close"). */
  close?: string;
}

/**
 * Opens and redraws modal windows (Slack `views.open` / `views.update`). Failures are thrown: a
 * trigger older than 3 seconds, a window the person closed, any Slack error.
 */
export interface ModalPresenter {
  /** Opens a window with a click's trigger id (valid 3 seconds, once); returns its view id. */
  open(triggerId: string, view: ModalView): Promise<string>;
  /** Replaces what an open window shows. */
  update(viewId: string, view: ModalView): Promise<void>;
}

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
