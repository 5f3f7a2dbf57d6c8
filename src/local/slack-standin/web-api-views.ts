import { randomBytes } from 'node:crypto';
import { DEMO_WORKSPACE } from './demo-workspace.ts';
import type { RecordedView } from './message-store.ts';
import type { StandinContext } from './standin-context.ts';
import { validateView } from './validate-blocks.ts';
import { type ApiMethod, type ApiParams, type ApiResult, apiError, param } from './web-api-chat.ts';

/** Slack allows a root modal plus two pushed views. */
const VIEW_STACK_MAX = 3;

const parseView = (params: ApiParams): Record<string, unknown> | undefined => {
  let value = params.view;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
};

const newViewId = (): string => `V${randomBytes(6).toString('hex').toUpperCase().slice(0, 10)}`;
const newHash = (ctx: StandinContext): string =>
  `${Math.floor(ctx.now().getTime() / 1000)}.${randomBytes(6).toString('base64url')}`;

/** The view object Slack returns: the submitted fields plus the ones Slack fills in. */
export const materialize = (
  ctx: StandinContext,
  id: string,
  input: Record<string, unknown>,
  rootViewId: string,
  previousViewId: string | null,
): Record<string, unknown> => ({
  id,
  team_id: DEMO_WORKSPACE.teamId,
  type: input.type,
  title: input.title,
  ...(input.submit === undefined ? {} : { submit: input.submit }),
  ...(input.close === undefined ? {} : { close: input.close }),
  blocks: input.blocks,
  private_metadata: input.private_metadata ?? '',
  callback_id: input.callback_id ?? '',
  external_id: input.external_id ?? '',
  state: { values: {} },
  hash: newHash(ctx),
  clear_on_close: input.clear_on_close ?? false,
  notify_on_close: input.notify_on_close ?? false,
  root_view_id: rootViewId,
  previous_view_id: previousViewId,
  app_id: DEMO_WORKSPACE.appId,
  app_installed_team_id: DEMO_WORKSPACE.teamId,
  bot_id: DEMO_WORKSPACE.botId,
});

const checkedView = (
  params: ApiParams,
): { ok: true; view: Record<string, unknown> } | { ok: false; result: ApiResult } => {
  const view = parseView(params);
  if (!view)
    return { ok: false, result: apiError('invalid_arguments', ['[ERROR] view is required']) };
  const issues = validateView(view);
  return issues.length > 0
    ? { ok: false, result: apiError('invalid_arguments', issues) }
    : { ok: true, view };
};

const openOrPush =
  (source: 'views.open' | 'views.push'): ApiMethod =>
  (ctx, params) => {
    const triggerId = param(params, 'trigger_id');
    if (triggerId === undefined)
      return apiError('invalid_arguments', ['[ERROR] missing trigger_id']);
    const checked = checkedView(params);
    if (!checked.ok) return checked.result;
    const trigger = ctx.triggers.consume(triggerId);
    if (!trigger.ok) return apiError(trigger.error);
    const id = newViewId();
    let root: RecordedView | undefined;
    if (source === 'views.push') {
      root = ctx.store
        .views()
        .filter(
          (v) =>
            v.source === 'views.open' && (trigger.user === undefined || v.user === trigger.user),
        )
        .at(-1);
      const stack = root ? ctx.store.views().filter((v) => v.rootViewId === root?.id) : [];
      if (stack.length >= VIEW_STACK_MAX) return apiError('push_limit_reached');
    }
    const previous = root
      ? (ctx.store
          .views()
          .filter((v) => v.rootViewId === root?.id)
          .at(-1)?.id ?? null)
      : null;
    const rootViewId = root?.id ?? id;
    const view = materialize(ctx, id, checked.view, rootViewId, previous);
    ctx.store.addView({
      id,
      source,
      ...(trigger.user === undefined ? {} : { user: trigger.user }),
      rootViewId,
      previousViewId: previous,
      view,
    });
    return { ok: true, view };
  };

const update: ApiMethod = (ctx, params) => {
  const viewId = param(params, 'view_id');
  const externalId = param(params, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    return apiError('invalid_arguments', ['[ERROR] view_id or external_id is required']);
  }
  const checked = checkedView(params);
  if (!checked.ok) return checked.result;
  const existing = ctx.store
    .views()
    .find((v) => (viewId !== undefined ? v.id === viewId : v.view.external_id === externalId));
  // A window the person closed is gone for Slack too (documented choice: `not_found`).
  if (!existing || existing.closed) return apiError('not_found');
  const hash = param(params, 'hash');
  if (hash !== undefined && hash !== existing.view.hash) return apiError('hash_conflict');
  const view = materialize(
    ctx,
    existing.id,
    checked.view,
    existing.rootViewId,
    existing.previousViewId,
  );
  ctx.store.updateView(existing.id, view);
  return { ok: true, view };
};

export const VIEW_METHODS: Record<string, ApiMethod> = {
  'views.open': openOrPush('views.open'),
  'views.push': openOrPush('views.push'),
  'views.update': update,
};
