import * as z from 'zod';
import { cursor, cursorFlag, entityName, userPositional, userRef } from './arguments.ts';
import { defineOperation, fixedRisk } from './operation.ts';

const statusChoices = ['active', 'invited', 'expired'] as const;

export const userList = defineOperation({
  id: 'user.list',
  words: ['user', 'list'],
  summary: 'List users, optionally by part of the e-mail or by status; oldest first.',
  positionals: [],
  flags: [
    { name: 'email', placeholder: 'TEXT', kind: 'text', description: 'part of the e-mail' },
    {
      name: 'status',
      placeholder: 'STATUS,…',
      kind: 'list',
      choices: statusChoices,
      description: 'active, invited or expired, comma-separated (default: all three)',
    },
    cursorFlag,
  ],
  schema: z.object({
    email: z.string().trim().min(1).max(255).optional(),
    status: z.array(z.enum(statusChoices)).min(1).max(3).optional(),
    cursor: cursor.optional(),
  }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['user list', 'user list --status invited,expired', 'user list --email @example.com'],
});

export const userFind = defineOperation({
  id: 'user.find',
  words: ['user', 'find'],
  summary: 'Find users whose name or e-mail contains the text (case-insensitive).',
  positionals: [
    {
      name: 'text',
      placeholder: 'TEXT',
      kind: 'text',
      required: true,
      description: 'part of a name or e-mail, at least 2 characters',
    },
  ],
  flags: [],
  schema: z.object({ text: z.string().trim().min(2).max(255) }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['user find alice', 'user find "Carol Chen"'],
});

export const userGet = defineOperation({
  id: 'user.get',
  words: ['user', 'get'],
  summary: 'Show a user: status, account role, developer access.',
  positionals: [userPositional],
  flags: [],
  schema: z.object({ user: userRef }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['user get alice@example.com'],
});

export const userUpdate = defineOperation({
  id: 'user.update',
  words: ['user', 'update'],
  summary:
    'Rename a user or grant or remove developer access (a privilege change). The account role ' +
    'cannot be changed after the invitation.',
  positionals: [userPositional],
  flags: [
    { name: 'name', placeholder: 'NAME', kind: 'text', description: 'the new display name' },
    {
      name: 'developer',
      placeholder: 'true|false',
      kind: 'boolean',
      description: 'developer access (API keys, GraphQL)',
    },
  ],
  schema: z
    .object({ user: userRef, name: entityName.optional(), developer: z.boolean().optional() })
    .refine((args) => args.name !== undefined || args.developer !== undefined, {
      error: 'Nothing to change: give --name, --developer or both.',
    }),
  risks: ['write', 'privilege'],
  risk: (args) => (args.developer !== undefined ? 'privilege' : 'write'),
  retry: 'idempotent',
  examples: [
    'user update bob@example.com --name "Robert Jones"',
    'user update carol@example.com --developer true',
  ],
});

export const userDelete = defineOperation({
  id: 'user.delete',
  words: ['user', 'delete'],
  summary:
    'Deactivate a user and remove all their memberships and API keys. Their e-mail can ' +
    'never be invited again.',
  positionals: [userPositional],
  flags: [],
  schema: z.object({ user: userRef }),
  ...fixedRisk('destructive'),
  retry: 'idempotent',
  examples: ['user delete grace@example.com'],
});
