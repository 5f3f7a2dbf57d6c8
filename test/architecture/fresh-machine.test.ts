import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summariseSkipped } from '../setup/skipped-suites-reporter.ts';
import { optionalSuites, skipNote } from '../support/optional-suites.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('a fresh machine runs every test', () => {
  it("ends .ci/run with exactly the README's test command", () => {
    const readmeCommand = /^(npm ci && npm test)\s+#/m.exec(read('README.md'))?.[1];
    const lastLine = read('.ci/run').trimEnd().split('\n').at(-1);
    expect(readmeCommand).toBe('npm ci && npm test');
    expect(lastLine).toBe(readmeCommand);
  });

  it('runs the Node 22 install from the test run, not from .ci/run', () => {
    expect(read('.ci/run')).not.toContain('npm run node22');
    expect(read('vitest.config.ts')).toContain('test/setup/install-lambda-node.ts');
    expect(JSON.parse(read('package.json')).scripts.node22).toContain('--prefix .node22');
  });

  it('names every skipped suite with the command that enables it, on one line', () => {
    const entries = Object.values(optionalSuites).map((suite) => ({
      files: suite.files,
      tests: 2,
      reason: skipNote(suite),
    }));
    const line = summariseSkipped(entries);
    expect(line).not.toContain('\n');
    expect(line).toContain('test/browser/ (2 tests, needs Chromium at /usr/bin/chromium');
    expect(line).toContain(': apt-get install chromium');
    expect(line).toContain('test/bundle/ (2 tests, needs Node 22 at .node22/');
    expect(line).toContain(': npm run node22');
  });

  it('says so when nothing was skipped', () => {
    expect(summariseSkipped([])).toBe('Skipped suites: none, every test ran.');
  });
});
