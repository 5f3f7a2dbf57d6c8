import * as z from 'zod';
import { findUser } from './demo-workspace.ts';
import type { RecordedView } from './message-store.ts';
import { buildViewSubmissionPayload } from './slack-payloads.ts';
import type { StandinContext } from './standin-context.ts';
import { validateView } from './validate-blocks.ts';
import { materialize } from './web-api-views.ts';

/** An option picked in a select (a conversations_select's value is the conversation id). */
const Picked = z.object({ value: z.string().min(1).max(150), text: z.string().max(3000) });

/** What the sandbox page sends when a person clicks a modal's submit button. */
export const ViewSubmissionRequest = z.object({
  userId: z.string().min(1),
  viewId: z.string().min(1),
  /** block_id → action_id → typed text (plain_text_input) or the option picked (selects). */
  values: z.record(z.string(), z.record(z.string(), z.union([z.string().max(3000), Picked]))),
});
export type ViewSubmissionRequest = z.infer<typeof ViewSubmissionRequest>;

/** What the stand-in learned from sending a signed request to the bot (see sandbox-api). */
export interface SentReply {
  status: number | null;
  body: string;
  elapsedMs: number;
  error?: 'operation_timeout' | 'dispatch_failed';
}

export type SendSigned = (body: string) => Promise<SentReply>;

/** The inputs the sandbox offers: typed text, and the three selects the bot's modals use. */
const offered = ['plain_text_input', 'static_select', 'external_select', 'conversations_select'];

interface TextInput {
  blockId: string;
  actionId: string;
  type: string;
  optional: boolean;
  minLength: number;
  maxLength: number;
  /** A conversations_select that asks Slack for the picked conversation's response_url. */
  responseUrl: boolean;
}

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The inputs of a view's input blocks that the sandbox offers (text inputs and selects). */
const textInputs = (view: Rec): TextInput[] =>
  (Array.isArray(view.blocks) ? view.blocks : []).flatMap((block, index) => {
    if (!isRecord(block) || block.type !== 'input' || !isRecord(block.element)) return [];
    const element = block.element;
    if (typeof element.type !== 'string' || !offered.includes(element.type)) return [];
    return [
      {
        blockId: typeof block.block_id === 'string' ? block.block_id : `b${index}`,
        actionId: typeof element.action_id === 'string' ? element.action_id : 'a0',
        type: element.type,
        optional: block.optional === true,
        minLength: typeof element.min_length === 'number' ? element.min_length : 0,
        maxLength: typeof element.max_length === 'number' ? element.max_length : 3000,
        responseUrl: element.response_url_enabled === true,
      },
    ];
  });

type Submitted = ViewSubmissionRequest['values'][string][string];

/** The text of a typed value, or the value of a picked option ('' when nothing). */
const valueText = (value: Submitted | undefined): string =>
  value === undefined ? '' : typeof value === 'string' ? value : value.value;

/** One input's state as Slack puts it in view.state.values. */
function stateOf(input: TextInput, value: Submitted | undefined): Rec {
  if (input.type === 'plain_text_input') {
    return { type: input.type, value: typeof value === 'string' ? value : '' };
  }
  const picked = typeof value === 'object' ? value : undefined;
  if (input.type === 'conversations_select') {
    return { type: input.type, selected_conversation: picked?.value ?? null };
  }
  return {
    type: input.type,
    selected_option: picked
      ? { text: { type: 'plain_text', text: picked.text, emoji: false }, value: picked.value }
      : null,
  };
}

/** Slack checks required fields and lengths in the client: such a submission is never sent. */
const clientErrors = (inputs: TextInput[], values: Rec): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const input of inputs) {
    const value = (values[input.blockId] as Record<string, Submitted> | undefined)?.[
      input.actionId
    ];
    if (input.type !== 'plain_text_input') {
      if (valueText(value) === '' && !input.optional) {
        errors[input.blockId] = 'Please select an option.';
      }
      continue;
    }
    const text = valueText(value);
    if (text === '' && !input.optional)
      errors[input.blockId] = 'Please complete this required field.';
    else if (text !== '' && text.length < input.minLength) {
      errors[input.blockId] = `Please enter at least ${input.minLength} characters.`;
    } else if (text.length > input.maxLength) {
      errors[input.blockId] = `Please enter at most ${input.maxLength} characters.`;
    }
  }
  return errors;
};

/** The app's answer was not one Slack accepts: the person sees Slack's generic error. */
const failed = (reply: SentReply, detail: string, issues?: string[]) => ({
  ...reply,
  error: 'dispatch_failed' as const,
  detail,
  ...(issues ? { issues } : {}),
});

/**
 * Submits a modal as Slack does: checks required fields in the "client", sends a signed
 * view_submission, then applies the app's answer (close on an empty 200; `errors` only on input
 * blocks; `update` with a valid view; `clear` closes the stack). Anything else fails as in Slack.
 */
export const submitView = async (
  ctx: StandinContext,
  input: ViewSubmissionRequest,
  send: SendSigned,
  appId: string,
  /** A response_url for a conversation, for selects with `response_url_enabled`. */
  responseUrlFor: (channelId: string, userId: string) => string,
): Promise<[number, unknown]> => {
  const user = findUser(input.userId);
  const recorded = ctx.store.view(input.viewId);
  if (!user || user.is_bot) return [400, { error: 'unknown_user' }];
  if (!recorded || recorded.closed || (recorded.user !== undefined && recorded.user !== user.id)) {
    return [404, { error: 'view_not_found' }];
  }
  if (recorded.view.submit === undefined) return [400, { error: 'view_has_no_submit_button' }];
  const inputs = textInputs(recorded.view);
  const known = new Set(inputs.map((i) => `${i.blockId}/${i.actionId}`));
  for (const [blockId, actions] of Object.entries(input.values)) {
    for (const actionId of Object.keys(actions)) {
      if (!known.has(`${blockId}/${actionId}`)) return [400, { error: 'unknown_input' }];
    }
  }
  const errors = clientErrors(inputs, input.values);
  if (Object.keys(errors).length > 0) return [200, { sent: false, errors }];
  const payload = buildViewSubmissionPayload({
    userId: user.id,
    view: recorded.view,
    values: {},
    triggerId: ctx.triggers.issue(user.id),
    apiAppId: appId,
  });
  const values: Record<string, Record<string, Rec>> = {};
  const responseUrls: Rec[] = [];
  for (const i of inputs) {
    const value = input.values[i.blockId]?.[i.actionId];
    values[i.blockId] = { [i.actionId]: stateOf(i, value) };
    if (i.responseUrl && typeof value === 'object') {
      responseUrls.push({
        block_id: i.blockId,
        action_id: i.actionId,
        channel_id: value.value,
        response_url: responseUrlFor(value.value, user.id),
      });
    }
  }
  payload.view = { ...(payload.view as Rec), state: { values } };
  payload.response_urls = responseUrls;
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const reply = await send(body);
  if (reply.error) return [200, reply];
  return [200, applyAnswer(ctx, recorded, inputs, reply)];
};

function applyAnswer(
  ctx: StandinContext,
  recorded: RecordedView,
  inputs: TextInput[],
  reply: SentReply,
): unknown {
  if (reply.body.trim() === '') {
    ctx.store.closeView(recorded.id);
    return { ...reply, action: 'close' };
  }
  let answer: unknown;
  try {
    answer = JSON.parse(reply.body);
  } catch {
    return failed(reply, 'the answer is not JSON');
  }
  if (!isRecord(answer)) return failed(reply, 'the answer is not an object');
  switch (answer.response_action) {
    case 'errors': {
      const blockIds = new Set(inputs.map((i) => i.blockId));
      const errors = answer.errors;
      if (!isRecord(errors) || Object.keys(errors).length === 0) {
        return failed(reply, 'errors must name at least one input block');
      }
      for (const [blockId, message] of Object.entries(errors)) {
        if (!blockIds.has(blockId)) return failed(reply, `${blockId} is not an input block`);
        if (typeof message !== 'string' || message === '') {
          return failed(reply, `the error for ${blockId} must be a non-empty string`);
        }
      }
      return { ...reply, action: 'errors', errors };
    }
    case 'update': {
      const issues = validateView(answer.view);
      if (issues.length > 0) return failed(reply, 'invalid view', issues);
      const view = materialize(
        ctx,
        recorded.id,
        answer.view as Rec,
        recorded.rootViewId,
        recorded.previousViewId,
      );
      ctx.store.updateView(recorded.id, view);
      return { ...reply, action: 'update' };
    }
    case 'clear':
      for (const v of ctx.store.views()) {
        if (v.rootViewId === recorded.rootViewId && !v.closed) ctx.store.closeView(v.id);
      }
      return { ...reply, action: 'clear' };
    default:
      // Any other JSON (or `push`, which the stand-in does not model) fails as Slack shows it.
      return failed(reply, `unsupported response_action ${String(answer.response_action)}`);
  }
}
