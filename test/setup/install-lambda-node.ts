import { spawnSync } from 'node:child_process';
import { optionalSuites } from '../support/optional-suites.ts';

/**
 * Vitest global setup: installs Lambda's Node 22 beside the tree when it is absent, so a fresh
 * clone runs the bundled handlers under it without a step of its own. Only linux-x64 has the
 * binary `npm run node22` installs; elsewhere, or offline, the summary line names the skip.
 */
export default function installLambdaNode(): void {
  const suite = optionalSuites.lambdaNode;
  if (suite.available() || process.platform !== 'linux' || process.arch !== 'x64') return;
  process.stdout.write('installing Node 22 for test/bundle (npm run node22)…\n');
  const run = spawnSync('npm', ['run', 'node22', '--silent'], { stdio: 'inherit' });
  if (run.status !== 0) process.stdout.write(`npm run node22 failed (exit ${run.status})\n`);
}
