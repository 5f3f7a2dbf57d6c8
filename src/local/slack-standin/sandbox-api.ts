import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { DEMO_WORKSPACE, findUser, resolveChannel } from './demo-workspace.ts';
import { readBody, sendJson, sendText } from './http-io.ts';
import type { ResponseUrls } from './response-urls.ts';
import { type SandboxAccount, SandboxFaults } from './sandbox-account.ts';
import { findButton } from './sandbox-buttons.ts';
import { completeCommand } from './sandbox-completion.ts';
import { renderSandboxPage } from './sandbox-page.ts';
import { signSlackRequest } from './sign-slack-request.ts';
import { buildBlockActionsBody, buildSlashCommandBody } from './slack-payloads.ts';
import type { StandinContext } from './standin-context.ts';
import { validateMessage } from './validate-blocks.ts';
import { ViewOptionsRequest, ViewSelectRequest, viewOptions, viewSelect } from './view-selects.ts';
import { submitView, ViewSubmissionRequest } from './view-submissions.ts';

export interface SandboxOptions {
  commandsUrl: string;
  interactionsUrl: string;
  signingSecret: string;
  appId: string;
  /** The Arize account the panel shows and whose faults it toggles (absent: no panel). */
  account?: SandboxAccount;
}

/** What the page learns about one request the stand-in sent to the bot. */
export interface BotReply {
  status: number | null;
  body: string;
  elapsedMs: number;
  /** As Slack shows it when the app fails to answer in time or at all. */
  error?: 'operation_timeout' | 'dispatch_failed';
}

/** Slack gives up on an app that has not answered within 3 seconds. */
const ACK_TIMEOUT_MS = 3_000;

const CommandRequest = z.object({
  userId: z.string().min(1),
  channelId: z.string().min(1),
  text: z.string().max(4000),
});
const CloseViewRequest = z.object({ userId: z.string().min(1), viewId: z.string().min(1) });
const ActionRequest = z.object({
  userId: z.string().min(1),
  messageId: z.string().min(1),
  actionId: z.string().min(1),
  blockId: z.string().min(1),
  value: z.string().optional(),
});

const sendSigned = async (
  ctx: StandinContext,
  url: string,
  secret: string,
  body: string,
): Promise<BotReply> => {
  const started = performance.now();
  const headers = signSlackRequest(secret, body, ctx.now().getTime() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      },
      body,
      signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
    });
    const text = await response.text();
    const elapsedMs = Math.round(performance.now() - started);
    return response.ok
      ? { status: response.status, body: text, elapsedMs }
      : { status: response.status, body: text, elapsedMs, error: 'dispatch_failed' };
  } catch (error: unknown) {
    const elapsedMs = Math.round(performance.now() - started);
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      status: null,
      body: '',
      elapsedMs,
      error: timedOut ? 'operation_timeout' : 'dispatch_failed',
    };
  }
};

/** Parses a command's immediate (ack) response the way Slack displays it. */
const parseAck = (
  body: string,
): { text: string; blocks: unknown; inChannel: boolean } | undefined => {
  if (body.trim() === '') return undefined;
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      const ack = json as Record<string, unknown>;
      if (ack.text === undefined && ack.blocks === undefined) return undefined;
      return {
        text: typeof ack.text === 'string' ? ack.text : '',
        blocks: ack.blocks,
        inChannel: ack.response_type === 'in_channel',
      };
    }
  } catch {
    // Not JSON: Slack shows a plain-text ack as the message text.
  }
  return { text: body, blocks: undefined, inChannel: false };
};

export interface SandboxApi {
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
}

export const createSandboxApi = (
  ctx: StandinContext,
  responseUrls: ResponseUrls,
  options: SandboxOptions | undefined,
  resetWorkspace: () => void,
): SandboxApi => {
  const command = async (input: z.infer<typeof CommandRequest>): Promise<[number, unknown]> => {
    const user = findUser(input.userId);
    const channel = resolveChannel(input.channelId);
    if (!options || !user || user.is_bot) return [400, { error: 'unknown_user' }];
    if (channel === undefined || channel !== input.channelId)
      return [400, { error: 'channel_not_found' }];
    const { id: urlId, url: responseUrl } = responseUrls.issue(channel, user.id);
    const body = buildSlashCommandBody({
      userId: user.id,
      channelId: channel,
      text: input.text.trim().replace(/^\/arize(?:\s+|$)/i, ''),
      responseUrl,
      triggerId: ctx.triggers.issue(user.id),
      apiAppId: options.appId,
    });
    const reply = await sendSigned(ctx, options.commandsUrl, options.signingSecret, body);
    const ack = reply.status === 200 ? parseAck(reply.body) : undefined;
    if (ack) {
      const checked = validateMessage(ack.text, ack.blocks);
      if (!checked.ok) return [200, { ...reply, error: 'dispatch_failed', detail: checked.error }];
      const message = ctx.store.add({
        channel,
        ts: ctx.mintTs(),
        ...(ack.inChannel ? {} : { user: user.id }),
        ephemeral: !ack.inChannel,
        text: ack.text,
        blocks: checked.blocks,
        source: 'command_ack',
      });
      // A later response_url call with replace_original replaces this ack, as in Slack.
      responseUrls.bind(urlId, message.id);
    }
    return [200, reply];
  };

  const action = async (input: z.infer<typeof ActionRequest>): Promise<[number, unknown]> => {
    const user = findUser(input.userId);
    const message = ctx.store.byId(input.messageId);
    if (!options || !user || user.is_bot) return [400, { error: 'unknown_user' }];
    if (!message || message.deleted || message.channel === null)
      return [404, { error: 'message_not_found' }];
    if (message.ephemeral && message.user !== user.id) return [404, { error: 'message_not_found' }];
    const button = findButton(message.blocks, input.blockId, input.actionId);
    if (!button) return [404, { error: 'action_not_found' }];
    const { url: responseUrl } = responseUrls.issue(message.channel, user.id, {
      messageId: message.id,
    });
    const body = buildBlockActionsBody({
      userId: user.id,
      channelId: message.channel,
      message: {
        ts: message.ts,
        text: message.text,
        blocks: message.blocks,
        ephemeral: message.ephemeral,
        ...(message.thread_ts === undefined ? {} : { threadTs: message.thread_ts }),
      },
      // The value comes from the stored message, as Slack's does: the page cannot forge it.
      action: { ...button, blockId: input.blockId, actionId: input.actionId },
      responseUrl,
      triggerId: ctx.triggers.issue(user.id),
      actionTs: (ctx.now().getTime() / 1000).toFixed(6),
      apiAppId: options.appId,
    });
    return [200, await sendSigned(ctx, options.interactionsUrl, options.signingSecret, body)];
  };

  const postJson = async <T>(
    req: IncomingMessage,
    res: ServerResponse,
    schema: z.ZodType<T>,
    run: (input: T) => Promise<[number, unknown]>,
  ): Promise<void> => {
    let raw: unknown;
    try {
      raw = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, { error: 'invalid_json' });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      return sendJson(res, 400, { error: 'invalid_request', issues: parsed.error.issues });
    const [status, body] = await run(parsed.data);
    sendJson(res, status, body);
  };

  return {
    async handle(req, res, path) {
      const route = `${req.method ?? 'GET'} ${path}`;
      if (route === 'GET /sandbox/api/messages') {
        return sendJson(res, 200, { messages: ctx.store.all(), views: ctx.store.views() });
      }
      if (route === 'GET /sandbox/api/files') return sendJson(res, 200, { files: ctx.files.all() });
      if (route === 'DELETE /sandbox/api/messages') {
        ctx.store.clear();
        return sendJson(res, 200, { ok: true });
      }
      if (!options) return sendText(res, 404, 'the sandbox is off');
      if (route === 'POST /sandbox/api/command') return postJson(req, res, CommandRequest, command);
      if (route === 'POST /sandbox/api/action') return postJson(req, res, ActionRequest, action);
      const { interactionsUrl, signingSecret, appId } = options;
      const toApp = (body: string) => sendSigned(ctx, interactionsUrl, signingSecret, body);
      if (route === 'POST /sandbox/api/view-submission') {
        return postJson(req, res, ViewSubmissionRequest, (input) =>
          submitView(
            ctx,
            input,
            toApp,
            appId,
            (channel, user) => responseUrls.issue(channel, user).url,
          ),
        );
      }
      if (route === 'POST /sandbox/api/view-options') {
        return postJson(req, res, ViewOptionsRequest, (input) =>
          viewOptions(ctx, input, toApp, appId),
        );
      }
      if (route === 'POST /sandbox/api/view-select') {
        return postJson(req, res, ViewSelectRequest, (input) =>
          viewSelect(ctx, input, toApp, appId),
        );
      }
      if (route === 'GET /sandbox/api/account') {
        if (!options.account) return sendJson(res, 404, { error: 'no_emulated_account' });
        return sendJson(res, 200, await options.account.snapshot());
      }
      if (route === 'GET /sandbox/api/complete') {
        const text = new URL(req.url ?? '/', 'http://standin.invalid').searchParams.get('text');
        if (text === null || text.length > 4000) {
          return sendJson(res, 400, {
            error: 'invalid_request',
            detail: 'text: 0 to 4000 characters',
          });
        }
        const names = options.account?.names() ?? { orgs: [], spaces: [], users: [] };
        return sendJson(res, 200, completeCommand(text, names));
      }
      if (route === 'PUT /sandbox/api/faults') {
        const { account } = options;
        if (!account) return sendJson(res, 404, { error: 'no_emulated_account' });
        return postJson(req, res, SandboxFaults, async (faults) => {
          account.setFaults(faults);
          return [200, { ok: true, faults }];
        });
      }
      if (route === 'POST /sandbox/api/reset') {
        resetWorkspace();
        await options.account?.reset();
        return sendJson(res, 200, { ok: true });
      }
      if (route === 'POST /sandbox/api/view-close') {
        return postJson(req, res, CloseViewRequest, async ({ userId, viewId }) => {
          const view = ctx.store.view(viewId);
          if (!view || (view.user !== undefined && view.user !== userId)) {
            return [404, { error: 'view_not_found' }];
          }
          ctx.store.closeView(viewId);
          return [200, { ok: true }];
        });
      }
      if (route === 'GET /sandbox/api/workspace') {
        return sendJson(res, 200, {
          teamId: DEMO_WORKSPACE.teamId,
          botUserId: DEMO_WORKSPACE.botUserId,
          users: DEMO_WORKSPACE.users.filter((u) => !u.is_bot),
          channels: DEMO_WORKSPACE.channels,
          groups: DEMO_WORKSPACE.userGroups.map(({ id, handle }) => ({ id, handle })),
        });
      }
      if (req.method === 'GET' && (path === '/sandbox' || path.startsWith('/sandbox/archives/'))) {
        const nonce = randomBytes(16).toString('base64');
        return sendText(res, 200, renderSandboxPage(nonce), 'text/html; charset=utf-8', {
          'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
      }
      return sendText(res, 404, 'not found');
    },
  };
};
