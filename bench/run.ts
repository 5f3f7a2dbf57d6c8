import { readFileSync } from 'node:fs';
import { silenceArizePrereleaseWarning } from '../src/config.ts';
import { benchAckLatency } from './ack-latency.ts';
import { type Budget, type Figure, meetsBudget } from './figure.ts';

type Bench = { title: string; run: () => Promise<Figure[]> };

/** Benches are loaded lazily so one missing module names itself instead of stopping the run. */
const benches: Bench[] = [
  { title: 'ack latency (slack function instances)', run: benchAckLatency },
  { title: 'cold start', run: async () => (await import('./cold-start.ts')).benchColdStart() },
  {
    title: 'cold start: first invoke breakdown',
    run: async () => (await import('./first-invoke-breakdown.ts')).benchFirstInvokeBreakdown(),
  },
  {
    title: 'bulk membership upserts',
    run: async () => {
      const { withPeakMemory } = await import('./end-to-end.ts');
      const { benchBulkUpserts } = await import('./arize-bulk.ts');
      return withPeakMemory('worker-peak-memory-bulk', benchBulkUpserts);
    },
  },
  {
    title: 'end to end (local stack, Arize at 50 ms)',
    run: async () => (await import('./end-to-end.ts')).benchEndToEnd(),
  },
  {
    title: 'parser throughput',
    run: async () => (await import('./end-to-end.ts')).benchParserThroughput(),
  },
  {
    title: 'time-bound grants ending together',
    run: async () => (await import('./grant-ends.ts')).benchGrantEnds(),
  },
  {
    title: 'request modal suggestions (local stack, 1,000 spaces)',
    run: async () => (await import('./suggestions.ts')).benchSuggestions(),
  },
  {
    title: 'access report (1,000 spaces, 100,000 memberships)',
    run: async () => {
      const { withPeakMemory } = await import('./end-to-end.ts');
      const { benchAccessReport } = await import('./access-report.ts');
      return withPeakMemory('worker-peak-memory-access-report', () => benchAccessReport());
    },
  },
  {
    title: 'grammar properties',
    run: async () => (await import('./grammar-properties.ts')).benchGrammarProperties(),
  },
];

async function main(): Promise<void> {
  silenceArizePrereleaseWarning();
  const budgets = JSON.parse(
    readFileSync(new URL('./budgets.json', import.meta.url), 'utf8'),
  ) as Record<string, Budget>;
  const only = process.argv.slice(2);
  let missed = 0;
  for (const bench of benches.filter(
    (b) => only.length === 0 || only.some((o) => b.title.includes(o)),
  )) {
    process.stdout.write(`\n== ${bench.title}\n`);
    let figures: Figure[];
    try {
      figures = await bench.run();
    } catch (error: unknown) {
      missed += 1;
      process.stdout.write(
        `  FAILED to run: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      continue;
    }
    for (const figure of figures) {
      const budget = budgets[figure.name];
      const ok = budget ? meetsBudget(figure.value, budget) : (figure.ok ?? true);
      const limit = budget
        ? `${budget.better === 'lower' ? '≤' : '≥'} ${budget.budget} ${budget.unit}`
        : figure.budget !== undefined
          ? `budget ${figure.budget} (not in budgets.json)`
          : 'no budget';
      if (!ok) missed += 1;
      process.stdout.write(
        `  ${ok ? 'ok  ' : 'MISS'} ${figure.name.padEnd(32)} ${formatValue(figure.value)} ${figure.unit.padEnd(14)} ${limit}${figure.details ? `  (${figure.details})` : ''}\n`,
      );
    }
  }
  process.stdout.write(
    missed === 0 ? '\nall figures within budget\n' : `\n${missed} figure(s) missed their budget\n`,
  );
  process.exitCode = missed === 0 ? 0 : 1;
}

const formatValue = (value: number) =>
  (Number.isInteger(value) ? String(value) : value.toFixed(2)).padStart(9);

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
