import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotRequest, type FakeBot, respondVia, startFakeBot } from '../local/fake-bot.ts';
import { type RunningStandin, startStandin } from '../local/start-standin.ts';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const SECRET = 'browser-test-secret';
// In CI the browser test must run; locally it may be skipped when Chromium is not installed.
const canRun = existsSync(CHROMIUM) || process.env.CI !== undefined;
if (!canRun)
  console.warn(
    `skipping the sandbox browser test: ${CHROMIUM} not found (apt-get install chromium)`,
  );

/** Escapes untrusted text for mrkdwn, as the bot's renderer must. */
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The fake bot: acks a command, then answers through the response URL; updates the message on a click. */
const behave = async (request: BotRequest) => {
  if (request.path === '/slack/commands') {
    const responseUrl = request.fields.response_url ?? '';
    setTimeout(() => {
      void respondVia(responseUrl, {
        replace_original: true,
        text: `Space ${HOSTILE_NAME}`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: `Space ${HOSTILE_NAME}` } },
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: `*Name:* ${escapeMrkdwn(HOSTILE_NAME)} ${escapeMrkdwn('<!channel>')}`,
            },
            fields: [
              { type: 'mrkdwn', text: '*Members*\n3' },
              { type: 'mrkdwn', text: '*Org*\n`ml-platform`' },
              { type: 'plain_text', text: `Owner ${HOSTILE_NAME} &lt;` },
            ],
          },
          {
            type: 'context',
            elements: [
              {
                type: 'mrkdwn',
                text: 'Requested by <@U0CAROL01> · <https://app.arize.com|open in Arize>',
              },
            ],
          },
          { type: 'divider' },
          {
            type: 'actions',
            block_id: 'space',
            elements: [
              {
                type: 'button',
                action_id: 'space.refresh',
                text: { type: 'plain_text', text: 'Refresh' },
                value: 'sp-1',
                style: 'primary',
              },
            ],
          },
        ],
      });
    }, 50);
    return { body: JSON.stringify({ text: 'Running `space get`…' }) };
  }
  const payload = request.payloadJson ?? {};
  const user = (payload.user as { id: string }).id;
  const action = (payload.actions as Array<{ value: string }>)[0];
  await respondVia(String(payload.response_url), {
    replace_original: true,
    text: `Refreshed ${action?.value} for <@${user}>`,
  });
  return {};
};

describe.skipIf(!canRun)('sandbox page in Chromium', () => {
  let bot: FakeBot;
  let running: RunningStandin;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    bot = await startFakeBot(SECRET, behave);
    running = await startStandin({
      sandbox: {
        commandsUrl: bot.commandsUrl,
        interactionsUrl: bot.interactionsUrl,
        signingSecret: SECRET,
        appId: 'A0ARIZEOPS',
      },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${running.baseUrl}/sandbox`);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await bot?.close();
  });

  it('sends a command as the chosen user and shows the reply with hostile strings as text', async () => {
    await page.selectOption('#user', 'U0CAROL01');
    await page.fill('#command', 'space get sp-1');
    await page.click('#send');
    const header = page.locator('.block-header');
    await expect.poll(() => header.textContent(), { timeout: 5_000 }).toBe(`Space ${HOSTILE_NAME}`);
    expect(bot.requests[0]).toMatchObject({
      verified: true,
      fields: { user_id: 'U0CAROL01', text: 'space get sp-1' },
    });
    const section = await page
      .locator('.block-section .section-main > .mrkdwn')
      .first()
      .textContent();
    expect(section).toBe(`Name: ${HOSTILE_NAME} <!channel>`);
    expect(await page.locator('.block-section strong').first().textContent()).toBe('Name:');
    expect(await page.locator('#log img').count()).toBe(0);
    expect(await page.locator('.mention.broadcast').count()).toBe(0);
    expect(await page.locator('.block-context .mention').textContent()).toBe('@carol');
    expect(await page.locator('.block-context a').getAttribute('href')).toBe(
      'https://app.arize.com/',
    );
    expect(await page.locator('.fields code').textContent()).toBe('ml-platform');
    // plain_text is shown exactly as sent: no mrkdwn, no entity decoding.
    expect(await page.locator('.fields .plain').textContent()).toBe(`Owner ${HOSTILE_NAME} &lt;`);
    expect(await page.locator('.msg .only-you').count()).toBe(1);
    expect(await page.textContent('#ack')).toMatch(/^ack 200 in \d+ ms$/);
    await page.screenshot({ path: '/tmp/sandbox.png' });
  });

  it('clicks the button and shows the bot’s update', async () => {
    await page.click('button[data-action-id="space.refresh"]');
    const log = page.locator('#log');
    await expect
      .poll(() => log.textContent(), { timeout: 5_000 })
      .toContain('Refreshed sp-1 for @carol');
    const click = bot.requests.find((r) => r.path === '/slack/interactions');
    expect(click).toMatchObject({
      verified: true,
      payloadJson: {
        user: { id: 'U0CAROL01' },
        actions: [{ action_id: 'space.refresh', block_id: 'space' }],
      },
    });
    expect(await page.locator('.msg .edited').first().textContent()).toBe('(edited)');
    expect(await page.locator('button[data-action-id="space.refresh"]').count()).toBe(0);
    await page.screenshot({ path: '/tmp/sandbox-after-click.png' });
  });

  it('shows an ephemeral reply only to its user', async () => {
    await page.selectOption('#user', 'U0DAVE001');
    await expect.poll(() => page.locator('.msg').count()).toBe(0);
    await page.selectOption('#user', 'U0CAROL01');
    await expect.poll(() => page.locator('.msg').count()).toBe(1);
  });

  it('fired no dialog and raised no page error', () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
