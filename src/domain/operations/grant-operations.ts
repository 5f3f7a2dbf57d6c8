import * as z from 'zod';
import { orgFlag, refOf } from './arguments.ts';
import { defineOperation, fixedRisk } from './operation.ts';

export const grants = defineOperation({
  id: 'grants',
  words: ['grants'],
  summary:
    'Active time-bound grants with their ends, soonest first; --mine shows the ones you hold or ' +
    'asked for, --space one space’s.',
  positionals: [],
  flags: [
    { name: 'mine', kind: 'boolean', description: 'only grants you hold or asked for' },
    {
      name: 'space',
      placeholder: 'SPACE',
      kind: 'text',
      description: 'only grants in this space (name or id)',
    },
    orgFlag('the organization to look the space name up in, when ambiguous'),
  ],
  schema: z.object({
    mine: z.boolean().optional(),
    space: refOf('space').optional(),
    org: refOf('org').optional(),
  }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['grants', 'grants --mine', 'grants --space production --org "Acme ML"'],
});
