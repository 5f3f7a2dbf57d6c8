import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotRequest, type FakeBot, respondVia, startFakeBot } from '../local/fake-bot.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from '../local/start-standin.ts';
import { CHROMIUM, optionalSuites, runsSuite } from '../support/optional-suites.ts';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const SECRET = 'browser-test-secret';

let running: RunningStandin;

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
              {
                type: 'mrkdwn',
                text: 'ends: <!date^1803909960^{date_short_pretty} at {time}|2027-03-01 14:06 UTC> (in 60 min)',
              },
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
              {
                type: 'button',
                action_id: 'space.reveal',
                text: { type: 'plain_text', text: 'Reveal key' },
                value: 'sp-1',
                style: 'danger',
                confirm: {
                  title: { type: 'plain_text', text: 'Reveal the key?' },
                  text: { type: 'plain_text', text: `Only you will see it. ${HOSTILE_NAME}` },
                  confirm: { type: 'plain_text', text: 'Reveal' },
                  deny: { type: 'plain_text', text: 'Cancel' },
                },
              },
            ],
          },
        ],
      });
    }, 50);
    return { body: JSON.stringify({ text: 'Running `space get`…' }) };
  }
  const payload = request.payloadJson ?? {};
  if ((payload.actions as Array<{ action_id: string }>)[0]?.action_id === 'space.reveal') {
    // As the Reveal flow does: open a modal at once with the click's trigger_id.
    await fetch(`${running.slackApiUrl}views.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        trigger_id: payload.trigger_id,
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'Your API key' },
          close: { type: 'plain_text', text: 'Done' },
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Key: `ak-123`' } }],
        },
      }),
    });
    return {};
  }
  const user = (payload.user as { id: string }).id;
  const action = (payload.actions as Array<{ value: string }>)[0];
  await respondVia(String(payload.response_url), {
    replace_original: true,
    text: `Refreshed ${action?.value} for <@${user}>`,
  });
  return {};
};

describe.skipIf(!runsSuite(optionalSuites.browser))('sandbox page in Chromium', () => {
  let bot: FakeBot;
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
    // A reader in New York: Slack's date tokens show their own time zone, not UTC.
    page = await browser.newPage({
      viewport: { width: 1100, height: 720 },
      locale: 'en-US',
      timezoneId: 'America/New_York',
    });
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
    expect(await page.locator('.fields .slack-date').textContent()).toBe('Mar 1, 2027 at 9:06 AM');
    // plain_text is shown exactly as sent: no mrkdwn, no entity decoding.
    expect(await page.locator('.fields .plain').textContent()).toBe(`Owner ${HOSTILE_NAME} &lt;`);
    expect(await page.locator('.msg .only-you').count()).toBe(1);
    expect(await page.textContent('#ack')).toMatch(/^ack 200 in \d+ ms$/);
    await page.screenshot({ path: '/tmp/sandbox.png' });
  });

  it('asks for confirmation in the page, then shows the modal the bot opens', async () => {
    await page.click('button[data-action-id="space.reveal"]');
    const confirm = page.locator('#confirm [role="alertdialog"]');
    expect(await confirm.locator('h3').textContent()).toBe('Reveal the key?');
    expect(await confirm.locator('.plain').textContent()).toBe(
      `Only you will see it. ${HOSTILE_NAME}`,
    );
    expect(bot.requests.filter((r) => r.path === '/slack/interactions')).toHaveLength(0);
    await confirm.getByRole('button', { name: 'Reveal' }).click();
    const modal = page.locator('#modal [role="dialog"]');
    await expect
      .poll(() => modal.locator('h2').textContent(), { timeout: 5_000 })
      .toBe('Your API key');
    expect(await modal.locator('code').textContent()).toBe('ak-123');
    expect(running.standin.views()).toEqual([expect.objectContaining({ user: 'U0CAROL01' })]);
    await page.screenshot({ path: '/tmp/sandbox-modal.png' });
    await modal.getByRole('button', { name: 'Done' }).click();
    expect(await page.locator('#modal').isHidden()).toBe(true);
  });

  it('clicks the button and shows the bot’s update', async () => {
    await page.click('button[data-action-id="space.refresh"]');
    const log = page.locator('#log');
    await expect
      .poll(() => log.textContent(), { timeout: 5_000 })
      .toContain('Refreshed sp-1 for @carol');
    const click = bot.requests.find(
      (r) =>
        (r.payloadJson?.actions as Array<{ action_id: string }> | undefined)?.[0]?.action_id ===
        'space.refresh',
    );
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
