import type { WebClient } from '@slack/web-api';
import type { GrantMessenger, SlackEmailLookup } from '../../app/ports.ts';
import type { Reply } from '../../domain/reply.ts';
import { renderGrantMessage } from './render-grant.ts';

/** Grant news through the Web API: a direct message to the subject, a reply in the thread. */
export class SlackGrantMessenger implements GrantMessenger {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async direct(slackUserId: string, reply: Reply, grantId?: string): Promise<void> {
    const token = await this.botToken();
    const opened = await this.web.conversations.open({ token, users: slackUserId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await this.web.chat.postMessage({ token, channel, ...renderGrantMessage(reply, grantId) });
  }

  async thread(channel: string, ts: string, reply: Reply, grantId?: string): Promise<void> {
    const token = await this.botToken();
    await this.web.chat.postMessage({
      token,
      channel,
      thread_ts: ts,
      ...renderGrantMessage(reply, grantId),
    });
  }
}

/** `users.lookupByEmail` (scope `users:read.email`); undefined when Slack knows no such user. */
export class SlackWebEmailLookup implements SlackEmailLookup {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async userIdByEmail(email: string): Promise<string | undefined> {
    try {
      const { user } = await this.web.users.lookupByEmail({ token: await this.botToken(), email });
      return user?.id && user.deleted !== true ? user.id : undefined;
    } catch (error: unknown) {
      if ((error as { data?: { error?: string } }).data?.error === 'users_not_found')
        return undefined;
      throw error;
    }
  }
}
