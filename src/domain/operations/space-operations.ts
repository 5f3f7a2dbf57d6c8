import * as z from 'zod';
import {
  cursor,
  cursorFlag,
  description,
  entityName,
  orgFlag,
  refOf,
  spacePositional,
} from './arguments.ts';
import { defineOperation, fixedRisk } from './operation.ts';

const scopeFlag = orgFlag('the organization to look the space name up in, when ambiguous');

export const spaceList = defineOperation({
  id: 'space.list',
  words: ['space', 'list'],
  summary: 'List spaces in an organization (your context one when omitted) or in all of them.',
  positionals: [],
  flags: [
    orgFlag('organization name or id (default: your context, else all)'),
    { name: 'name', placeholder: 'TEXT', kind: 'text', description: 'part of the space name' },
    cursorFlag,
  ],
  schema: z.object({
    org: refOf('org').optional(),
    name: entityName.optional(),
    cursor: cursor.optional(),
  }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['space list', 'space list --org "Acme ML"', 'space list --name prod'],
});

export const spaceGet = defineOperation({
  id: 'space.get',
  words: ['space', 'get'],
  summary: 'Show a space (your context space when omitted).',
  positionals: [spacePositional(false, 'space name or id (default: your context)')],
  flags: [scopeFlag],
  schema: z.object({ space: refOf('space').optional(), org: refOf('org').optional() }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['space get fraud-detection', 'space get production --org "Research Lab"'],
});

export const spaceCreate = defineOperation({
  id: 'space.create',
  words: ['space', 'create'],
  summary: 'Create a space in an organization (your context one when omitted).',
  positionals: [
    { name: 'name', placeholder: 'NAME', kind: 'text', required: true, description: 'its name' },
  ],
  flags: [
    orgFlag('organization name or id (default: your context)'),
    { name: 'description', placeholder: 'TEXT', kind: 'text', description: 'what it is for' },
    {
      name: 'private',
      kind: 'boolean',
      description: 'visible only to its members and admins',
    },
  ],
  schema: z.object({
    name: entityName,
    org: refOf('org').optional(),
    description: description.optional(),
    private: z.boolean().optional(),
  }),
  ...fixedRisk('write'),
  retry: 'reconcile',
  examples: ['space create churn --org "Acme ML"', 'space create audits --private'],
});

export const spaceUpdate = defineOperation({
  id: 'space.update',
  words: ['space', 'update'],
  summary:
    'Rename a space, change its description or visibility. Making a private space public ' +
    'widens who can see it, so it counts as a privilege change.',
  positionals: [spacePositional(false, 'space name or id (default: your context)')],
  flags: [
    scopeFlag,
    { name: 'name', placeholder: 'NAME', kind: 'text', description: 'the new name' },
    {
      name: 'description',
      placeholder: 'TEXT',
      kind: 'text',
      description: 'the new description ("" clears it)',
    },
    {
      name: 'private',
      placeholder: 'true|false',
      kind: 'boolean',
      description: 'true: only members and admins see it; false: the whole organization',
    },
  ],
  schema: z
    .object({
      space: refOf('space').optional(),
      org: refOf('org').optional(),
      name: entityName.optional(),
      description: description.optional(),
      private: z.boolean().optional(),
    })
    .refine(
      (args) =>
        args.name !== undefined || args.description !== undefined || args.private !== undefined,
      { error: 'Nothing to change: give --name, --description or --private.' },
    ),
  risks: ['write', 'privilege'],
  risk: (args) => (args.private === false ? 'privilege' : 'write'),
  retry: 'idempotent',
  examples: [
    'space update staging --name pre-production',
    'space update fraud-detection --private false',
  ],
});

export const spaceDelete = defineOperation({
  id: 'space.delete',
  words: ['space', 'delete'],
  summary:
    'Delete a space with its models, monitors, dashboards, datasets and memberships. ' +
    'Irreversible; never taken from your context.',
  positionals: [spacePositional(true, 'space name or id')],
  flags: [
    orgFlag('the organization to look the space name up in, when ambiguous (never your context)'),
  ],
  schema: z.object({ space: refOf('space'), org: refOf('org').optional() }),
  ...fixedRisk('destructive'),
  retry: 'idempotent',
  examples: ['space delete staging --org "Acme ML"'],
});
