import * as z from 'zod';
import { defineOperation, fixedRisk } from './operation.ts';

/** Help topics are lower-case words; `help space,list` and `help "space list"` mean the same. */
const topic = z
  .array(z.string())
  .transform((items) =>
    items
      .flatMap((item) => item.toLowerCase().split(/[\s,]+/))
      .filter((word) => word !== '')
      .map((word) => word.slice(0, 40)),
  )
  .pipe(z.array(z.string()).max(3, { error: 'names at most one command, e.g. help space list' }))
  .transform((words) => (words.length > 0 ? words : undefined));

export const help = defineOperation({
  id: 'help',
  words: ['help'],
  summary: 'List the commands, or show the usage and examples of one command or group.',
  positionals: [
    {
      name: 'topic',
      placeholder: 'COMMAND',
      kind: 'list',
      required: false,
      description: 'the command or group to explain, e.g. space list, or space',
    },
  ],
  flags: [],
  schema: z.object({ topic: topic.optional() }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['help', 'help space', 'help space add-user'],
});
