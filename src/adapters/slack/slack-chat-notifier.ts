import type { WebClient } from '@slack/web-api';
import type { ChatNotifier, PostedMessage, ReplyTarget } from '../../app/ports.ts';
import type { Reply } from '../../domain/reply.ts';
import { renderReply } from './render-reply.ts';

/**
 * Replies through a slash command's response URL, or by updating a message we posted; posts new
 * messages to channels for scheduled jobs. Response URL
 * failures are reported without the URL: it is a bearer capability and never logged.
 */
export class SlackChatNotifier implements ChatNotifier {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async reply(target: ReplyTarget, reply: Reply): Promise<void> {
    const message = renderReply(reply);
    if (target.kind === 'message') {
      const token = await this.botToken();
      await this.web.chat.update({ token, channel: target.channel, ts: target.ts, ...message });
      return;
    }
    if (target.public) {
      // An ephemeral ack cannot be replaced by a channel message: post anew, then remove the ack.
      await this.postToResponseUrl(target.url, {
        ...message,
        response_type: 'in_channel',
        replace_original: false,
      });
      await this.postToResponseUrl(target.url, { delete_original: true });
      return;
    }
    await this.postToResponseUrl(target.url, {
      ...message,
      response_type: 'ephemeral',
      replace_original: target.replaceOriginal,
    });
  }

  async post(
    channel: string,
    reply: Reply,
    options: { threadTs?: string } = {},
  ): Promise<PostedMessage> {
    const token = await this.botToken();
    const result = await this.web.chat.postMessage({
      token,
      channel,
      ...renderReply(reply),
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    });
    if (!result.ts || !result.channel) throw new Error('chat.postMessage returned no ts');
    return { channel: result.channel, ts: result.ts };
  }

  private async postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
    const response = await this.fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) {
      const detail = (await response.text()).slice(0, 100);
      throw new Error(`response URL refused the reply: HTTP ${response.status} ${detail}`);
    }
  }
}
