import type { WindowView } from '../../app/modal-view.ts';
import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { Reply } from '../../domain/reply.ts';
import {
  actions,
  type Block,
  button,
  context,
  divider,
  fallbackText,
  header,
  plainText,
  section,
} from './block-kit.ts';
import type { SlackModal } from './render-confirmation.ts';
import { renderReply, type SlackMessage } from './render-reply.ts';

/** The action id of the Reveal button in the requester's direct message; the value is the request id. */
export const RevealActions = { reveal: 'approval-reveal' } as const;

/** Slack's limits on a modal: a 24-character title and close label, 100 blocks. */
const modalLimits = { title: 24, blocks: 100 } as const;

/**
 * A modal view as Slack takes it (views.open / views.update). Every string is plain text: the
 * secret too, so nothing in it is ever parsed as a mention, link or markup.
 */
export function renderWindow(view: WindowView): SlackModal {
  const blocks: Block[] = [
    ...renderReply(view.body).blocks,
    ...(view.secret
      ? [
          divider(),
          section(view.secret.label),
          { type: 'section', text: { ...plainText(view.secret.value), emoji: false } },
          context(`⚠️ ${view.secret.warning}`),
        ]
      : []),
  ];
  return {
    type: 'modal',
    title: plainText(view.title, modalLimits.title),
    close: plainText(view.close ?? 'Close', modalLimits.title),
    blocks: blocks.slice(0, modalLimits.blocks),
  };
}

/** The direct message that offers the Reveal button of an approved secret request. */
export function renderRevealOffer(request: ApprovalRequest): SlackMessage {
  return {
    text: fallbackText(`Your request ${request.id} was approved: reveal it by ${request.revealBy}`),
    blocks: [
      header(`Approved: request ${request.id}`),
      section(`/arize ${request.commandText}`),
      section(request.plan.effect),
      context(
        `Click Reveal by ${request.revealBy}. The secret is created only when you click, and shown to you once in a private window: have your secret manager ready. arize-ops keeps no copy.`,
      ),
      actions([button('Reveal', RevealActions.reveal, request.id, 'primary')]),
    ],
  };
}

/** The same message once the reveal is over: no button, and what became of it (no secret). */
export function renderRevealSettled(request: ApprovalRequest): SlackMessage {
  const outcome: Reply = request.result ?? { kind: 'text', text: request.status.toLowerCase() };
  const line =
    request.status === 'SUCCEEDED'
      ? '✅ Revealed once. arize-ops kept no copy: this button is gone for good.'
      : `❌ ${request.status === 'STALE' ? 'Stale' : 'Failed'}: ${summary(outcome)}`;
  return {
    text: fallbackText(`Request ${request.id}: ${request.status.toLowerCase()}`),
    blocks: [
      header(`Request ${request.id}`),
      section(`/arize ${request.commandText}`),
      section(line),
      ...(outcome.kind === 'error' && outcome.hint ? [context(outcome.hint)] : []),
    ],
  };
}

function summary(reply: Reply): string {
  switch (reply.kind) {
    case 'error':
      return reply.message;
    case 'detail':
    case 'list':
      return reply.title;
    default:
      return reply.text;
  }
}
