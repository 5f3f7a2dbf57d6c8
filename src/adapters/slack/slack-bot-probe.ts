import type { WebClient } from '@slack/web-api';
import type { BotAuth, BotChannel, SlackBotProbe } from '../../app/ports.ts';
import { err, ok, type Result } from '../../domain/result.ts';

/** Slack's error code of a refused Web API call; anything else is not Slack's answer. */
function slackErrorOf(error: unknown): string {
  const code = (error as { data?: { error?: unknown } }).data?.error;
  if (typeof code === 'string') return code;
  throw error;
}

/**
 * The bot's standing from Slack: `auth.test` (the granted scopes come back in its
 * `x-oauth-scopes` header) and `conversations.info` (`is_member` is the bot's own membership).
 */
export class SlackWebBotProbe implements SlackBotProbe {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async auth(): Promise<Result<BotAuth, string>> {
    try {
      const answer = await this.web.auth.test({ token: await this.botToken() });
      return ok({
        botUserId: answer.user_id ?? '',
        teamId: answer.team_id ?? '',
        ...(answer.enterprise_id ? { enterpriseId: answer.enterprise_id } : {}),
        scopes: answer.response_metadata?.scopes ?? [],
      });
    } catch (error: unknown) {
      return err(slackErrorOf(error));
    }
  }

  async channel(channelId: string): Promise<Result<BotChannel, string>> {
    try {
      const { channel } = await this.web.conversations.info({
        token: await this.botToken(),
        channel: channelId,
      });
      return ok({ name: channel?.name ?? channelId, isMember: channel?.is_member === true });
    } catch (error: unknown) {
      return err(slackErrorOf(error));
    }
  }
}
