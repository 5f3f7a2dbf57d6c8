import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type RunningStandin, startStandin } from './start-standin.ts';

const clock = manualClock();
let running: RunningStandin;

const respond = async (url: string, body: unknown) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
};

beforeAll(async () => {
  running = await startStandin({ now: clock.now });
});
afterAll(() => running.close());
beforeEach(() => running.standin.reset());

describe('response URLs', () => {
  it('records an ephemeral reply bound to the channel and user it was issued for', async () => {
    const url = running.standin.newResponseUrl('C0GENERAL1', 'U0CAROL01');
    expect(url.startsWith(`${running.baseUrl}/slack-response/`)).toBe(true);
    expect(await respond(url, { text: 'Running `space list`…' })).toEqual({
      status: 200,
      body: 'ok',
    });
    expect(running.standin.messages()).toEqual([
      expect.objectContaining({
        channel: 'C0GENERAL1',
        user: 'U0CAROL01',
        ephemeral: true,
        source: 'response_url',
        text: 'Running `space list`…',
      }),
    ]);
  });

  it('posts in channel, visible to everyone, when response_type is in_channel', async () => {
    const url = running.standin.newResponseUrl('C0GENERAL1', 'U0CAROL01');
    await respond(url, { text: 'done', response_type: 'in_channel' });
    const [message] = running.standin.messages();
    expect(message?.ephemeral).toBe(false);
    expect(message?.user).toBeUndefined();
  });

  it('accepts any id, recording the message without a channel', async () => {
    const result = await respond(`${running.baseUrl}/slack-response/T0LOCAL01/123/made-up`, {
      text: 'hi',
    });
    expect(result.status).toBe(200);
    expect(running.standin.messages()[0]).toMatchObject({ channel: null, text: 'hi' });
  });

  it('replaces the message the URL last produced, keeping earlier versions', async () => {
    const url = running.standin.newResponseUrl('C0GENERAL1', 'U0CAROL01');
    await respond(url, { text: 'one' });
    await respond(url, { text: 'two', replace_original: true });
    await respond(url, { text: 'three', replace_original: true, blocks: [{ type: 'divider' }] });
    const messages = running.standin.messages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ text: 'three', blocks: [{ type: 'divider' }] });
    expect(messages[0]?.versions.map((v) => v.text)).toEqual(['one', 'two']);
    expect(messages[0]?.versions.map((v) => v.source)).toEqual(['response_url', 'response_url']);
  });

  it('adds a new message when replace_original is not set', async () => {
    const url = running.standin.newResponseUrl('C0GENERAL1', 'U0CAROL01');
    await respond(url, { text: 'one' });
    await respond(url, { text: 'two' });
    expect(running.standin.messages().map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('deletes the message the URL last produced', async () => {
    const url = running.standin.newResponseUrl('C0GENERAL1', 'U0CAROL01');
    await respond(url, { text: 'one' });
    expect(await respond(url, { delete_original: true })).toEqual({ status: 200, body: 'ok' });
    expect(running.standin.messages()[0]).toMatchObject({ text: 'one', deleted: true });
  });

  it('answers the sixth use with 404 expired_url', async () => {
    const url = running.standin.newResponseUrl('C0GENERAL1', 'U0CAROL01');
    for (let i = 0; i < 5; i += 1) expect((await respond(url, { text: `n${i}` })).status).toBe(200);
    expect(await respond(url, { text: 'n5' })).toEqual({ status: 404, body: 'expired_url' });
    expect(running.standin.messages()).toHaveLength(5);
  });

  it('answers a use after 30 minutes with 404 expired_url', async () => {
    const url = running.standin.newResponseUrl('C0GENERAL1', 'U0CAROL01');
    clock.advance(30 * 60 * 1000);
    expect((await respond(url, { text: 'just in time' })).status).toBe(200);
    clock.advance(1);
    expect(await respond(url, { text: 'late' })).toEqual({ status: 404, body: 'expired_url' });
  });

  it.each([
    ['invalid blocks', { text: 'x', blocks: [{ type: 'nope' }] }, 'invalid_blocks'],
    ['blocks that are not an array', { text: 'x', blocks: 'nope' }, 'invalid_blocks'],
    ['text over 40,000 characters', { text: 'x'.repeat(40_001) }, 'msg_too_long'],
    ['a body that is not JSON', 'text=hi', 'invalid_payload'],
  ])('rejects %s with 400 and does not count it as a use', async (_label, body, error) => {
    const url = running.standin.newResponseUrl('C0GENERAL1', 'U0CAROL01');
    expect(await respond(url, body)).toEqual({ status: 400, body: error });
    for (let i = 0; i < 5; i += 1) expect((await respond(url, { text: 'ok' })).status).toBe(200);
    expect(running.standin.messages()).toHaveLength(5);
  });
});

describe('messages API', () => {
  it('lists messages and views in their current state, and clears them', async () => {
    const url = running.standin.newResponseUrl('C0APPROVE1', 'U0ALICE01');
    await respond(url, { text: 'first', response_type: 'in_channel' });
    await respond(url, { text: 'second', replace_original: true });
    const listed = await (await fetch(`${running.baseUrl}/sandbox/api/messages`)).json();
    expect(listed).toEqual({
      views: [],
      messages: [
        expect.objectContaining({
          id: expect.any(String),
          channel: 'C0APPROVE1',
          ts: expect.stringMatching(/^\d+\.\d{6}$/),
          ephemeral: false,
          text: 'second',
          source: 'response_url',
          versions: [expect.objectContaining({ text: 'first' })],
        }),
      ],
    });
    const cleared = await fetch(`${running.baseUrl}/sandbox/api/messages`, { method: 'DELETE' });
    expect(cleared.status).toBe(200);
    expect(running.standin.messages()).toEqual([]);
  });

  it('leaves other paths to the host server', async () => {
    const response = await fetch(`${running.baseUrl}/slack/commands`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not found');
  });

  it('keeps the sandbox page off without the sandbox option', async () => {
    expect((await fetch(`${running.baseUrl}/sandbox`)).status).toBe(404);
  });
});
