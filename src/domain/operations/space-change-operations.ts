import * as z from 'zod';
import type { SpaceRole } from '../arize.ts';
import { orgFlag, refOf, spacePositional, userRef } from './arguments.ts';
import { itemCaps } from './limits.ts';
import { defineOperation } from './operation.ts';

/** The flag of `space change-members` that gives each space role. */
export const roleFlags = {
  ADMIN: 'admin',
  MEMBER: 'member',
  READ_ONLY: 'read-only',
  ANNOTATOR: 'annotator',
} as const satisfies Record<SpaceRole, string>;

const users = z.array(userRef).min(1).max(itemCaps.users);

/** One change of `space change-members`: users to give a role, or to remove. */
export interface MemberChange {
  role: SpaceRole | 'remove';
  users: string[];
}

/** The changes a `space change-members` command names, role flags first, removals last. */
export function memberChangesOf(args: Record<string, unknown>): MemberChange[] {
  const listed = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const changes: MemberChange[] = Object.entries(roleFlags).map(([role, flag]) => ({
    role: role as SpaceRole,
    users: listed(args[flag]),
  }));
  changes.push({ role: 'remove', users: listed(args.remove) });
  return changes.filter((change) => change.users.length > 0);
}

const userLists = (args: Record<string, unknown>): string[][] =>
  memberChangesOf(args).map((change) => change.users);

const listFlag = (name: string, description: string) => ({
  name,
  placeholder: 'USER,…',
  kind: 'list' as const,
  description,
});

/**
 * Several membership changes of one space in one request (what a drift fix needs when a space
 * gains, changes and loses members at once): each role flag gives that role (add or change), and
 * `--remove` removes.
 */
export const spaceChangeMembers = defineOperation({
  id: 'space.change-members',
  words: ['space', 'change-members'],
  summary:
    'Change several memberships of one space at once: give roles (add or change) and remove ' +
    'users. Never taken from your context.',
  positionals: [spacePositional(true, 'space name or id')],
  flags: [
    orgFlag('the organization to look the space name up in, when ambiguous (never your context)'),
    ...Object.values(roleFlags).map((role) => listFlag(role, `users to give the ${role} role`)),
    listFlag('remove', 'users to remove from the space'),
  ],
  schema: z
    .object({
      space: refOf('space'),
      org: refOf('org').optional(),
      admin: users.optional(),
      member: users.optional(),
      'read-only': users.optional(),
      annotator: users.optional(),
      remove: users.optional(),
    })
    .refine((args) => userLists(args).length > 0, {
      error: 'name at least one change: --admin, --member, --read-only, --annotator or --remove',
    })
    .refine(
      (args) => {
        const all = userLists(args)
          .flat()
          .map((u) => u.toLowerCase());
        return new Set(all).size === all.length;
      },
      { error: 'a user is named twice: give each user one change' },
    )
    .refine((args) => userLists(args).flat().length <= itemCaps.pairs, {
      error: `That is more than ${itemCaps.pairs} changes in one command: split it.`,
    }),
  risks: ['privilege', 'destructive'],
  risk: (args) => (args.remove === undefined ? 'privilege' : 'destructive'),
  retry: 'idempotent',
  itemCount: (args) => userLists(args).flat().length,
  examples: [
    'space change-members production --org "Acme ML" --member carol@example.com --remove dave@example.com',
    'space change-members staging --admin bob@example.com --read-only erin@example.com',
  ],
});
