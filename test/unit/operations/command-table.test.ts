import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import {
  renderCommandTable,
  replaceCommandTable,
  tableMarkers,
} from '../../../src/domain/operations/command-table.ts';
import { formatUsage } from '../../../src/domain/operations/operation.ts';

const table = renderCommandTable(catalogue);
const readmeUrl = new URL('../../../README.md', import.meta.url);

describe('renderCommandTable', () => {
  it('has a header and one row per operation, in catalogue order', () => {
    const lines = table.split('\n');
    expect(lines.slice(0, 2)).toEqual(['| command | what it does | risk |', '|---|---|---|']);
    expect(lines).toHaveLength(catalogue.length + 2);
    expect(lines[2]).toBe(
      '| `/arize org list [--name TEXT] [--cursor CURSOR]` | List organizations, optionally by part of the name. | read |',
    );
  });

  it.each([
    ['user invite', 'write / privilege (approval) / secret (approval)'],
    ['space update', 'write / privilege (approval)'],
    ['org delete', 'destructive (approval)'],
    ['key create', 'secret (approval)'],
  ])('gives %s the risks its examples reach: %s', (command, risks) => {
    const row = table.split('\n').find((line) => line.startsWith(`| \`/arize ${command} `));
    expect(row?.endsWith(`| ${risks} |`)).toBe(true);
  });

  it('escapes pipes so a usage line stays in its cell', () => {
    const row = table.split('\n').find((line) => line.includes('/arize space update'));
    expect(row).toContain('[--private true\\|false]');
    expect(formatUsage(catalogue.find((op) => op.id === 'space.update')!)).toContain(
      '[--private true|false]',
    );
  });
});

describe('replaceCommandTable', () => {
  const readme = `# x\n\n${tableMarkers.start}\nold\n${tableMarkers.end}\n\nrest\n`;

  it('replaces only what is between the markers', () => {
    const update = replaceCommandTable(readme, 'NEW');
    expect(update).toEqual({
      ok: true,
      changed: true,
      text: `# x\n\n${tableMarkers.start}\nNEW\n${tableMarkers.end}\n\nrest\n`,
    });
  });

  it('reports no change when the table is current', () => {
    const current = replaceCommandTable(readme, 'NEW');
    if (!current.ok) throw new Error(current.reason);
    expect(replaceCommandTable(current.text, 'NEW')).toMatchObject({ ok: true, changed: false });
  });

  it.each([
    ['no markers', '# x\n'],
    ['an end before the start', `${tableMarkers.end}\n${tableMarkers.start}\n`],
  ])('refuses a README with %s', (_case, text) => {
    const update = replaceCommandTable(text, 'NEW');
    expect(update.ok).toBe(false);
    expect(!update.ok && update.reason).toContain('README.md has no command table markers');
  });
});

describe('README.md', () => {
  it('has the current command table (regenerate: npx tsx scripts/generate-command-table.ts --write)', () => {
    expect(existsSync(readmeUrl), 'README.md does not exist yet: the README owner adds it').toBe(
      true,
    );
    const readme = readFileSync(readmeUrl, 'utf8');
    const update = replaceCommandTable(readme, table);
    if (!update.ok) expect.fail(update.reason);
    expect(
      update.changed,
      'README.md command table is stale: run `npx tsx scripts/generate-command-table.ts --write`',
    ).toBe(false);
  });
});
