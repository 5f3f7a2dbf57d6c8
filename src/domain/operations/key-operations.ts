import * as z from 'zod';
import { cursor, cursorFlag, durationUpTo, orgFlag, refOf, spaceRole } from './arguments.ts';
import { keyExpiry, maxKeyGrace } from './limits.ts';
import { defineOperation, fixedRisk } from './operation.ts';
import { decodeResourceId, refProblem } from './resource-ids.ts';

const spaceFlag = (description: string, required = false) => ({
  name: 'space',
  placeholder: 'SPACE',
  kind: 'text' as const,
  required,
  description,
});

/** KEY is a key id from `key list`, or a key name together with `--space`. */
const keyPositional = {
  name: 'key',
  placeholder: 'KEY',
  kind: 'text' as const,
  required: true,
  description: 'the key id from key list, or its name with --space',
};

/** Looks a space name up in one organization: `production` exists in two demo orgs. */
const scopeFlag = orgFlag('the organization to look the space name up in, when ambiguous');

const keyRef = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .superRefine((value, ctx) => {
    const message = refProblem(value, 'key');
    if (message) ctx.addIssue({ code: 'custom', message });
  });

const nameNeedsSpace = {
  path: ['key'],
  error: 'a key name needs --space SPACE to find it; or give the key id from key list',
};
const isKeyId = (key: string): boolean => decodeResourceId(key) !== undefined;

export const keyList = defineOperation({
  id: 'key.list',
  words: ['key', 'list'],
  summary: 'List the service API keys of a space (your context space when omitted).',
  positionals: [],
  flags: [
    spaceFlag('space name or id (default: your context)'),
    scopeFlag,
    {
      name: 'status',
      placeholder: 'active|revoked',
      kind: 'text',
      choices: ['active', 'revoked'],
      description: 'which keys (default: active)',
    },
    cursorFlag,
  ],
  schema: z.object({
    space: refOf('space').optional(),
    org: refOf('org').optional(),
    status: z.enum(['active', 'revoked']).optional(),
    cursor: cursor.optional(),
  }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: [
    'key list --space fraud-detection',
    'key list --space production --org "Acme ML" --status revoked',
  ],
});

export const keyCreate = defineOperation({
  id: 'key.create',
  words: ['key', 'create'],
  summary:
    'Create a service API key for one space (space admin by default; expires in 90d by ' +
    'default, 365d at most). Shown once, to you only. User API keys are never created here.',
  positionals: [
    {
      name: 'name',
      placeholder: 'NAME',
      kind: 'text',
      required: true,
      description: 'what the key is for',
    },
  ],
  flags: [
    spaceFlag('space name or id (never your context)', true),
    orgFlag('the organization to look the space name up in, when ambiguous (never your context)'),
    {
      name: 'role',
      placeholder: 'ROLE',
      kind: 'role',
      description: 'space role of the key: admin (default), member or read-only',
    },
    {
      name: 'expires',
      placeholder: 'DURATION',
      kind: 'duration',
      description: 'lifetime, e.g. 30d (default 90d, at most 365d)',
    },
    { name: 'description', placeholder: 'TEXT', kind: 'text', description: 'a note on the key' },
  ],
  schema: z.object({
    name: z.string().trim().min(1).max(256),
    space: refOf('space'),
    org: refOf('org').optional(),
    role: spaceRole
      .refine((role) => role !== 'ANNOTATOR', { error: 'an API key cannot be an annotator' })
      .default('ADMIN'),
    expires: durationUpTo(keyExpiry.max, '365d').default(keyExpiry.default),
    description: z.string().max(1000).optional(),
  }),
  ...fixedRisk('secret'),
  retry: 'never',
  examples: [
    'key create ingest-pipeline --space fraud-detection',
    'key create dashboards --space production --org "Acme ML" --role read-only --expires 30d',
  ],
});

export const keyRefresh = defineOperation({
  id: 'key.refresh',
  words: ['key', 'refresh'],
  summary:
    'Rotate a service API key: a new secret, shown once to you only; the old one stops ' +
    'working now or after --grace (at most 24h).',
  positionals: [keyPositional],
  flags: [
    spaceFlag('the space of the key, needed when KEY is a name'),
    scopeFlag,
    {
      name: 'grace',
      placeholder: 'DURATION',
      kind: 'duration',
      description: 'how long the old secret keeps working, e.g. 1h (at most 24h)',
    },
    {
      name: 'expires',
      placeholder: 'DURATION',
      kind: 'duration',
      description: 'lifetime of the new secret, not past the old expiry (default: the old expiry)',
    },
  ],
  schema: z
    .object({
      key: keyRef,
      space: refOf('space').optional(),
      org: refOf('org').optional(),
      grace: durationUpTo(maxKeyGrace, '24h').optional(),
      expires: durationUpTo(keyExpiry.max, '365d').optional(),
    })
    .refine((args) => isKeyId(args.key) || args.space !== undefined, nameNeedsSpace),
  ...fixedRisk('secret'),
  retry: 'never',
  examples: ['key refresh ingest-pipeline --space fraud-detection --grace 1h'],
});

export const keyRevoke = defineOperation({
  id: 'key.revoke',
  words: ['key', 'revoke'],
  summary: 'Revoke a service API key: it stops working at once. Irreversible.',
  positionals: [keyPositional],
  flags: [
    spaceFlag('the space of the key, needed when KEY is a name (never your context)'),
    scopeFlag,
  ],
  schema: z
    .object({ key: keyRef, space: refOf('space').optional(), org: refOf('org').optional() })
    .refine((args) => isKeyId(args.key) || args.space !== undefined, nameNeedsSpace),
  ...fixedRisk('destructive'),
  retry: 'idempotent',
  examples: ['key revoke ingest-pipeline --space fraud-detection'],
});
