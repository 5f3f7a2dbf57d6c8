import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/local-stack.ts';
import { canRunBrowser, openSandbox, type SandboxBrowser } from '../support/sandbox-browser.ts';

/**
 * The org-delete typed confirmation end to end in the sandbox page, on the real local stack:
 * Carol asks, Bob and Alice each type the organization's name in the modal, it runs once.
 */
describe.skipIf(!canRunBrowser)('typed-name confirmation in the sandbox page', () => {
  let sandbox: SandboxBrowser;
  let stack: LocalStack;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    sandbox = await openSandbox({ width: 1100, height: 800 });
    ({ stack, page, pageErrors } = sandbox);
  }, 30_000);
  afterAll(async () => sandbox?.close());

  const modal = () => page.locator('#modal [role="dialog"]');
  const orgDeletes = () =>
    (stack.emulator?.mutations() ?? []).filter(
      (m) => m.method === 'DELETE' && m.path.includes('/organizations/'),
    );

  async function approveAs(userId: string) {
    await page.selectOption('#user', userId);
    await page.locator('[data-channel="C0APPROVE1"]').click();
    await page.locator('button[data-action-id="approval-approve"]').last().click();
    await expect
      .poll(() => modal().locator('h2').textContent(), { timeout: 5_000 })
      .toBe('Confirm approval');
  }

  async function typeAndSubmit(text: string) {
    await modal().locator('input.text-input').fill(text);
    await modal().locator('button[data-role="submit"]').click();
  }

  it('asks Bob for the name, refuses a wrong one, counts the right one; runs once after Alice', async () => {
    await page.selectOption('#user', 'U0CAROL01');
    await page.fill('#command', 'org delete "Research Lab"');
    await page.click('#send');
    await page.locator('[data-channel="C0APPROVE1"]').click();
    await expect
      .poll(() => page.locator('button[data-action-id="approval-approve"]').count(), {
        timeout: 8_000,
      })
      .toBe(1);

    await approveAs('U0BOB0001');
    expect(await modal().textContent()).toContain(
      'Type the organization name “Research Lab” to approve.',
    );
    await typeAndSubmit('research lab');
    await expect
      .poll(() => modal().locator('.input-error').textContent(), { timeout: 5_000 })
      .toContain('letter case counts');
    await page.screenshot({ path: '/tmp/sandbox-confirmation-error.png' });
    await typeAndSubmit('Research Lab');
    await expect
      .poll(() => modal().locator('h2').textContent(), { timeout: 5_000 })
      .toBe('Approval recorded');
    expect(await modal().textContent()).toContain('Your approval counts: 1 of 2.');
    await page.screenshot({ path: '/tmp/sandbox-confirmation.png' });
    await modal().getByRole('button', { name: 'Close' }).click();
    expect(orgDeletes()).toHaveLength(0);

    // Alice types the name too: the second approval of two runs the delete, once.
    await approveAs('U0ALICE01');
    await typeAndSubmit('Research Lab');
    await expect
      .poll(() => modal().textContent(), { timeout: 5_000 })
      .toContain('Approved: it runs now');
    await expect
      .poll(() => page.locator('#log').textContent(), { timeout: 8_000 })
      .toContain('Succeeded');
    expect(orgDeletes()).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
