import type { ApprovalRequest, ApprovalStatus } from '../../domain/approvals/approval.ts';
import { isFinal } from '../../domain/approvals/approval.ts';
import { undoOf } from '../../domain/approvals/undo.ts';
import type { Reply } from '../../domain/reply.ts';
import {
  actions,
  type Block,
  button,
  context,
  divider,
  escapeMrkdwn,
  fallbackText,
  fieldsSection,
  header,
  limits,
  mention,
  mrkdwnText,
  section,
  slackDate,
  truncate,
} from './block-kit.ts';
import { fieldText, type SlackMessage } from './render-reply.ts';

/** A moment in the reader's own time zone (mrkdwn), or the escaped text when it is not one. */
const momentText = (iso: string | undefined): string =>
  (iso && slackDate(iso)) ?? escapeMrkdwn(iso ?? 'unknown');

/** Action ids of the approval buttons; the value is the request id. */
export const ApprovalActions = {
  approve: 'approval-approve',
  reject: 'approval-reject',
  cancel: 'approval-cancel',
  /** On a succeeded request whose plan captured the full previous state. */
  undo: 'approval-undo',
} as const;

const statusLine: Readonly<Record<ApprovalStatus, string>> = {
  PENDING: '⏳ Waiting for approval',
  APPROVED: '✅ Approved: running',
  EXECUTING: '⚙️ Running',
  SUCCEEDED: '✅ Succeeded',
  FAILED: '❌ Failed',
  REJECTED: '🚫 Rejected',
  EXPIRED: '⌛ Expired: nothing was run',
  CANCELLED: '🚫 Cancelled by the requester: nothing was run',
  STALE: '⚠️ Stale: the target changed after approval, nothing was run',
};

const mrkdwn = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

const confirm = (title: string, text: string, yes: string) => ({
  title: { type: 'plain_text', text: title },
  text: { type: 'plain_text', text },
  confirm: { type: 'plain_text', text: yes },
  deny: { type: 'plain_text', text: 'Back' },
});

/**
 * The approval message: what will happen (plain text: every string from Arize or a person is
 * untrusted), who asked, who may approve, the state, and the buttons while it is pending.
 */
export function renderApproval(request: ApprovalRequest): SlackMessage {
  const { plan } = request;
  const waitingForReveal = request.status === 'APPROVED' && request.revealBy !== undefined;
  const status = waitingForReveal
    ? '✅ Approved: waiting for the requester to reveal it'
    : statusLine[request.status];
  const state = `${status} (${request.approvals.length} of ${request.quorum} approvals)`;
  const blocks: Block[] = [
    header(`Approval request ${request.id}`),
    section(plan.effect),
    mrkdwn(
      `Asked by ${mention(request.requester.userId)}. Needs ${request.quorum} of ${request.approvers.map(mention).join(', ')}; never the requester or the people it is about.`,
    ),
    section(`/arize ${request.commandText}`),
    ...(request.reason ? [section(`Reason: ${request.reason}`)] : []),
    ...fieldSections(plan.targets),
    ...fieldSections(plan.preState),
    ...plan.cascades.map((c) => context(`Cascade: ${c}`)),
    ...plan.notes.map((n) => context(`Note: ${n}`)),
    divider(),
    section(state),
    ...(request.approvals.length > 0
      ? [mrkdwn(`Approved by ${request.approvals.map(mention).join(', ')}`)]
      : []),
    ...(request.rejectedBy ? [mrkdwn(`Rejected by ${mention(request.rejectedBy)}`)] : []),
    ...(request.rejectReason ? [section(`Why: ${request.rejectReason}`)] : []),
    ...(waitingForReveal
      ? [
          mrkdwn(
            `A direct message with a Reveal button was sent to the requester. The secret is created only when they click it (by ${momentText(request.revealBy)}) and shown to them once; nothing of it is posted here.`,
          ),
        ]
      : []),
    ...(request.staleReason ? [section(`What changed: ${request.staleReason}`)] : []),
    ...(request.result && isFinal(request.status) ? [section(resultText(request.result))] : []),
    context(
      mrkdwnText(
        `Expires ${momentText(request.expiresAt)}. Plan ${escapeMrkdwn(request.planHash.slice(0, 12))}, policy ${escapeMrkdwn(request.policySha.slice(0, 12))}.`,
      ),
    ),
    ...(request.status === 'PENDING' ? [buttons(request)] : []),
    ...(request.status === 'SUCCEEDED' ? [undoBlock(request)] : []),
  ];
  return {
    text: fallbackText(`Approval request ${request.id}: ${statusLine[request.status]}`),
    blocks: blocks.slice(0, limits.blocks),
  };
}

/** Fields in sections of at most ten (Slack's limit), so no target is silently dropped. */
function fieldSections(fields: readonly { label: string; value: string }[]): Block[] {
  const sections: Block[] = [];
  for (let i = 0; i < fields.length; i += limits.fields) {
    const part = fields.slice(i, i + limits.fields);
    sections.push(fieldsSection(part.map((f) => fieldText(f, '\n'))));
  }
  return sections;
}

function buttons(request: ApprovalRequest): Block {
  return actions([
    // A typed confirmation opens a modal that asks for the name: no confirm dialog before it.
    request.plan.confirmation
      ? button('Approve…', ApprovalActions.approve, request.id, 'primary')
      : {
          ...button('Approve', ApprovalActions.approve, request.id, 'primary'),
          confirm: confirm('Approve this change?', request.plan.effect, 'Approve'),
        },
    // Reject opens a modal (an optional reason, then Reject): it is its own confirmation.
    button('Reject…', ApprovalActions.reject, request.id, 'danger'),
    button('Cancel (requester)', ApprovalActions.cancel, request.id),
  ]);
}

/** Undo (the value is the request id, never a command) or why the change cannot be undone. */
function undoBlock(request: ApprovalRequest): Block {
  const decision = undoOf({
    operationId: request.operationId,
    args: request.args,
    projection: request.plan.projection,
  });
  if (!decision.undoable) return context(`Cannot be undone: ${decision.why}`);
  return actions([
    {
      ...button('Undo', ApprovalActions.undo, request.id),
      confirm: confirm(
        'Ask to undo this change?',
        // Slack caps a confirm dialog's text at 300 characters.
        truncate(`A new approval request for /arize ${decision.commandText}`, 300),
        'Ask',
      ),
    },
  ]);
}

function resultText(reply: Reply): string {
  switch (reply.kind) {
    case 'error':
      return `Result: ${reply.message}`;
    case 'detail':
      return `Result: ${reply.title}${reply.context ? `. ${reply.context}` : ''}`;
    case 'list':
      return `Result: ${reply.title}${reply.context ? `. ${reply.context}` : ''}`;
    default:
      return `Result: ${reply.text}`;
  }
}
