import { DEMO_WORKSPACE, findUser, resolveChannel } from './demo-workspace.ts';
import type { RecordedMessage } from './message-store.ts';
import type { StandinContext } from './standin-context.ts';
import { validateMessage } from './validate-blocks.ts';

export type ApiParams = Record<string, unknown>;
export type ApiResult = { ok: boolean } & Record<string, unknown>;
export type ApiMethod = (ctx: StandinContext, params: ApiParams) => ApiResult;

export const apiError = (error: string, messages: string[] = []): ApiResult =>
  messages.length > 0
    ? { ok: false, error, response_metadata: { messages } }
    : { ok: false, error };

/** A string parameter; form-encoded calls send everything as strings, JSON ones may not. */
export const param = (params: ApiParams, key: string): string | undefined => {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

/** The message object Slack returns from chat.postMessage / chat.update. */
export const slackMessageOf = (message: RecordedMessage): Record<string, unknown> => ({
  type: 'message',
  text: message.text,
  user: DEMO_WORKSPACE.botUserId,
  bot_id: DEMO_WORKSPACE.botId,
  app_id: DEMO_WORKSPACE.appId,
  team: DEMO_WORKSPACE.teamId,
  blocks: message.blocks,
  ts: message.ts,
  ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
});

const findBotMessage = (
  ctx: StandinContext,
  channel: string | undefined,
  ts: string | undefined,
): { channel: string; message: RecordedMessage } | undefined => {
  const id = channel === undefined ? undefined : resolveChannel(channel);
  if (id === undefined || ts === undefined) return undefined;
  const message = ctx.store.byTs(id, ts);
  return message && !message.ephemeral && !message.deleted ? { channel: id, message } : undefined;
};

const postMessage: ApiMethod = (ctx, params) => {
  const raw = param(params, 'channel');
  const channel = raw === undefined ? undefined : resolveChannel(raw);
  if (channel === undefined) return apiError('channel_not_found');
  const text = param(params, 'text');
  const checked = validateMessage(text, params.blocks);
  if (!checked.ok) return apiError(checked.error, checked.messages);
  const threadTs = param(params, 'thread_ts');
  const message = ctx.store.add({
    channel,
    ts: ctx.mintTs(),
    ephemeral: false,
    text: text ?? '',
    blocks: checked.blocks,
    source: 'chat.postMessage',
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
  });
  return { ok: true, channel, ts: message.ts, message: slackMessageOf(message) };
};

const update: ApiMethod = (ctx, params) => {
  const found = findBotMessage(ctx, param(params, 'channel'), param(params, 'ts'));
  if (!found) return apiError('message_not_found');
  const text = param(params, 'text');
  const checked = validateMessage(text, params.blocks);
  if (!checked.ok) return apiError(checked.error, checked.messages);
  // As Slack documents: fields left out keep their previous value.
  const message = ctx.store.update(
    found.message.id,
    {
      ...(text === undefined ? {} : { text }),
      ...(params.blocks === undefined ? {} : { blocks: checked.blocks }),
    },
    'chat.update',
  );
  return {
    ok: true,
    channel: found.channel,
    ts: message.ts,
    text: message.text,
    message: slackMessageOf(message),
  };
};

const postEphemeral: ApiMethod = (ctx, params) => {
  const raw = param(params, 'channel');
  const channel = raw === undefined ? undefined : resolveChannel(raw);
  if (channel === undefined) return apiError('channel_not_found');
  const userId = param(params, 'user');
  const user = userId === undefined ? undefined : findUser(userId);
  if (!user || user.deleted || user.is_bot || user.team_id !== DEMO_WORKSPACE.teamId) {
    return apiError('user_not_in_channel');
  }
  const text = param(params, 'text');
  const checked = validateMessage(text, params.blocks);
  if (!checked.ok) return apiError(checked.error, checked.messages);
  const threadTs = param(params, 'thread_ts');
  const message = ctx.store.add({
    channel,
    ts: ctx.mintTs(),
    user: user.id,
    ephemeral: true,
    text: text ?? '',
    blocks: checked.blocks,
    source: 'chat.postEphemeral',
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
  });
  return { ok: true, message_ts: message.ts };
};

const getPermalink: ApiMethod = (ctx, params) => {
  const found = findBotMessage(ctx, param(params, 'channel'), param(params, 'message_ts'));
  if (!found) return apiError('message_not_found');
  const ts = found.message.ts.replace('.', '');
  return {
    ok: true,
    channel: found.channel,
    // Slack's shape is https://<domain>.slack.com/archives/<channel>/p<ts>; ours opens the sandbox.
    permalink: `${ctx.publicBaseUrl}/sandbox/archives/${found.channel}/p${ts}`,
  };
};

export const CHAT_METHODS: Record<string, ApiMethod> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
