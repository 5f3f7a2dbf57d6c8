import * as z from 'zod';
import { defineOperation, fixedRisk } from './operation.ts';

export const doctor = defineOperation({
  id: 'doctor',
  words: ['doctor'],
  summary:
    'Checks the running deployment, ✓ or ✗ with the fix for each line: the bot token and its ' +
    'scopes, the bot in the approvals channel, the Arize admin and developer keys, the policy ' +
    'in force, the schedules and the dead-letter queue.',
  positionals: [],
  flags: [],
  schema: z.object({}),
  ...fixedRisk('read'),
  retry: 'idempotent',
  adminOnly: true,
  examples: ['doctor'],
});
