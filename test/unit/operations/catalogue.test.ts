import { describe, expect, it } from 'vitest';
import { executors } from '../../../src/app/operations/executors.ts';
import { parseCommand } from '../../../src/domain/grammar/parse-command.ts';
import { catalogue, findOperation } from '../../../src/domain/operations/catalogue.ts';
import { RetryClasses, Risks } from '../../../src/domain/operations/operation.ts';

const rows = catalogue.map((op) => [op.id, op] as const);

describe('catalogue', () => {
  it('has unique ids and unique command words', () => {
    expect(new Set(catalogue.map((op) => op.id)).size).toBe(catalogue.length);
    expect(new Set(catalogue.map((op) => op.words.join(' '))).size).toBe(catalogue.length);
  });

  it('has an executor for every id and none for an id it lacks', () => {
    expect(Object.keys(executors).sort()).toEqual(catalogue.map((op) => op.id).sort());
  });

  it('finds operations by id', () => {
    expect(findOperation('space.add-user')?.words).toEqual(['space', 'add-user']);
    expect(findOperation('audit')?.words).toEqual(['audit']);
    expect(findOperation('approvals.list')).toBeUndefined();
  });

  it.each(rows)('%s: its id is its words joined with dots', (id, op) => {
    expect(id).toBe(op.words.join('.'));
  });

  it.each(rows)('%s: every example parses as this operation', (_id, op) => {
    expect(op.examples.length).toBeGreaterThan(0);
    for (const example of op.examples) {
      const result = parseCommand(example, catalogue);
      expect(result.ok && result.command.operation.id).toBe(op.id);
    }
  });

  it.each(rows)('%s: a risk and retry class for every example', (_id, op) => {
    for (const example of op.examples) {
      const result = parseCommand(example, catalogue);
      if (!result.ok) throw new Error(result.error.message);
      expect(Risks).toContain(op.risk(result.command.args));
    }
    expect(RetryClasses).toContain(op.retry);
  });

  it.each(rows)(
    '%s: positionals can be told apart (optional and list ones come last)',
    (_id, op) => {
      const firstOptional = op.positionals.findIndex((p) => !p.required);
      if (firstOptional !== -1) {
        expect(op.positionals.slice(firstOptional).every((p) => !p.required)).toBe(true);
      }
      expect(op.positionals.slice(0, -1).map((p) => p.kind)).not.toContain('list');
    },
  );

  it.each(rows)('%s: flags are unique, described, and not global option names', (_id, op) => {
    const names = op.flags.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('public');
    expect(names).not.toContain('reason');
    expect(names).not.toContain('help');
    for (const spec of [...op.flags, ...op.positionals]) {
      expect(spec.description.length).toBeGreaterThan(3);
      expect(spec.name).toMatch(/^[a-z][a-z-]*$/);
    }
  });

  it('never offers user API keys', () => {
    const keyCreate = findOperation('key.create');
    expect(keyCreate?.flags.map((f) => f.name)).not.toContain('type');
  });
});
