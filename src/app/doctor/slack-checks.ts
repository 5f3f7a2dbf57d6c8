import type { BotAuth, SlackBotProbe } from '../ports.ts';
import { type DoctorCheck, failed, guarded, passed } from './doctor-check.ts';

const tokenTitle = 'Slack bot token';
const scopesTitle = 'Slack bot scopes';
const channelTitle = 'Bot in the approvals channel';

const putToken =
  "Put the app's current Bot User OAuth Token (xoxb-…, OAuth & Permissions) in the bot-token " +
  'secret (the stack output SlackBotTokenArn): aws secretsmanager put-secret-value --secret-id ' +
  'ARN --secret-string xoxb-…';
const reinstall =
  'Add them to the app (paste `npm run manifest -- --url API_URL` into App Manifest), reinstall ' +
  'the app to the workspace, then put the new bot token in the bot-token secret.';

/** The token's check and the scopes' check, from one `auth.test`. */
export function checkBotToken(
  slack: SlackBotProbe,
  expected: { teamId: string; scopes: readonly string[] },
): Promise<DoctorCheck[]> {
  return guarded(
    tokenTitle,
    'Run /arize doctor again; if it persists, check Slack status.',
    async () => {
      const auth = await slack.auth();
      if (!auth.ok) {
        return [
          failed(tokenTitle, `Slack refuses the bot token (${auth.error}).`, putToken),
          failed(scopesTitle, 'not checked: the token is not valid.', putToken),
        ];
      }
      return [tokenLine(auth.value, expected.teamId), scopesLine(auth.value, expected.scopes)];
    },
  );
}

function tokenLine(auth: BotAuth, teamId: string): DoctorCheck {
  if (auth.teamId !== teamId && auth.enterpriseId !== teamId) {
    return failed(
      tokenTitle,
      `The token is the bot ${auth.botUserId} of workspace ${auth.teamId}, not of the policy's ${teamId}.`,
      `${putToken} (the token of the app installed in ${teamId}), or correct the policy's teamId.`,
    );
  }
  return passed(tokenTitle, `valid: the bot ${auth.botUserId} of workspace ${auth.teamId}.`);
}

function scopesLine(auth: BotAuth, required: readonly string[]): DoctorCheck {
  const missing = required.filter((scope) => !auth.scopes.includes(scope));
  if (missing.length > 0) {
    return failed(scopesTitle, `missing ${missing.join(', ')}.`, reinstall);
  }
  return passed(scopesTitle, `all ${required.length} the manifest lists.`);
}

/** The bot is a member of the policy's approvals channel (none: approvals are off). */
export function checkApprovalsChannel(
  slack: SlackBotProbe,
  channelId: string | undefined,
): Promise<DoctorCheck[]> {
  const invite = `Invite the bot: type /invite @arize-ops in the approvals channel ${channelId}.`;
  return guarded(channelTitle, invite, async () => {
    if (channelId === undefined) {
      return passed(channelTitle, 'the policy names no approvals channel (approvals are off).');
    }
    const channel = await slack.channel(channelId);
    if (!channel.ok) {
      return failed(
        channelTitle,
        `Slack does not show channel ${channelId} to the bot (${channel.error}).`,
        channelFix(channel.error, invite),
      );
    }
    if (!channel.value.isMember) {
      return failed(channelTitle, `The bot is not a member of #${channel.value.name}.`, invite);
    }
    return passed(channelTitle, `a member of #${channel.value.name}.`);
  });
}

function channelFix(error: string, invite: string): string {
  if (error === 'missing_scope') return `Grant channels:read and groups:read. ${reinstall}`;
  if (error === 'channel_not_found') {
    return `${invite} (a private channel is invisible until then), or correct approvalsChannel in the policy.`;
  }
  return putToken;
}
