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

/** The arguments of `request extend`; `from` is pinned by the plan (the end being moved). */
export const requestExtendArgs = z.object({
  grant: z
    .string()
    .trim()
    .regex(
      /^G[0-9A-F]{20}$/i,
      'is a grant id like G0123456789ABCDEF0123 (see /arize grants --mine)',
    )
    .transform((id) => id.toUpperCase()),
  for: durationUpTo(maxGrantDuration, '30d').optional(),
  from: z.iso.datetime().optional(),
});

export const requestExtend = defineOperation({
  id: 'request.extend',
  words: ['request', 'extend'],
  summary:
    'Ask to extend an active time-bound grant (the Extend button does this): a new request ' +
    'under the current policy, with its own approval; approved, the end moves by DURATION.',
  positionals: [
    {
      name: 'grant',
      placeholder: 'GRANT',
      kind: 'text',
      required: true,
      description: 'the grant id shown in the grant’s messages and by /arize grants --mine',
    },
  ],
  flags: [
    {
      name: 'for',
      placeholder: 'DURATION',
      kind: 'duration',
      description: 'how much longer (default: as long as the grant was first made for)',
    },
  ],
  schema: requestExtendArgs,
  ...fixedRisk('privilege'),
  selfService: true,
  retry: 'idempotent',
  itemCount: () => 1,
  examples: ['request extend G0123456789ABCDEF0123 --for 2h'],
});
