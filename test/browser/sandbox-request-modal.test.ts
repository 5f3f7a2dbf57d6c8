import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/local-stack.ts';
import { seriousViolations } from '../support/axe-violations.ts';
import { canRunBrowser, openSandbox, type SandboxBrowser } from '../support/sandbox-browser.ts';

/**
 * The request modal in the sandbox page, on the real local stack: the name directory filled by
 * the directory-refresh run the stack makes at start (no job run here), Dave picks an organization and a space from the live suggestions,
 * a role and a duration his rules allow; a space outside them is refused under the field, the
 * right one files the request in #arize-approvals.
 */
describe.skipIf(!canRunBrowser)('the request modal in the sandbox page', () => {
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
  const options = () => modal().locator('.select-option').allTextContents();
  const selectOptions = (blockId: string) =>
    modal().locator(`[data-block-id="${blockId}"] select option`).allTextContents();

  /** Types in an external select and clicks the suggested option with this text. */
  async function pick(blockId: string, typed: string, option: string) {
    await modal().locator(`#input-${blockId}`).fill(typed);
    await expect.poll(options, { timeout: 5_000 }).toContain(option);
    await modal().locator('.select-option', { hasText: option }).first().click();
  }

  it('suggests organizations and spaces live, narrows to the org picked, files the request', async () => {
    await page.selectOption('#user', 'U0DAVE001');
    await page.fill('#command', 'request');
    await page.click('#send');
    await expect
      .poll(() => modal().locator('h2').textContent(), { timeout: 8_000 })
      .toBe('Request Arize access');

    await modal().locator('#input-request-space').fill('prod');
    await expect
      .poll(options, { timeout: 5_000 })
      .toEqual(['production (Acme ML)', 'production (Research Lab)']);

    await pick('request-org', 'research', 'Research Lab');
    // Redrawn for Research Lab: its rule allows read-only for up to 4 hours.
    await expect
      .poll(() => selectOptions('request-role'), { timeout: 5_000 })
      .toEqual(['the role you ask for', 'read-only']);
    expect((await selectOptions('request-duration')).at(-1)).toBe('4 hours');
    await pick('request-space', 'prod', 'production');
    await modal().locator('[data-block-id="request-duration"] select').selectOption('3600');
    await modal().locator('button[data-role="submit"]').click();
    await expect
      .poll(() => modal().locator('[data-block-id="request-space"] .input-error').textContent(), {
        timeout: 5_000,
      })
      .toContain('No self-service rule lets you ask for access to space production (Research Lab)');

    await pick('request-space', 'exp', 'experiments');
    await modal().locator('button[data-role="submit"]').click();
    await expect
      .poll(() => modal().locator('h2').textContent(), { timeout: 5_000 })
      .toBe('Request sent');
    await expect
      .poll(
        () =>
          stack.slack
            .messages()
            .filter((m) => m.channel === 'C0APPROVE1' && !m.ephemeral)
            .map((m) => JSON.stringify(m.blocks))
            .join('\n'),
        { timeout: 10_000 },
      )
      .toContain('read-only role in space experiments (Research Lab) for 1 hour');
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
