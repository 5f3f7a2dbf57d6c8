import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../../src/local/slack-standin/slack-standin.ts';
import { BOT_TOKEN, manualClock, type RunningStandin, startStandin } from './start-standin.ts';

const clock = manualClock();
let running: RunningStandin;
let slack: WebClient;

const clientWith = (token?: string) =>
  new WebClient(token, { slackApiUrl: running.slackApiUrl, retryConfig: { retries: 0 } });

/** The Slack error code of a failed call (WebClient throws on `ok: false`). */
const slackError = async (call: Promise<unknown>): Promise<string> => {
  try {
    await call;
  } catch (error: unknown) {
    const data = (error as { data?: { error?: string } }).data;
    return data?.error ?? `unexpected: ${String(error)}`;
  }
  return 'no error';
};

beforeAll(async () => {
  running = await startStandin({ now: clock.now });
  slack = clientWith(BOT_TOKEN);
});
afterAll(() => running.close());
beforeEach(() => running.standin.reset());

describe('authentication', () => {
  it('answers auth.test with the demo bot identity', async () => {
    const result = await slack.auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: 'T0LOCAL01',
      user_id: 'U0ARIZEBOT',
      bot_id: 'B0ARIZEBOT',
    });
  });

  it.each([
    ['no token', undefined, 'not_authed'],
    ['a wrong token', 'xoxb-wrong', 'invalid_auth'],
  ])('refuses a call with %s', async (_label, token, code) => {
    expect(
      await slackError(clientWith(token).chat.postMessage({ channel: 'C0GENERAL1', text: 'x' })),
    ).toBe(code);
    expect(running.standin.messages()).toHaveLength(0);
  });

  it('accepts a JSON body with a bearer token, like Slack', async () => {
    const response = await fetch(`${running.slackApiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL1', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C0GENERAL1' });
    expect(running.standin.messages()[0]).toMatchObject({
      text: 'json',
      blocks: [{ type: 'divider' }],
    });
  });

  it('answers unparseable JSON with invalid_json', async () => {
    const response = await fetch(`${running.slackApiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(await response.json()).toEqual({ ok: false, error: 'invalid_json' });
  });
});

describe('users and groups', () => {
  it('shapes users.info like Slack', async () => {
    const { user } = await slack.users.info({ user: 'U0ALICE01' });
    expect(user).toEqual({
      id: 'U0ALICE01',
      team_id: 'T0LOCAL01',
      name: 'alice',
      real_name: 'Alice Admin',
      deleted: false,
      is_bot: false,
      is_restricted: false,
      is_ultra_restricted: false,
      profile: { email: 'alice@example.com', real_name: 'Alice Admin', display_name: 'alice' },
    });
  });

  it.each([
    ['U0GUEST01', { is_restricted: true }],
    ['U0GONE001', { deleted: true }],
    ['U0OTHER01', { team_id: 'T0OTHER01' }],
    ['U0ARIZEBOT', { is_bot: true }],
  ])('describes %s for refusal tests', async (id, flags) => {
    const { user } = await slack.users.info({ user: id });
    expect(user).toMatchObject({ id, ...flags });
  });

  it('answers an unknown user with user_not_found', async () => {
    expect(await slackError(slack.users.info({ user: 'U0NOBODY1' }))).toBe('user_not_found');
  });

  it('lists the arize-admins group members', async () => {
    const result = await slack.usergroups.users.list({ usergroup: 'S0ADMINS1' });
    expect(result.users).toEqual(['U0ALICE01', 'U0BOB0001']);
    expect(await slackError(slack.usergroups.users.list({ usergroup: 'S0NOPE' }))).toBe(
      'no_such_subteam',
    );
  });

  it('opens a DM channel per user and refuses bots', async () => {
    const first = await slack.conversations.open({ users: 'U0CAROL01' });
    const again = await slack.conversations.open({ users: 'U0CAROL01' });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(first.channel?.id);
    expect((await slack.conversations.open({ users: 'U0DAVE001' })).channel?.id).not.toBe(
      first.channel?.id,
    );
    expect(await slackError(slack.conversations.open({ users: 'U0ARIZEBOT' }))).toBe(
      'cannot_dm_bot',
    );
    expect(await slackError(slack.conversations.open({ users: 'U0NOBODY1' }))).toBe(
      'user_not_found',
    );
  });
});

describe('chat', () => {
  it('posts a message and records it', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    const result = await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'hi', blocks });
    expect(result.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(result.message).toMatchObject({ text: 'hi', bot_id: DEMO_WORKSPACE.botId, blocks });
    expect(running.standin.messages()).toEqual([
      expect.objectContaining({
        channel: 'C0GENERAL1',
        ts: result.ts,
        ephemeral: false,
        source: 'chat.postMessage',
        text: 'hi',
        blocks,
        versions: [],
      }),
    ]);
  });

  it('gives each message a distinct, increasing ts', async () => {
    const a = await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'a' });
    const b = await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'b' });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
  });

  it('posts to a DM opened with conversations.open and to a user id', async () => {
    const dm = await slack.conversations.open({ users: 'U0BOB0001' });
    const byUser = await slack.chat.postMessage({ channel: 'U0BOB0001', text: 'via user id' });
    expect(byUser.channel).toBe(dm.channel?.id);
  });

  it.each([
    ['an unknown channel', { channel: 'C0NOPE', text: 'x' }, 'channel_not_found'],
    ['no text or blocks', { channel: 'C0GENERAL1', text: '' }, 'no_text'],
    [
      'blocks that are not JSON',
      { channel: 'C0GENERAL1', text: 'x', blocks: '[{' },
      'invalid_blocks_format',
    ],
  ])('refuses a post with %s', async (_label, args, code) => {
    expect(await slackError(slack.chat.postMessage(args as never))).toBe(code);
  });

  it('updates a message and keeps the earlier version', async () => {
    const posted = await slack.chat.postMessage({ channel: 'C0APPROVE1', text: 'pending' });
    clock.advance(1000);
    const updated = await slack.chat.update({
      channel: 'C0APPROVE1',
      ts: posted.ts!,
      text: 'approved',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Approved' } }],
    });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'approved' });
    const [message] = running.standin.messages();
    expect(message).toMatchObject({ text: 'approved', source: 'chat.postMessage' });
    expect(message?.versions).toEqual([
      expect.objectContaining({ text: 'pending', blocks: [], source: 'chat.postMessage' }),
    ]);
  });

  it('keeps the blocks when chat.update sends text only', async () => {
    const blocks = [{ type: 'divider' }];
    const posted = await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'a', blocks });
    await slack.chat.update({ channel: 'C0GENERAL1', ts: posted.ts!, text: 'b' });
    expect(running.standin.messages()[0]).toMatchObject({ text: 'b', blocks });
  });

  it.each([
    ['an unknown ts', 'C0GENERAL1', '1.000001'],
    ['the wrong channel', 'C0APPROVE1', undefined],
  ])('answers chat.update of %s with message_not_found', async (_label, channel, ts) => {
    const posted = await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'a' });
    expect(await slackError(slack.chat.update({ channel, ts: ts ?? posted.ts!, text: 'b' }))).toBe(
      'message_not_found',
    );
  });

  it('posts an ephemeral message for one user and cannot update it', async () => {
    const result = await slack.chat.postEphemeral({
      channel: 'C0GENERAL1',
      user: 'U0DAVE001',
      text: 'psst',
    });
    expect(running.standin.messages()[0]).toMatchObject({
      ephemeral: true,
      user: 'U0DAVE001',
      source: 'chat.postEphemeral',
      ts: result.message_ts,
    });
    expect(
      await slackError(
        slack.chat.update({ channel: 'C0GENERAL1', ts: result.message_ts!, text: 'x' }),
      ),
    ).toBe('message_not_found');
    expect(
      await slackError(
        slack.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0GONE001', text: 'x' }),
      ),
    ).toBe('user_not_in_channel');
  });

  it('returns a permalink for a posted message only', async () => {
    const posted = await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'a' });
    const link = await slack.chat.getPermalink({ channel: 'C0GENERAL1', message_ts: posted.ts! });
    expect(link.permalink).toBe(
      `${running.baseUrl}/sandbox/archives/C0GENERAL1/p${posted.ts!.replace('.', '')}`,
    );
    expect(
      await slackError(slack.chat.getPermalink({ channel: 'C0GENERAL1', message_ts: '1.000002' })),
    ).toBe('message_not_found');
  });
});
