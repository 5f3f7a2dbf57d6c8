import * as z from 'zod';
import {
  cursor,
  cursorFlag,
  durationUpTo,
  orgFlag,
  refOf,
  roleFlag,
  spacePositional,
  spaceRefs,
  spaceRole,
  userRefs,
  usersPositional,
} from './arguments.ts';
import { itemCaps, maxGrantDuration } from './limits.ts';
import { defineOperation, fixedRisk } from './operation.ts';

const pairCap = {
  error:
    `That is more than ${itemCaps.pairs} user × space changes in one command: ` +
    'split it into several commands.',
};
const pairs = (args: { users: readonly string[]; spaces?: readonly string[] }): number =>
  args.users.length * (args.spaces?.length ?? 1);

/** `--space a,b` or `--space a --space b`: the flag takes a list. */
const spaceAlias = (description: string) => ({
  name: 'space',
  placeholder: 'SPACE,…',
  kind: 'list' as const,
  description,
});

export const spaceAddUser = defineOperation({
  id: 'space.add-user',
  words: ['space', 'add-user'],
  summary:
    'Give users a role in spaces, or change it (users × spaces, upsert). The users must ' +
    'already be members of the organization.',
  positionals: [usersPositional],
  flags: [
    spaceAlias('space names or ids, comma-separated (default: your context space)'),
    roleFlag('space role: admin, member, read-only or annotator'),
    orgFlag('the organization to look space names up in, when ambiguous'),
    {
      name: 'for',
      placeholder: 'DURATION',
      kind: 'duration',
      description:
        'make the grant time-bound, e.g. 8h: at its end the previous role is restored, or the ' +
        'user removed (needs readable space roles)',
    },
  ],
  schema: z
    .object({
      users: userRefs,
      space: spaceRefs.optional(),
      role: spaceRole,
      org: refOf('org').optional(),
      for: durationUpTo(maxGrantDuration, '30d').optional(),
    })
    .refine((args) => pairs({ users: args.users, spaces: args.space }) <= itemCaps.pairs, pairCap),
  ...fixedRisk('privilege'),
  retry: 'idempotent',
  itemCount: (args) => pairs({ users: args.users, spaces: args.space }),
  examples: [
    'space add-user alice@example.com --space production --role member',
    'space add-user bob@example.com,carol@example.com --space production,staging --role read-only',
    'space add-user dave@example.com --space fraud-detection --role member --for 8h',
  ],
});

export const spaceRemoveUser = defineOperation({
  id: 'space.remove-user',
  words: ['space', 'remove-user'],
  summary: 'Remove users from spaces (users × spaces). Never taken from your context.',
  positionals: [usersPositional],
  flags: [
    { ...spaceAlias('space names or ids, comma-separated'), required: true },
    orgFlag('the organization to look space names up in, when ambiguous (never your context)'),
  ],
  schema: z
    .object({ users: userRefs, space: spaceRefs, org: refOf('org').optional() })
    .refine((args) => pairs({ users: args.users, spaces: args.space }) <= itemCaps.pairs, pairCap),
  ...fixedRisk('destructive'),
  retry: 'idempotent',
  itemCount: (args) => pairs({ users: args.users, spaces: args.space }),
  examples: ['space remove-user dave@example.com --space staging --org "Acme ML"'],
});

export const spaceMembers = defineOperation({
  id: 'space.members',
  words: ['space', 'members'],
  summary: 'List the members of a space with their roles and how they got access.',
  positionals: [spacePositional(false, 'space name or id (default: your context)')],
  flags: [orgFlag('the organization to look the space name up in, when ambiguous'), cursorFlag],
  schema: z.object({
    space: refOf('space').optional(),
    org: refOf('org').optional(),
    cursor: cursor.optional(),
  }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['space members fraud-detection', 'space members production --org "Acme ML"'],
});
