import * as z from 'zod';
import { defineOperation, fixedRisk } from './operation.ts';

export const approvals = defineOperation({
  id: 'approvals',
  words: ['approvals'],
  summary: 'Pending approval requests, newest first; --mine shows only yours.',
  positionals: [],
  flags: [{ name: 'mine', kind: 'boolean', description: 'only the requests you made' }],
  schema: z.object({ mine: z.boolean().optional() }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['approvals', 'approvals --mine'],
});

export const cancel = defineOperation({
  id: 'cancel',
  words: ['cancel'],
  summary: 'Withdraw a pending approval request of yours; nothing of it will run.',
  positionals: [
    {
      name: 'request',
      placeholder: 'REQUEST',
      kind: 'text',
      required: true,
      description: 'the request id shown on the approval message (e.g. R1A2B3C4D5E6F)',
    },
  ],
  flags: [],
  schema: z.object({
    request: z
      .string()
      .trim()
      .regex(/^R[0-9A-F]{12}$/i, 'is a request id like R1A2B3C4D5E6F (see /arize approvals --mine)')
      .transform((id) => id.toUpperCase()),
  }),
  // It changes only the bot's own record of a request the caller made: nothing in Arize.
  ...fixedRisk('write'),
  retry: 'idempotent',
  examples: ['cancel R1A2B3C4D5E6F'],
});
