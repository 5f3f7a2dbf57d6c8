import type * as z from 'zod';
import { counted } from '../words.ts';

/** The message the error map gives a required argument that was not given. */
export const missingMessage = 'is missing';

type RawIssue = z.core.$ZodRawIssue;

/**
 * Zod's default messages ("Too big: expected string to have <=255 characters") rewritten as the
 * end of a sentence about one argument: "NAME: must be at most 255 characters". A schema's own
 * message wins over this map (zod's precedence), so specific wording stays where it is defined.
 */
export const readableIssue = (issue: RawIssue): string | undefined => {
  if (issue.input === undefined && issue.code !== 'custom') return missingMessage;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected}`;
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return `must be at most ${counted(max, 'character')}`;
      if (issue.origin === 'array') return `takes at most ${counted(max, 'value')}`;
      return `must be at most ${max}`;
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string')
        return Number(min) === 1
          ? 'must not be empty'
          : `must be at least ${counted(min, 'character')}`;
      if (issue.origin === 'array') return `needs at least ${counted(min, 'value')}`;
      return `must be at least ${min}`;
    }
    case 'invalid_format':
      return issue.format === 'email'
        ? 'must be an e-mail address'
        : `is not a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v).toLowerCase().replace(/_/g, '-')).join(', ')}`;
    default:
      return undefined;
  }
};
