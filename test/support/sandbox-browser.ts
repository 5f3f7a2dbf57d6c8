import { type Browser, chromium, type Page } from 'playwright-core';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';

import { CHROMIUM, optionalSuites, runsSuite } from './optional-suites.ts';

/** In CI the browser tests must run; locally they are skipped when Chromium is not installed. */
export const canRunBrowser = runsSuite(optionalSuites.browser);

/** Headless Chromium on the sandbox page of a fresh local stack; page errors are collected. */
export interface SandboxBrowser {
  stack: LocalStack;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openSandbox(
  viewport = { width: 1100, height: 800 },
): Promise<SandboxBrowser> {
  const stack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.url}/sandbox`);
  return {
    stack,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await stack.close();
    },
  };
}
