import { formatUsage, type OperationDefinition } from './operation.ts';
import { riskSummary } from './risk-summary.ts';

export const tableMarkers = {
  start: '<!-- commands:start -->',
  end: '<!-- commands:end -->',
} as const;

/** GitHub tables split cells on `|`, even inside code spans, unless it is escaped. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README command table: usage, what it does and risk, one row per operation. */
export function renderCommandTable(catalogue: readonly OperationDefinition[]): string {
  const rows = catalogue.map(
    (op) =>
      `| \`${cell(`/arize ${formatUsage(op)}`)}\` | ${cell(op.summary)} | ${cell(riskSummary(op))} |`,
  );
  return ['| command | what it does | risk |', '|---|---|---|', ...rows].join('\n');
}

export type TableUpdate =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; reason: string };

/** Puts `table` between the README markers; says so when the markers are missing. */
export function replaceCommandTable(readme: string, table: string): TableUpdate {
  const start = readme.indexOf(tableMarkers.start);
  const end = readme.indexOf(tableMarkers.end);
  if (start === -1 || end === -1 || end < start) {
    return {
      ok: false,
      reason:
        `README.md has no command table markers: add a line ${tableMarkers.start} and a line ` +
        `${tableMarkers.end} where the table goes, then run ` +
        '`npx tsx scripts/generate-command-table.ts --write`.',
    };
  }
  const text = `${readme.slice(0, start + tableMarkers.start.length)}\n${table}\n${readme.slice(end)}`;
  return { ok: true, text, changed: text !== readme };
}
