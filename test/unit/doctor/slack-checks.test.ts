import { describe, expect, it } from 'vitest';
import { checkBotToken } from '../../../src/app/doctor/slack-checks.ts';
import type { BotAuth, SlackBotProbe } from '../../../src/app/ports.ts';

/** Slack answering auth.test for a token of this installation. */
const slackWith = (auth: BotAuth): SlackBotProbe => ({
  auth: async () => ({ ok: true, value: auth }),
  channel: async () => ({ ok: false, error: 'not asked' }),
});
const bot = { botUserId: 'U0BOT', scopes: ['commands'] };

describe('the bot token line of /arize doctor', () => {
  it.each([
    ['a workspace install, policy naming the workspace', { teamId: 'T0A' }, 'T0A'],
    [
      'an org-wide Grid install, policy naming the org',
      { teamId: 'T0A', enterpriseId: 'E0G' },
      'E0G',
    ],
  ])('passes for %s', async (_case, team, policyTeam) => {
    const [token] = await checkBotToken(slackWith({ ...bot, ...team }), {
      teamId: policyTeam,
      scopes: ['commands'],
    });
    expect(token).toMatchObject({ ok: true, title: 'Slack bot token' });
  });

  it("fails for a token of another workspace, naming both and the policy's teamId", async () => {
    const [token] = await checkBotToken(slackWith({ ...bot, teamId: 'T0OTHER' }), {
      teamId: 'T0A',
      scopes: ['commands'],
    });
    expect(token?.ok).toBe(false);
    expect(token?.detail).toBe(
      "The token is the bot U0BOT of workspace T0OTHER, not of the policy's T0A.",
    );
    expect(token?.fix).toContain("or correct the policy's teamId");
  });
});
