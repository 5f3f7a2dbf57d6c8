import type { ViewsOpenArguments } from '@slack/web-api';
import type { ModalView, RejectReasonView, TypedConfirmationView } from '../../app/modal-view.ts';
import { maxReasonLength } from '../../app/modal-view.ts';
import {
  type Block,
  context,
  fieldsSection,
  limits,
  plainText,
  section,
  truncate,
} from './block-kit.ts';
import { renderWindow } from './render-reveal.ts';

/** Slack ids of the confirmation modal: its callback and the block and action of its input. */
export const ConfirmationIds = {
  callbackId: 'approval-confirm',
  inputBlock: 'typed-confirmation',
  inputAction: 'typed-confirmation-input',
} as const;

/** Slack ids of the Reject modal: its callback and the block and action of its reason input. */
export const RejectIds = {
  callbackId: 'approval-reject',
  inputBlock: 'reject-reason',
  inputAction: 'reject-reason-input',
} as const;

/** Slack's limits for modals. */
const modalLimits = { title: 24, button: 24, blocks: 100, label: 2000, metadata: 3000 } as const;

/** A Slack modal view (views.open / views.update / response_action "update"). */
export interface SlackModal {
  type: 'modal';
  callback_id?: string;
  title: ReturnType<typeof plainText>;
  submit?: ReturnType<typeof plainText>;
  close: ReturnType<typeof plainText>;
  private_metadata?: string;
  blocks: Block[];
}

/** The Web API's view type (from @slack/types): the same JSON as `SlackModal`, typed narrowly. */
export type SlackView = ViewsOpenArguments['view'];

/** Renders a modal; every string from Arize or a person goes into `plain_text`. */
export function renderModal(view: ModalView): SlackView {
  return renderModalJson(view) as unknown as SlackView;
}

/** The modal as plain JSON (what tests inspect). */
export function renderModalJson(view: ModalView): SlackModal {
  if (view.kind === 'notice') {
    return {
      type: 'modal',
      title: plainText(view.title, modalLimits.title),
      close: plainText('Close', modalLimits.button),
      blocks: [section(view.text)],
    };
  }
  if (view.kind === 'reject-reason') return renderRejectReason(view);
  if (view.kind === 'window') return renderWindow(view);
  return renderConfirmation(view);
}

function renderRejectReason(view: RejectReasonView): SlackModal {
  return {
    type: 'modal',
    callback_id: RejectIds.callbackId,
    title: plainText('Reject request', modalLimits.title),
    submit: plainText('Reject', modalLimits.button),
    close: plainText('Cancel', modalLimits.button),
    private_metadata: view.requestId.slice(0, modalLimits.metadata),
    blocks: [
      section(view.effect),
      context(`/arize ${view.commandText}`),
      {
        type: 'input',
        block_id: RejectIds.inputBlock,
        optional: true,
        label: plainText('Reason (optional, shown on the request)', modalLimits.label),
        element: {
          type: 'plain_text_input',
          action_id: RejectIds.inputAction,
          multiline: true,
          max_length: maxReasonLength,
          placeholder: plainText('Why not?', 150),
        },
      },
    ],
  };
}

function renderConfirmation(view: TypedConfirmationView): SlackModal {
  const { confirmation } = view;
  const fields = view.targets.map((f) => `${f.label}\n${f.value}`);
  const blocks: Block[] = [
    section(view.effect),
    ...chunks(fields, limits.fields).map(fieldsSection),
    ...view.cascades.map((c) => context(`Cascade: ${c}`)),
    ...view.notes.map((n) => context(`Note: ${n}`)),
    context(`${view.approvals.count} of ${view.approvals.quorum} approvals so far.`),
    section(`Type the ${confirmation.label} “${confirmation.expected}” to approve.`),
    {
      type: 'input',
      block_id: ConfirmationIds.inputBlock,
      label: plainText(upperFirst(confirmation.label), modalLimits.label),
      element: {
        type: 'plain_text_input',
        action_id: ConfirmationIds.inputAction,
        placeholder: plainText(truncate(confirmation.expected, 150), 150),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: ConfirmationIds.callbackId,
    title: plainText('Confirm approval', modalLimits.title),
    submit: plainText('Approve', modalLimits.button),
    close: plainText('Cancel', modalLimits.button),
    private_metadata: view.requestId.slice(0, modalLimits.metadata),
    blocks: blocks.slice(0, modalLimits.blocks),
  };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** What the person typed, read from a view_submission's state (undefined when absent). */
export function typedValue(
  state: unknown,
  ids: { inputBlock: string; inputAction: string } = ConfirmationIds,
): string | undefined {
  const values = (state as { values?: Record<string, Record<string, { value?: unknown }>> })
    ?.values;
  const value = values?.[ids.inputBlock]?.[ids.inputAction]?.value;
  return typeof value === 'string' ? value : undefined;
}
