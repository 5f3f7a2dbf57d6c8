import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockEntry>;
};

describe('package-lock.json', () => {
  // `npm ci` refuses a lock that omits an optional dependency, even one for another platform.
  // This registry serves only Linux builds of some packages (e.g. Biome's CLI), so `npm install`
  // leaves those out and a fresh clone's `npm ci` would fail where a developer's tree works.
  it('lists every optional dependency of every locked package', () => {
    const missing = Object.entries(lock.packages).flatMap(([path, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .map((name) => `node_modules/${name}`)
        .filter(
          (dependency) =>
            !(dependency in lock.packages) && !(`${path}/${dependency}` in lock.packages),
        )
        .map((dependency) => `${path || '(root)'} → ${dependency}`),
    );

    expect(missing).toEqual([]);
  });
});
