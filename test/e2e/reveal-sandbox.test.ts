import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/local-stack.ts';
import { canRunBrowser, openSandbox, type SandboxBrowser } from '../support/sandbox-browser.ts';

describe.skipIf(!canRunBrowser)(
  'the Reveal flow in the sandbox page (Chromium, local stack)',
  () => {
    let sandbox: SandboxBrowser;
    let stack: LocalStack;
    let page: Page;
    let pageErrors: string[];

    beforeAll(async () => {
      sandbox = await openSandbox({ width: 1100, height: 720 });
      ({ stack, page, pageErrors } = sandbox);
    }, 30_000);
    afterAll(async () => sandbox?.close());

    it('asks as Carol, approves as Bob, and shows Carol her key once in the modal', async () => {
      await page.selectOption('#user', 'U0CAROL01');
      await page.fill('#command', 'key create sandbox-key --space fraud-detection');
      await page.click('#send');

      await page.selectOption('#user', 'U0BOB0001');
      await page.click('[data-channel="C0APPROVE1"]');
      const approve = page.locator('button[data-action-id="approval-approve"]');
      await expect.poll(() => approve.count(), { timeout: 8_000 }).toBe(1);
      await approve.click();
      await page.locator('#confirm').getByRole('button', { name: 'Approve' }).click();

      await page.selectOption('#user', 'U0CAROL01');
      await page.click('#dm-button');
      const reveal = page.locator('button[data-action-id="approval-reveal"]');
      await expect.poll(() => reveal.count(), { timeout: 8_000 }).toBe(1);
      expect(await page.locator('#log').textContent()).toContain('/arize key create sandbox-key');
      await reveal.click();

      const modal = page.locator('#modal [role="dialog"]');
      await expect
        .poll(() => modal.locator('h2').textContent(), { timeout: 8_000 })
        .toBe('Your API key');
      await expect
        .poll(() => modal.textContent(), { timeout: 8_000 })
        .toContain('API key (shown once)');
      const text = (await modal.textContent()) ?? '';
      const secret = /ak-[A-Za-z0-9]{40}/.exec(text)?.[0];
      expect(secret).toBeDefined();
      await page.screenshot({ path: '/tmp/sandbox-reveal.png' });

      await modal.getByRole('button', { name: 'I stored it' }).click();
      expect(await page.locator('#modal').isHidden()).toBe(true);
      await expect.poll(() => stack.slack.views().at(-1)?.closed, { timeout: 5_000 }).toBe(true);
      await expect
        .poll(() => page.locator('#log').textContent(), { timeout: 8_000 })
        .toContain('Revealed once');
      expect(await reveal.count()).toBe(0);
      expect(pageErrors).toEqual([]);
    }, 60_000);
  },
);
