import type { TypedConfirmation } from '../domain/approvals/plan.ts';
import type { Field, Reply } from '../domain/reply.ts';

/**
 * What a modal shows, independent of Block Kit: the Slack adapter renders it (every string here
 * is untrusted plain text). One kind per flow; the adapter owns Slack's ids (callback, blocks).
 */
export type ModalView = TypedConfirmationView | RejectReasonView | NoticeView | WindowView;

/** "Type the organization name to approve": the plan summary and one text input. */
export interface TypedConfirmationView {
  kind: 'typed-confirmation';
  /** Carried in the view's private metadata: the request id, nothing secret. */
  requestId: string;
  effect: string;
  targets: readonly Field[];
  cascades: readonly string[];
  notes: readonly string[];
  /** Approvals counted so far and the quorum, e.g. 1 of 2. */
  approvals: { count: number; quorum: number };
  confirmation: TypedConfirmation;
}

/** The longest reject reason kept (the modal's input allows as much). */
export const maxReasonLength = 500;

/** "Reject this request?" with an optional reason: the plan's effect and one text input. */
export interface RejectReasonView {
  kind: 'reject-reason';
  /** Carried in the view's private metadata: the request id, nothing secret. */
  requestId: string;
  effect: string;
  commandText: string;
}

/**
 * A window that shows a reply and, once, a secret (the Reveal flow: "Creating your key…", then
 * the key with a warning to store it now). At most 24 characters of title (Slack's limit).
 */
export interface WindowView {
  kind: 'window';
  title: string;
  /** What the window says. */
  body: Reply;
  /** A value shown once, on its own line (a new API key, a temporary password), with a warning. */
  secret?: { label: string; value: string; warning: string };
  /** The label of the close button (default "Close"). */
  close?: string;
}

/** A closing word in a modal (the vote counted, or why it did not). */
export interface NoticeView {
  kind: 'notice';
  title: string;
  text: string;
}
