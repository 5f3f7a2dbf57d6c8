import * as z from 'zod';

/** A value given as JSON text (a context key, an environment variable) that must match `schema`. */
export const jsonOf = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON', input: value });
      return z.NEVER;
    }
  }, schema);
