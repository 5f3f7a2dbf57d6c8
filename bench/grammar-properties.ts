import { checkGrammarProperties } from '../test/unit/grammar/grammar-properties.ts';
import type { Figure } from './figure.ts';

/** Runs per property: twenty times what `npm test` runs. */
const numRuns = 100_000;

/**
 * The grammar properties of `npm test` at 100,000 runs each, with a fresh seed (printed, so a
 * counterexample can be replayed in the unit test).
 */
export async function benchGrammarProperties(): Promise<Figure[]> {
  const seed = Math.floor(Math.random() * 0x7fffffff);
  const started = performance.now();
  const results = checkGrammarProperties(numRuns, seed);
  const seconds = (performance.now() - started) / 1000;
  const failed = results.filter((r) => r.failed);
  const details = failed.map((r) => `${r.name}: ${JSON.stringify(r.counterexample)}`).join('; ');
  return [
    {
      name: 'grammar-properties-100k',
      value: failed.length,
      unit: 'counterexamples',
      budget: 0,
      ok: failed.length === 0,
      details: `${results.length} properties × ${numRuns} runs, seed ${seed}${details ? `; ${details}` : ''}`,
    },
    {
      name: 'grammar-properties-100k-seconds',
      value: seconds,
      unit: 's',
      budget: 180,
      ok: seconds <= 180,
      details: `${results.length} properties × ${numRuns} runs on one core`,
    },
  ];
}
