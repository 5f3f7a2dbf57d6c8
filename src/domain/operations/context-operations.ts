import * as z from 'zod';
import { orgFlag, refOf } from './arguments.ts';
import { defineOperation, fixedRisk } from './operation.ts';

export const use = defineOperation({
  id: 'use',
  words: ['use'],
  summary:
    'Set the organization and space that commands use when you omit them (never for ' +
    'deletes, removals or keys); without options, show them.',
  positionals: [],
  flags: [
    orgFlag('organization name or id'),
    { name: 'space', placeholder: 'SPACE', kind: 'text', description: 'space name or id' },
    { name: 'clear', kind: 'boolean', description: 'forget your context' },
  ],
  schema: z
    .object({
      org: refOf('org').optional(),
      space: refOf('space').optional(),
      clear: z.boolean().optional(),
    })
    .refine((args) => !(args.clear && (args.org !== undefined || args.space !== undefined)), {
      error: '--clear goes alone: it forgets both the organization and the space.',
    }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['use --org "Acme ML" --space production', 'use', 'use --clear'],
});

export const whoami = defineOperation({
  id: 'whoami',
  words: ['whoami'],
  summary: 'Who the bot thinks you are: your Slack ids, e-mail, Arize user and context.',
  positionals: [],
  flags: [],
  schema: z.object({}),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['whoami'],
});
