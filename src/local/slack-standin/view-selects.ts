import * as z from 'zod';
import { findUser } from './demo-workspace.ts';
import type { RecordedView } from './message-store.ts';
import { buildBlockSuggestionPayload, buildViewSelectPayload } from './slack-payloads.ts';
import type { StandinContext } from './standin-context.ts';
import type { SendSigned } from './view-submissions.ts';

/** What the sandbox page sends while a person types in an external_select of a modal. */
export const ViewOptionsRequest = z.object({
  userId: z.string().min(1),
  viewId: z.string().min(1),
  blockId: z.string().min(1).max(255),
  actionId: z.string().min(1).max(255),
  value: z.string().max(200),
});
export type ViewOptionsRequest = z.infer<typeof ViewOptionsRequest>;

/** What the sandbox page sends when a person picks an option of a select with dispatch_action. */
export const ViewSelectRequest = ViewOptionsRequest.extend({ text: z.string().max(3000) });
export type ViewSelectRequest = z.infer<typeof ViewSelectRequest>;

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The open view of this person and its input block with this select, or why not. */
function selectOf(
  ctx: StandinContext,
  input: ViewOptionsRequest,
  type: string | undefined,
): { ok: true; view: RecordedView; block: Rec } | { ok: false; answer: [number, unknown] } {
  const user = findUser(input.userId);
  if (!user || user.is_bot) return { ok: false, answer: [400, { error: 'unknown_user' }] };
  const view = ctx.store.view(input.viewId);
  if (!view || view.closed || (view.user !== undefined && view.user !== user.id)) {
    return { ok: false, answer: [404, { error: 'view_not_found' }] };
  }
  const block = (Array.isArray(view.view.blocks) ? view.view.blocks : []).find(
    (b): b is Rec =>
      isRecord(b) &&
      b.block_id === input.blockId &&
      isRecord(b.element) &&
      b.element.action_id === input.actionId &&
      (type === undefined || b.element.type === type),
  );
  if (!block) return { ok: false, answer: [404, { error: 'select_not_found' }] };
  return { ok: true, view, block };
}

interface SlackOption {
  text: { text: string };
  value: string;
}

/**
 * The options of an external_select, as Slack gets them: a signed block_suggestion to the app's
 * options URL with what was typed; its answer must be JSON with at most 100 options.
 */
export async function viewOptions(
  ctx: StandinContext,
  input: ViewOptionsRequest,
  send: SendSigned,
  appId: string,
): Promise<[number, unknown]> {
  const found = selectOf(ctx, input, 'external_select');
  if (!found.ok) return found.answer;
  const body = new URLSearchParams({
    payload: JSON.stringify(
      buildBlockSuggestionPayload({
        userId: input.userId,
        view: found.view.view,
        blockId: input.blockId,
        actionId: input.actionId,
        value: input.value,
        apiAppId: appId,
      }),
    ),
  }).toString();
  const reply = await send(body);
  if (reply.error || reply.status !== 200) return [200, { ...reply, options: [] }];
  let options: unknown;
  try {
    options = (JSON.parse(reply.body) as { options?: unknown }).options;
  } catch {
    return [200, { ...reply, error: 'dispatch_failed', detail: 'the answer is not JSON' }];
  }
  if (!Array.isArray(options) || options.length > 100) {
    return [
      200,
      { ...reply, error: 'dispatch_failed', detail: 'options: an array of at most 100' },
    ];
  }
  return [
    200,
    {
      elapsedMs: reply.elapsedMs,
      options: (options as SlackOption[]).map((o) => ({
        text: o.text?.text ?? '',
        value: o.value,
      })),
    },
  ];
}

/** A pick in a select whose input block has dispatch_action: a signed block_actions to the app. */
export async function viewSelect(
  ctx: StandinContext,
  input: ViewSelectRequest,
  send: SendSigned,
  appId: string,
): Promise<[number, unknown]> {
  const found = selectOf(ctx, input, undefined);
  if (!found.ok) return found.answer;
  const element = found.block.element as Rec;
  if (found.block.dispatch_action !== true) return [200, { sent: false }];
  const selectType = element.type === 'static_select' ? 'static_select' : 'external_select';
  const body = new URLSearchParams({
    payload: JSON.stringify(
      buildViewSelectPayload({
        userId: input.userId,
        view: found.view.view,
        blockId: input.blockId,
        actionId: input.actionId,
        selected: { value: input.value, text: input.text },
        selectType,
        triggerId: ctx.triggers.issue(input.userId),
        apiAppId: appId,
      }),
    ),
  }).toString();
  return [200, { sent: true, ...(await send(body)) }];
}
