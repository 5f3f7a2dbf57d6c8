import { randomBytes } from 'node:crypto';
import { DEMO_WORKSPACE } from './demo-workspace.ts';
import type { StandinContext } from './standin-context.ts';
import { validateMessage } from './validate-blocks.ts';

/**
 * Slack documents that a response_url may be used up to 5 times within 30 minutes. What it answers
 * after that is not documented; we chose HTTP 404 with the body `expired_url` for both cases (the
 * error name Slack uses for an expired URL), so a caller sees one clear, non-2xx failure. Rejected
 * requests (bad JSON, invalid blocks) do not count as uses.
 */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export const RESPONSE_URL_PREFIX = '/slack-response/';

interface IssuedUrl {
  channel: string | null;
  user: string | undefined;
  issuedAt: number;
  uses: number;
  /** The message a `replace_original` / `delete_original` acts on. */
  messageId: string | undefined;
}

export interface ResponseUrlOutcome {
  status: number;
  body: string;
  contentType: string;
}

export interface ResponseUrls {
  issue(
    channel: string,
    user: string,
    options?: { messageId?: string },
  ): { id: string; url: string };
  /** Makes `messageId` the message a later replace/delete through this URL acts on. */
  bind(id: string, messageId: string): void;
  post(id: string, rawBody: string): ResponseUrlOutcome;
  clear(): void;
}

const truthy = (value: unknown): boolean => value === true || value === 'true';
const text = (status: number, body: string): ResponseUrlOutcome => ({
  status,
  body,
  contentType: 'text/plain; charset=utf-8',
});

export const createResponseUrls = (ctx: StandinContext): ResponseUrls => {
  const issued = new Map<string, IssuedUrl>();
  let seq = 0;

  const lookup = (id: string): IssuedUrl => {
    let entry = issued.get(id);
    if (!entry) {
      // A URL we did not mint: accepted (tests may invent one), with no channel or user known.
      entry = {
        channel: null,
        user: undefined,
        issuedAt: ctx.now().getTime(),
        uses: 0,
        messageId: undefined,
      };
      issued.set(id, entry);
    }
    return entry;
  };

  return {
    issue(channel, user, options = {}) {
      seq += 1;
      // Slack's shape: https://hooks.slack.com/commands/<team>/<number>/<secret>
      const id = `${DEMO_WORKSPACE.teamId}/${1_000_000 + seq}/${randomBytes(12).toString('hex')}`;
      issued.set(id, {
        channel,
        user,
        issuedAt: ctx.now().getTime(),
        uses: 0,
        messageId: options.messageId,
      });
      return { id, url: `${ctx.publicBaseUrl}${RESPONSE_URL_PREFIX}${id}` };
    },
    bind(id, messageId) {
      lookup(id).messageId = messageId;
    },
    post(id, rawBody) {
      const entry = lookup(id);
      if (
        entry.uses >= RESPONSE_URL_MAX_USES ||
        ctx.now().getTime() - entry.issuedAt > RESPONSE_URL_TTL_MS
      ) {
        return text(404, 'expired_url');
      }
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(rawBody);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error();
        body = parsed as Record<string, unknown>;
      } catch {
        return text(400, 'invalid_payload');
      }
      const target = entry.messageId === undefined ? undefined : ctx.store.byId(entry.messageId);
      const live = target && !target.deleted ? target : undefined;
      if (truthy(body.delete_original)) {
        entry.uses += 1;
        if (live) ctx.store.remove(live.id);
        return text(200, 'ok');
      }
      const messageText = typeof body.text === 'string' ? body.text : undefined;
      const checked = validateMessage(messageText, body.blocks);
      if (!checked.ok) {
        return text(
          400,
          checked.error === 'invalid_blocks_format' ? 'invalid_blocks' : checked.error,
        );
      }
      entry.uses += 1;
      if (truthy(body.replace_original) && live) {
        ctx.store.update(
          live.id,
          { text: messageText ?? '', blocks: checked.blocks },
          'response_url',
        );
        return text(200, 'ok');
      }
      const ephemeral = body.response_type !== 'in_channel';
      const message = ctx.store.add({
        channel: entry.channel,
        ts: ctx.mintTs(),
        ...(ephemeral && entry.user !== undefined ? { user: entry.user } : {}),
        ephemeral,
        text: messageText ?? '',
        blocks: checked.blocks,
        source: 'response_url',
      });
      entry.messageId = message.id;
      return text(200, 'ok');
    },
    clear: () => issued.clear(),
  };
};
