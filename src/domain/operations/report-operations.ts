import * as z from 'zod';
import { orgFlag, refOf } from './arguments.ts';
import { defineOperation, fixedRisk } from './operation.ts';

export const reportAccess = defineOperation({
  id: 'report.access',
  words: ['report', 'access'],
  summary:
    'The access report now (members by role per space, admins, invitations, keys due to expire, ' +
    'grants), sent to you in a direct message with every membership as a CSV in its thread.',
  positionals: [],
  flags: [orgFlag('only this organization (name or id); default: the whole account')],
  schema: z.object({ org: refOf('org').optional() }),
  ...fixedRisk('read'),
  retry: 'idempotent',
  examples: ['report access', 'report access --org "Acme ML"'],
});
