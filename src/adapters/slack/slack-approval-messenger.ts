import type { WebClient } from '@slack/web-api';
import type { ApprovalMessenger } from '../../app/ports.ts';
import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { Reply } from '../../domain/reply.ts';
import { renderApproval } from './render-approval.ts';
import { renderReply } from './render-reply.ts';

/** The approval message through the Web API: post, update by channel + ts, permalink, DM. */
export class SlackApprovalMessenger implements ApprovalMessenger {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async post(channel: string, request: ApprovalRequest): Promise<{ channel: string; ts: string }> {
    const token = await this.botToken();
    const result = await this.web.chat.postMessage({ token, channel, ...renderApproval(request) });
    if (!result.ts || !result.channel) throw new Error('chat.postMessage returned no ts');
    return { channel: result.channel, ts: result.ts };
  }

  async update(channel: string, ts: string, request: ApprovalRequest): Promise<void> {
    const token = await this.botToken();
    await this.web.chat.update({ token, channel, ts, ...renderApproval(request) });
  }

  async permalink(channel: string, ts: string): Promise<string | undefined> {
    const token = await this.botToken();
    const result = await this.web.chat.getPermalink({ token, channel, message_ts: ts });
    return result.permalink;
  }

  async tell(userId: string, reply: Reply): Promise<void> {
    const token = await this.botToken();
    const opened = await this.web.conversations.open({ token, users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await this.web.chat.postMessage({ token, channel, ...renderReply(reply) });
  }
}
