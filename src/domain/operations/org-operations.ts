import * as z from 'zod';
import {
  cursor,
  cursorFlag,
  description,
  entityName,
  leadingOrg,
  orgPositional,
  orgRole,
  refOf,
  roleFlag,
  userRefs,
  usersPositional,
} from './arguments.ts';
import { defineOperation, fixedRisk } from './operation.ts';

export const orgList = defineOperation({
  id: 'org.list',
  words: ['org', 'list'],
  summary: 'List organizations, optionally by part of the name.',
  positionals: [],
  flags: [
    { name: 'name', placeholder: 'TEXT', kind: 'text', description: 'part of the name' },
    cursorFlag,
  ],
  schema: z.object({ name: entityName.optional(), cursor: cursor.optional() }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['org list', 'org list --name acme'],
});

export const orgGet = defineOperation({
  id: 'org.get',
  words: ['org', 'get'],
  summary: 'Show an organization and its spaces (your context organization when omitted).',
  positionals: [orgPositional(false, 'organization name or id (default: your context)')],
  flags: [],
  schema: z.object({ org: refOf('org').optional() }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['org get "Acme ML"', 'org get'],
});

export const orgCreate = defineOperation({
  id: 'org.create',
  words: ['org', 'create'],
  summary:
    'Create an organization, optionally with its first space, and make it your context. ' +
    'Run it again to resume if a step fails.',
  positionals: [
    { name: 'name', placeholder: 'NAME', kind: 'text', required: true, description: 'its name' },
  ],
  flags: [
    { name: 'description', placeholder: 'TEXT', kind: 'text', description: 'what it is for' },
    { name: 'space', placeholder: 'FIRST', kind: 'text', description: 'name of a first space' },
  ],
  schema: z.object({
    name: entityName,
    description: description.optional(),
    space: entityName.optional(),
  }),
  ...fixedRisk('write'),
  retry: 'reconcile',
  examples: [
    'org create "Fraud Team"',
    'org create "Fraud Team" --description "Fraud models" --space production',
  ],
});

export const orgUpdate = defineOperation({
  id: 'org.update',
  words: ['org', 'update'],
  summary: 'Rename an organization or change its description.',
  positionals: [orgPositional(false, 'organization name or id (default: your context)')],
  flags: [
    { name: 'name', placeholder: 'NAME', kind: 'text', description: 'the new name' },
    {
      name: 'description',
      placeholder: 'TEXT',
      kind: 'text',
      description: 'the new description ("" clears it)',
    },
  ],
  schema: z
    .object({
      org: refOf('org').optional(),
      name: entityName.optional(),
      description: description.optional(),
    })
    .refine((args) => args.name !== undefined || args.description !== undefined, {
      error: 'Nothing to change: give --name, --description or both.',
    }),
  ...fixedRisk('write'),
  retry: 'idempotent',
  examples: ['org update "Acme ML" --name "Acme Machine Learning"', 'org update --description ""'],
});

export const orgDelete = defineOperation({
  id: 'org.delete',
  words: ['org', 'delete'],
  summary:
    'Delete an organization with all its spaces, their contents, memberships and API keys. ' +
    'Irreversible; never taken from your context.',
  positionals: [orgPositional(true, 'organization name or id')],
  flags: [],
  schema: z.object({ org: refOf('org') }),
  ...fixedRisk('destructive'),
  retry: 'idempotent',
  examples: ['org delete "Research Lab"'],
});

export const orgAddUser = defineOperation({
  id: 'org.add-user',
  words: ['org', 'add-user'],
  summary: 'Add users to an organization with a role, or change their role (upsert).',
  positionals: [orgPositional(true, 'organization name or id'), usersPositional],
  flags: [
    roleFlag('organization role: admin, member, read-only or annotator'),
    {
      name: 'for',
      placeholder: 'DURATION',
      kind: 'duration',
      description: 'not available for organization roles (they cannot be read back)',
    },
  ],
  schema: z
    .object({ org: leadingOrg, users: userRefs, role: orgRole, for: z.number().optional() })
    .refine((args) => args.for === undefined, {
      path: ['for'],
      error:
        'organization roles cannot be read over the Arize API, so a time-bound org grant could ' +
        'not restore the previous role at its end: grant without --for, or make it time-bound ' +
        'per space with space add-user --for',
    }),
  ...fixedRisk('privilege'),
  retry: 'idempotent',
  itemCount: (args) => args.users.length,
  examples: [
    'org add-user "Acme ML" alice@example.com --role member',
    'org add-user "Research Lab" bob@example.com,carol@example.com --role read-only',
  ],
});

export const orgRemoveUser = defineOperation({
  id: 'org.remove-user',
  words: ['org', 'remove-user'],
  summary: 'Remove users from an organization and from all of its spaces.',
  positionals: [orgPositional(true, 'organization name or id'), usersPositional],
  flags: [],
  schema: z.object({ org: leadingOrg, users: userRefs }),
  ...fixedRisk('destructive'),
  retry: 'idempotent',
  itemCount: (args) => args.users.length,
  examples: ['org remove-user "Acme ML" dave@example.com'],
});
