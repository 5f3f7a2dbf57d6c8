import * as z from 'zod';
import { durationUpTo, orgFlag, refOf, roleFlag, spacePositional, spaceRole } from './arguments.ts';
import { maxGrantDuration } from './limits.ts';
import { defineOperation, fixedRisk } from './operation.ts';

/**
 * The arguments of `/arize request space`, also what the request modal submits: the space (name
 * or id), its organization when the name is ambiguous, the role and how long. The requester is
 * always the person who asks; nobody asks for someone else here.
 */
export const requestSpaceArgs = z.object({
  space: refOf('space'),
  org: refOf('org').optional(),
  role: spaceRole,
  for: durationUpTo(maxGrantDuration, '30d'),
});

export type RequestSpaceArgs = z.infer<typeof requestSpaceArgs>;

export const requestSpace = defineOperation({
  id: 'request.space',
  words: ['request', 'space'],
  summary:
    'Ask for a time-bound role in a space for yourself, as the policy’s self-service rules ' +
    'allow; approved like any grant, it ends by itself.',
  positionals: [spacePositional(true, 'space name or id')],
  flags: [
    orgFlag('the organization to look the space name up in, when ambiguous'),
    roleFlag('the space role you ask for, e.g. read-only or member'),
    {
      name: 'for',
      placeholder: 'DURATION',
      kind: 'duration',
      required: true,
      description: 'how long, e.g. 4h (at most what the rule allows)',
    },
  ],
  schema: requestSpaceArgs,
  ...fixedRisk('privilege'),
  selfService: true,
  retry: 'idempotent',
  itemCount: () => 1,
  examples: [
    'request space production --org "Acme ML" --role member --for 4h --reason "debug drift"',
    'request space experiments --role read-only --for 2h',
  ],
});
