import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMessage, validateView } from '../../src/local/slack-standin/validate-blocks.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from './start-standin.ts';

const text = (n: number, type = 'mrkdwn') => ({ type, text: 'x'.repeat(n) });
const section = (n: number) => ({ type: 'section', text: text(n) });
const button = (overrides: Record<string, unknown> = {}) => ({
  type: 'button',
  text: { type: 'plain_text', text: 'Go' },
  action_id: 'go',
  ...overrides,
});
const actions = (elements: unknown[]) => ({ type: 'actions', elements });
const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));

// Each row: a case at Slack's limit (accepted) and one just past it (rejected).
const limits: Array<[string, unknown[], unknown[]]> = [
  ['50 blocks', times(50, () => ({ type: 'divider' })), times(51, () => ({ type: 'divider' }))],
  ['section text 3000', [section(3000)], [section(3001)]],
  [
    'header text 150',
    [{ type: 'header', text: text(150, 'plain_text') }],
    [{ type: 'header', text: text(151, 'plain_text') }],
  ],
  [
    '10 fields',
    [{ type: 'section', fields: times(10, () => text(5)) }],
    [{ type: 'section', fields: times(11, () => text(5)) }],
  ],
  [
    'field text 2000',
    [{ type: 'section', fields: [text(2000)] }],
    [{ type: 'section', fields: [text(2001)] }],
  ],
  [
    '25 action elements',
    [actions(times(25, (i) => button({ action_id: `a${i}` })))],
    [actions(times(26, (i) => button({ action_id: `a${i}` })))],
  ],
  [
    'button value 2000',
    [actions([button({ value: 'v'.repeat(2000) })])],
    [actions([button({ value: 'v'.repeat(2001) })])],
  ],
  [
    'action_id 255',
    [actions([button({ action_id: 'a'.repeat(255) })])],
    [actions([button({ action_id: 'a'.repeat(256) })])],
  ],
  [
    'block_id 255',
    [{ type: 'divider', block_id: 'b'.repeat(255) }],
    [{ type: 'divider', block_id: 'b'.repeat(256) }],
  ],
];

const malformed: Array<[string, unknown[]]> = [
  ['an unknown block type', [{ type: 'table_of_doom' }]],
  ['a header in mrkdwn', [{ type: 'header', text: text(5) }]],
  ['an empty section text', [section(0)]],
  ['a section with neither text nor fields', [{ type: 'section' }]],
  ['a button style Slack does not know', [actions([button({ style: 'warning' })])]],
  ['an actions block without elements', [actions([])]],
  ['a context with 11 elements', [{ type: 'context', elements: times(11, () => text(1)) }]],
];

let running: RunningStandin;
let slack: WebClient;

beforeAll(async () => {
  running = await startStandin();
  slack = new WebClient(BOT_TOKEN, {
    slackApiUrl: running.slackApiUrl,
    retryConfig: { retries: 0 },
  });
});
afterAll(() => running.close());

const postError = async (blocks: unknown[], messageText = 'fallback'): Promise<unknown> => {
  const response = await fetch(`${running.slackApiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'C0GENERAL1', text: messageText, blocks }),
  });
  return response.json();
};

describe('Block Kit limits on chat.postMessage', () => {
  it.each(limits)('accepts %s', async (_label, atLimit) => {
    await expect(
      slack.chat.postMessage({ channel: 'C0GENERAL1', text: 't', blocks: atLimit as never }),
    ).resolves.toMatchObject({ ok: true });
  });

  it.each(limits)(
    'rejects one past %s with invalid_blocks',
    async (_label, _atLimit, pastLimit) => {
      const result = await postError(pastLimit);
      expect(result).toMatchObject({ ok: false, error: 'invalid_blocks' });
      expect(
        (result as { response_metadata: { messages: string[] } }).response_metadata.messages[0],
      ).toMatch(/^\[ERROR\] .+ \[json-pointer:\/blocks/);
    },
  );

  it.each(malformed)('rejects %s with invalid_blocks', async (_label, blocks) => {
    expect(await postError(blocks)).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });

  it('rejects top-level text over 40,000 characters with msg_too_long', async () => {
    expect(await postError([], 'x'.repeat(40_001))).toMatchObject({
      ok: false,
      error: 'msg_too_long',
    });
    expect(validateMessage('x'.repeat(40_000), undefined).ok).toBe(true);
  });

  it('applies the same checks to chat.update', async () => {
    const posted = await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'a' });
    const response = await fetch(`${running.slackApiUrl}chat.update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL1', ts: posted.ts, blocks: [section(3001)] }),
    });
    expect(await response.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });
});

describe('modal limits', () => {
  const modal = (overrides: Record<string, unknown> = {}) => ({
    type: 'modal',
    title: { type: 'plain_text', text: 'Reveal key' },
    blocks: [section(10)],
    ...overrides,
  });

  it.each([
    ['a title of 25 characters', modal({ title: text(25, 'plain_text') }), '/view/title/text'],
    ['101 blocks', modal({ blocks: times(101, () => ({ type: 'divider' })) }), '/view/blocks'],
    ['a type other than modal', modal({ type: 'home' }), '/view/type'],
    ['an invalid block', modal({ blocks: [section(3001)] }), '/view/blocks/0/text/text'],
  ])('rejects %s', (_label, view, pointer) => {
    const issues = validateView(view);
    expect(issues.join('\n')).toContain(`[json-pointer:${pointer}]`);
  });

  it('accepts a 24-character title and 100 blocks', () => {
    expect(
      validateView(
        modal({ title: text(24, 'plain_text'), blocks: times(100, () => ({ type: 'divider' })) }),
      ),
    ).toEqual([]);
  });
});
