import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { missingMessage, readableIssue } from '../../../src/domain/grammar/schema-messages.ts';

const messageOf = (schema: z.ZodType, value: unknown): string | undefined => {
  const result = schema.safeParse(value, { error: readableIssue });
  return result.success ? undefined : result.error.issues[0]?.message;
};

describe('readableIssue', () => {
  it.each([
    ['missing', z.string(), undefined, missingMessage],
    ['missing enum', z.enum(['A']), undefined, missingMessage],
    ['wrong type', z.string(), 5, 'must be string'],
    ['long text', z.string().max(3), 'abcd', 'must be at most 3 characters'],
    ['one character', z.string().max(1), 'ab', 'must be at most 1 character'],
    ['many values', z.array(z.string()).max(1), ['a', 'b'], 'takes at most 1 value'],
    ['big number', z.number().max(5), 6, 'must be at most 5'],
    ['empty text', z.string().min(1), '', 'must not be empty'],
    ['short text', z.string().min(2), 'a', 'must be at least 2 characters'],
    ['few values', z.array(z.string()).min(2), ['a'], 'needs at least 2 values'],
    ['small number', z.number().min(5), 1, 'must be at least 5'],
    ['e-mail', z.email(), 'x', 'must be an e-mail address'],
    ['url', z.url(), 'x', 'is not a valid url'],
    ['choice', z.enum(['READ_ONLY', 'ADMIN']), 'x', 'must be one of read-only, admin'],
  ])('words %s as %j', (_case, schema, value, message) => {
    expect(messageOf(schema, value)).toBe(message);
  });

  it('leaves other issues, and a schema’s own message, to zod', () => {
    expect(messageOf(z.string().max(1, { error: 'mine' }), 'ab')).toBe('mine');
    expect(messageOf(z.object({}).strict(), { a: 1 })).toMatch(/Unrecognized key/);
  });
});
