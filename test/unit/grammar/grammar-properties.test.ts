import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import { commandText, grammarProperties } from './grammar-properties.ts';

/** 5,000 runs per property in `npm test`; `npm run bench` runs 100,000. */
const numRuns = 5_000;
/** A new seed every run, printed so any failure can be replayed by pasting it here. */
const seed = Math.floor(Math.random() * 0x7fffffff);
console.log(`grammar properties: numRuns=${numRuns} seed=${seed}`);

describe('grammar properties', () => {
  it.each(grammarProperties().map((p) => [p.name, p.property] as const))(
    '%s',
    (_name, property) => {
      fc.assert(property, { numRuns, seed });
    },
  );

  it('generates command-like text that mostly parses, so the round-trip is not vacuous', () => {
    const sample = fc.sample(commandText, { numRuns: 2_000, seed });
    const parsed = sample.filter((text) => parseCommand(text, catalogue).ok).length;
    const ids = new Set(
      sample.flatMap((text) => {
        const result = parseCommand(text, catalogue);
        return result.ok ? [result.command.operation.id] : [];
      }),
    );
    expect(parsed / sample.length).toBeGreaterThan(0.25);
    expect(ids.size).toBeGreaterThan(catalogue.length * 0.8);
  });
});
