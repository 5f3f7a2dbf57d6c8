import { readFileSync, writeFileSync } from 'node:fs';
import { catalogue } from '../src/domain/operations/catalogue.ts';
import { renderCommandTable, replaceCommandTable } from '../src/domain/operations/command-table.ts';

/**
 * The README command table, generated from the catalogue.
 *   --check  exit 1 when README.md's table is stale (CI)
 *   --write  rewrite the table between the markers
 *   (none)   print the table
 */
const readmePath = new URL('../README.md', import.meta.url);
const mode = process.argv[2];
const table = renderCommandTable(catalogue);

if (mode !== '--check' && mode !== '--write') {
  process.stdout.write(`${table}\n`);
} else {
  let readme: string;
  try {
    readme = readFileSync(readmePath, 'utf8');
  } catch {
    readme = '';
  }
  const update = replaceCommandTable(readme, table);
  if (!update.ok) {
    process.stderr.write(`${update.reason}\n`);
    process.exitCode = 1;
  } else if (mode === '--check') {
    if (update.changed) {
      process.stderr.write(
        'README.md command table is stale: run `npx tsx scripts/generate-command-table.ts --write`.\n',
      );
      process.exitCode = 1;
    } else process.stdout.write('README.md command table is up to date.\n');
  } else {
    if (update.changed) writeFileSync(readmePath, update.text);
    process.stdout.write(
      update.changed
        ? 'README.md command table rewritten.\n'
        : 'README.md command table already up to date.\n',
    );
  }
}
