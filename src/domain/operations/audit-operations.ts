import * as z from 'zod';
import { cursor, durationUpTo, userRef } from './arguments.ts';
import { defineOperation, fixedRisk } from './operation.ts';

const maxWindowSeconds = 90 * 86_400;

export const audit = defineOperation({
  id: 'audit',
  words: ['audit'],
  summary:
    "Recent actions through the bot (requests, votes, executions, results), or Arize's own " +
    'audit log with --arize; newest first.',
  positionals: [],
  flags: [
    {
      name: 'user',
      placeholder: 'USER',
      kind: 'text',
      description: 'only this person (a Slack mention; with --arize also an e-mail or Arize id)',
    },
    {
      name: 'since',
      placeholder: 'DURATION',
      kind: 'duration',
      description: 'how far back (default 7d, at most 90d)',
    },
    { name: 'arize', kind: 'boolean', description: "Arize's audit log instead of the bot's" },
    {
      name: 'csv',
      kind: 'boolean',
      description: 'every record of the window as a CSV file, sent to you in a direct message',
    },
    {
      name: 'cursor',
      placeholder: 'CURSOR',
      kind: 'text',
      description: 'where the next page starts',
    },
  ],
  schema: z
    .object({
      user: userRef.optional(),
      since: durationUpTo(maxWindowSeconds, '90d').optional(),
      arize: z.boolean().optional(),
      csv: z.boolean().optional(),
      cursor: cursor.optional(),
    })
    .refine(
      (args) => args.arize === true || args.user === undefined || args.user.startsWith('<@'),
      {
        error: "the bot's audit names people by Slack mention (@someone); e-mails need --arize",
        path: ['user'],
      },
    )
    .refine((args) => args.csv !== true || (args.arize !== true && args.cursor === undefined), {
      error:
        "--csv exports the bot's whole audit trail for the window: leave out --arize and --cursor",
      path: ['csv'],
    }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: [
    'audit',
    'audit --user <@U0ALICE01> --since 1d',
    'audit --arize --since 3d',
    'audit --csv --since 30d',
  ],
});
