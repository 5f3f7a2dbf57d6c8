import { writeSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { type OptionalSuite, optionalSuites, skipNote } from '../support/optional-suites.ts';

interface Skipped {
  tests: number;
  reason: string;
}

/** Why a skipped test did not run: the note it gave, else its suite's missing prerequisite. */
function reasonFor(file: string, test: TestCase): string {
  const result = test.result();
  const note = result.state === 'skipped' ? result.note : undefined;
  if (note) return note;
  const suite = Object.values(optionalSuites).find(
    (candidate: OptionalSuite) => file.startsWith(candidate.files) && !candidate.available(),
  );
  return suite ? skipNote(suite) : 'marked skip in the file';
}

/** The skipped tests by file, each with its reason and the count. */
export function collectSkipped(modules: ReadonlyArray<TestModule>, root: string) {
  const skipped = new Map<string, Skipped>();
  for (const module of modules) {
    const file = relative(root, module.moduleId);
    for (const test of module.children.allTests('skipped')) {
      const reason = reasonFor(file, test);
      const key = `${file.slice(0, file.lastIndexOf('/') + 1)}\u0000${reason}`;
      const entry = skipped.get(key) ?? { tests: 0, reason };
      entry.tests += 1;
      skipped.set(key, entry);
    }
  }
  return [...skipped].map(([key, entry]) => ({ files: key.split('\u0000')[0], ...entry }));
}

/** One line after the run naming every skipped suite and the command that enables it. */
export function summariseSkipped(entries: ReturnType<typeof collectSkipped>): string {
  if (entries.length === 0) return 'Skipped suites: none, every test ran.';
  const parts = entries.map(
    ({ files, tests, reason }) => `${files} (${tests} test${tests === 1 ? '' : 's'}, ${reason})`,
  );
  return `Skipped suites: ${parts.join('; ')}`;
}

/**
 * Vitest reporter that ends the output with the skipped-suites line, beside the default one. The
 * coverage summary is printed after every reporter hook, so the line waits for the process exit.
 */
export default class SkippedSuitesReporter implements Reporter {
  private root = process.cwd();
  private summary: string | undefined;

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
    process.once('exit', () => {
      if (this.summary) writeSync(1, `\n${this.summary}\n`);
    });
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    this.summary = summariseSkipped(collectSkipped(modules, this.root));
  }
}
