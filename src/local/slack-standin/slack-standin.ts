import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BotInstall, createBotInstall } from './bot-install.ts';
import { parseParams, readBody, sendJson, sendText } from './http-io.ts';
import { createMessageStore, type RecordedMessage, type RecordedView } from './message-store.ts';
import { createResponseUrls, RESPONSE_URL_PREFIX } from './response-urls.ts';
import { createSandboxApi, type SandboxOptions } from './sandbox-api.ts';
import { createTsMinter, type StandinContext } from './standin-context.ts';
import { createTriggerRegistry } from './trigger-registry.ts';
import { callWebApi } from './web-api.ts';
import {
  createFileStore,
  type RecordedFile,
  receiveUpload,
  UPLOAD_PREFIX,
} from './web-api-files.ts';

export type { BotInstall } from './bot-install.ts';
export { DEMO_WORKSPACE } from './demo-workspace.ts';
export type { MessageVersion, RecordedMessage, RecordedView } from './message-store.ts';
export type { SandboxAccount, SandboxFaults } from './sandbox-account.ts';
export type { SandboxOptions } from './sandbox-api.ts';
export type { RecordedFile } from './web-api-files.ts';

export interface SlackStandinOptions {
  /** e.g. http://localhost:3000, used to mint response URLs and permalinks. */
  publicBaseUrl: string;
  /** Web API calls must carry `Authorization: Bearer <botToken>`. */
  botToken: string;
  now?: () => Date;
  /** When set, the sandbox page can send commands and clicks, signed like Slack, to the bot. */
  sandbox?: SandboxOptions;
}

/** A local Slack: Web API subset, response URLs, the messages API and the sandbox page. */
export interface SlackStandin {
  /** Handles /slack-api/*, /slack-response/*, /sandbox and /sandbox/api/*; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Every message the bot posted or responded with, in its current state. */
  messages(): RecordedMessage[];
  /** Modals opened (or pushed) and their updates. */
  views(): RecordedView[];
  /** Files the bot uploaded, with their content and where they were shared. */
  files(): RecordedFile[];
  /** Closes a modal as its user would (the × or Close button); false when there is no such view. */
  closeView(viewId: string): boolean;
  /** A fresh response URL bound to a channel (and user), as Slack would send with a command. */
  newResponseUrl(channel: string, user: string): string;
  /**
   * The app's installation, to break it as a workspace admin would: change the token's scopes,
   * remove the bot from a channel, revoke the token (`reset` reinstalls it).
   */
  install(): BotInstall;
  /** A trigger_id valid for 3 seconds and one views.open / views.push. */
  newTriggerId(user?: string): string;
  reset(): void;
}

const API_PREFIX = '/slack-api/';

/** Creates the stand-in; mount its `handle` in any node:http server. */
export const createSlackStandin = (options: SlackStandinOptions): SlackStandin => {
  const now = options.now ?? (() => new Date());
  const store = createMessageStore(now);
  const triggers = createTriggerRegistry(now);
  const ctx: StandinContext = {
    store,
    triggers,
    files: createFileStore(),
    now,
    install: createBotInstall(),
    publicBaseUrl: options.publicBaseUrl.replace(/\/+$/, ''),
    mintTs: createTsMinter(now),
  };
  const responseUrls = createResponseUrls(ctx);
  const reset = (): void => {
    store.clear();
    triggers.clear();
    ctx.files.clear();
    responseUrls.clear();
    ctx.install = createBotInstall();
  };
  const sandbox = createSandboxApi(ctx, responseUrls, options.sandbox, reset);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://standin.invalid');
    const path = url.pathname;
    if (path.startsWith(API_PREFIX)) {
      const method = path.slice(API_PREFIX.length);
      const raw = req.method === 'POST' ? await readBody(req) : '';
      const params = parseParams(req.headers['content-type'], raw);
      const merged = params && { ...Object.fromEntries(url.searchParams), ...params };
      const result = callWebApi(ctx, options.botToken, {
        method,
        params: merged,
        authorization: req.headers.authorization,
      });
      // As Slack does on every Web API answer: the scopes the token was granted.
      sendJson(res, 200, result, { 'x-oauth-scopes': ctx.install.scopes.join(',') });
      return true;
    }
    if (path.startsWith(RESPONSE_URL_PREFIX)) {
      if (req.method !== 'POST') {
        sendText(res, 405, 'method_not_allowed', undefined, { allow: 'POST' });
        return true;
      }
      const outcome = responseUrls.post(
        decodeURIComponent(path.slice(RESPONSE_URL_PREFIX.length)),
        await readBody(req),
      );
      sendText(res, outcome.status, outcome.body, outcome.contentType);
      return true;
    }
    if (path.startsWith(UPLOAD_PREFIX) && req.method === 'POST') {
      const outcome = receiveUpload(
        ctx,
        decodeURIComponent(path.slice(UPLOAD_PREFIX.length)),
        await readBody(req),
      );
      sendText(res, outcome.status, outcome.body);
      return true;
    }
    if (path === '/sandbox' || path.startsWith('/sandbox/')) {
      await sandbox.handle(req, res, path);
      return true;
    }
    return false;
  };

  return {
    handle: async (req, res) => {
      try {
        return await handle(req, res);
      } catch (error: unknown) {
        if (!res.headersSent) sendText(res, 500, error instanceof Error ? error.message : 'error');
        else res.end();
        return true;
      }
    },
    messages: () => store.all(),
    views: () => store.views(),
    files: () => ctx.files.all(),
    closeView: (viewId) => store.closeView(viewId) !== undefined,
    newResponseUrl: (channel, user) => responseUrls.issue(channel, user).url,
    newTriggerId: (user) => triggers.issue(user),
    install: () => ctx.install,
    reset,
  };
};
