import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BotAnswer,
  type BotRequest,
  type FakeBot,
  respondVia,
  startFakeBot,
} from './fake-bot.ts';
import { type RunningStandin, startStandin } from './start-standin.ts';

const SECRET = 'sandbox-test-secret';
let bot: FakeBot;
let running: RunningStandin;
let answer: (request: BotRequest) => BotAnswer | Promise<BotAnswer> = () => ({});

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${running.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};
const command = (text: string, userId = 'U0CAROL01', channelId = 'C0GENERAL1') =>
  post('/sandbox/api/command', { userId, channelId, text });

const approvalBlocks = [
  { type: 'section', text: { type: 'mrkdwn', text: 'Approve *space delete*?' } },
  {
    type: 'actions',
    block_id: 'approval',
    elements: [
      {
        type: 'button',
        action_id: 'approve',
        text: { type: 'plain_text', text: 'Approve' },
        value: 'req-1',
      },
    ],
  },
];

beforeAll(async () => {
  bot = await startFakeBot(SECRET, (request) => answer(request));
  running = await startStandin({
    sandbox: {
      commandsUrl: bot.commandsUrl,
      interactionsUrl: bot.interactionsUrl,
      signingSecret: SECRET,
      appId: 'A0ARIZEOPS',
    },
  });
});
afterAll(async () => {
  await running.close();
  await bot.close();
});
beforeEach(() => {
  running.standin.reset();
  bot.requests.length = 0;
  answer = () => ({});
});

describe('sandbox command API', () => {
  it('sends a signed slash command and records the ack as an ephemeral message', async () => {
    answer = () => ({ body: JSON.stringify({ text: 'Running `space list`…' }) });
    const result = await command('space list');
    expect(result.json).toMatchObject({ status: 200, elapsedMs: expect.any(Number) });
    expect(result.json).not.toHaveProperty('error');
    const [request] = bot.requests;
    expect(request).toMatchObject({ path: '/slack/commands', verified: true });
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.fields).toMatchObject({
      command: '/arize',
      text: 'space list',
      user_id: 'U0CAROL01',
      channel_id: 'C0GENERAL1',
      team_id: 'T0LOCAL01',
    });
    expect(running.standin.messages()).toEqual([
      expect.objectContaining({
        source: 'command_ack',
        ephemeral: true,
        user: 'U0CAROL01',
        text: 'Running `space list`…',
      }),
    ]);
  });

  it('accepts the text with or without a leading /arize', async () => {
    await command('/arize space list');
    await command('  /ARIZE   grants --mine');
    await command('/arize');
    expect(bot.requests.map((r) => r.fields?.text)).toEqual(['space list', 'grants --mine', '']);
  });

  it('lets the response URL replace the ack, as Slack does', async () => {
    answer = () => ({ body: JSON.stringify({ text: 'Running…' }) });
    await command('space list');
    const responseUrl = bot.requests[0]?.fields.response_url ?? '';
    expect(await respondVia(responseUrl, { text: 'Spaces: 2', replace_original: true })).toEqual({
      status: 200,
      body: 'ok',
    });
    const messages = running.standin.messages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      text: 'Spaces: 2',
      versions: [expect.objectContaining({ text: 'Running…' })],
    });
  });

  it('issues a trigger_id with the command that opens a modal', async () => {
    await command('key create');
    const triggerId = bot.requests[0]?.fields.trigger_id ?? '';
    const response = await fetch(`${running.slackApiUrl}views.open`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer xoxb-local-test-token',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        trigger_id: triggerId,
        view: { type: 'modal', title: { type: 'plain_text', text: 'Key' }, blocks: [] },
      }),
    });
    expect(await response.json()).toMatchObject({ ok: true });
    expect(running.standin.views()[0]).toMatchObject({ user: 'U0CAROL01' });
  });

  it('records nothing for an empty 200 ack', async () => {
    await command('space list');
    expect(running.standin.messages()).toEqual([]);
  });

  it('reports dispatch_failed when the app answers with an error status', async () => {
    answer = () => ({ status: 500, body: 'boom' });
    expect((await command('space list')).json).toMatchObject({
      status: 500,
      error: 'dispatch_failed',
    });
  });

  it('reports operation_timeout when the app takes over 3 seconds', {
    timeout: 10_000,
  }, async () => {
    answer = () => ({ delayMs: 3_300 });
    expect((await command('space list')).json).toMatchObject({
      status: null,
      error: 'operation_timeout',
    });
  });

  it.each([
    [
      'an unknown user',
      { userId: 'U0NOBODY1', channelId: 'C0GENERAL1', text: 'x' },
      'unknown_user',
    ],
    [
      'the bot as a user',
      { userId: 'U0ARIZEBOT', channelId: 'C0GENERAL1', text: 'x' },
      'unknown_user',
    ],
    [
      'an unknown channel',
      { userId: 'U0ALICE01', channelId: 'C0NOPE', text: 'x' },
      'channel_not_found',
    ],
    ['a missing field', { userId: 'U0ALICE01', channelId: 'C0GENERAL1' }, 'invalid_request'],
  ])('refuses %s', async (_label, body, error) => {
    expect(await post('/sandbox/api/command', body)).toMatchObject({
      status: 400,
      json: { error },
    });
    expect(bot.requests).toHaveLength(0);
  });
});

describe('sandbox action API', () => {
  const postApproval = async () => {
    answer = () => ({
      body: JSON.stringify({
        response_type: 'in_channel',
        text: 'Approve?',
        blocks: approvalBlocks,
      }),
    });
    await command('space delete demo', 'U0CAROL01', 'C0APPROVE1');
    bot.requests.length = 0;
    answer = () => ({});
    const [message] = running.standin.messages();
    if (!message) throw new Error('no message posted');
    return message;
  };

  it('sends a signed block_actions payload built from the stored message', async () => {
    const message = await postApproval();
    const result = await post('/sandbox/api/action', {
      userId: 'U0BOB0001',
      messageId: message.id,
      blockId: 'approval',
      actionId: 'approve',
      value: 'forged-by-page',
    });
    expect(result).toMatchObject({ status: 200, json: { status: 200 } });
    const [request] = bot.requests;
    expect(request).toMatchObject({ path: '/slack/interactions', verified: true });
    expect(request?.payloadJson).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB0001' },
      channel: { id: 'C0APPROVE1' },
      container: { message_ts: message.ts, is_ephemeral: false },
      message: { ts: message.ts, blocks: approvalBlocks },
      actions: [{ action_id: 'approve', block_id: 'approval', value: 'req-1', type: 'button' }],
    });
  });

  it('gives the click a response URL that replaces the clicked message', async () => {
    const message = await postApproval();
    await post('/sandbox/api/action', {
      userId: 'U0BOB0001',
      messageId: message.id,
      blockId: 'approval',
      actionId: 'approve',
    });
    const responseUrl = String(bot.requests[0]?.payloadJson?.response_url);
    await respondVia(responseUrl, { text: 'Approved by <@U0BOB0001>', replace_original: true });
    const [updated] = running.standin.messages();
    expect(updated).toMatchObject({ id: message.id, text: 'Approved by <@U0BOB0001>', blocks: [] });
  });

  it.each([
    [
      'an action the message does not have',
      { blockId: 'approval', actionId: 'reject' },
      404,
      'action_not_found',
    ],
    ['an unknown message', { messageId: 'M999999' }, 404, 'message_not_found'],
    [
      'an ephemeral message of another user',
      { ephemeralOf: 'U0DAVE001' },
      404,
      'message_not_found',
    ],
  ])('refuses %s', async (_label, overrides, status, error) => {
    const message = await postApproval();
    let messageId = message.id;
    if ('ephemeralOf' in overrides) {
      const url = running.standin.newResponseUrl('C0GENERAL1', overrides.ephemeralOf);
      await respondVia(url, { text: 'for dave only', blocks: approvalBlocks });
      messageId = running.standin.messages().at(-1)?.id ?? '';
    }
    const body = {
      userId: 'U0BOB0001',
      messageId,
      blockId: 'approval',
      actionId: 'approve',
      ...overrides,
    };
    expect(await post('/sandbox/api/action', body)).toMatchObject({ status, json: { error } });
    expect(bot.requests).toHaveLength(0);
  });
});

describe('sandbox page', () => {
  it('serves a self-contained page with a strict content security policy', async () => {
    const response = await fetch(`${running.baseUrl}/sandbox`);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(csp).toMatch(/default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    // No external resources: the only reference is the empty data: favicon (saves a 404).
    expect(html.match(/<(script|link|img|iframe)[^>]+(src|href)="[^"]*"/g)).toEqual([
      '<link rel="icon" href="data:,"',
    ]);
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
