import * as z from 'zod';
import { defineOperation } from './operation.ts';

export const help = defineOperation({
  id: 'help',
  words: ['help'],
  summary: 'List the commands, or show the usage and examples of one.',
  positionals: [
    {
      name: 'topic',
      placeholder: 'COMMAND',
      kind: 'list',
      required: false,
      description: 'the command to explain, e.g. space list',
    },
  ],
  flags: [],
  schema: z.object({ topic: z.array(z.string()).optional() }),
  risk: () => 'read',
  retry: 'idempotent',
  examples: ['help', 'help space list'],
});
