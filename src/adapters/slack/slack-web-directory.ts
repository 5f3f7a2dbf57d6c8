import type { WebClient } from '@slack/web-api';
import type { SlackDirectory, SlackPerson } from '../../app/ports.ts';

/** People from Slack's `users.info` (the e-mail needs the `users:read.email` scope). */
export class SlackWebDirectory implements SlackDirectory {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async person(userId: string): Promise<SlackPerson | undefined> {
    try {
      const { user } = await this.web.users.info({ token: await this.botToken(), user: userId });
      if (!user?.id) return undefined;
      return {
        userId: user.id,
        teamId: user.team_id ?? '',
        ...(user.profile?.email ? { email: user.profile.email } : {}),
        isBot: user.is_bot === true || user.id === 'USLACKBOT',
        deleted: user.deleted === true,
        isGuest: user.is_restricted === true || user.is_ultra_restricted === true,
      };
    } catch (error: unknown) {
      if ((error as { data?: { error?: string } }).data?.error === 'user_not_found')
        return undefined;
      throw error;
    }
  }
}
