import * as z from 'zod';
import { defineOperation } from './operation.ts';

export const spaceList = defineOperation({
  id: 'space.list',
  words: ['space', 'list'],
  summary: 'List spaces, optionally in one organization or by part of the name.',
  positionals: [],
  flags: [
    { name: 'org', placeholder: 'ORG', kind: 'text', description: 'organization name or id' },
    { name: 'name', placeholder: 'TEXT', kind: 'text', description: 'part of the space name' },
    {
      name: 'cursor',
      placeholder: 'CURSOR',
      kind: 'text',
      description: 'where the next page starts',
    },
  ],
  schema: z.object({
    org: z.string().min(1).max(255).optional(),
    name: z.string().min(1).max(255).optional(),
    cursor: z.string().min(1).max(1000).optional(),
  }),
  risk: () => 'read',
  retry: 'idempotent',
  examples: ['space list', 'space list --org "Acme ML"', 'space list --name prod'],
});
