import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The major version a Node binary reports, or undefined when it does not run. */
export function nodeMajor(path: string): number | undefined {
  const run = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  const major = Number.parseInt(run.stdout ?? '', 10);
  return run.status === 0 && Number.isInteger(major) ? major : undefined;
}

/**
 * A Node binary of this major version: the one running the tests, npm's own, or one on PATH.
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
