import * as z from 'zod';
import { accountRole, entityName, userPositional, userRef } from './arguments.ts';
import { defineOperation, fixedRisk, highestRisk, type Risk } from './operation.ts';

type InviteRisk = Extract<Risk, 'write' | 'privilege' | 'secret'>;

const modeChoices = ['email', 'password', 'none'] as const;

/** How each `--mode` maps to Arize's InviteMode. */
export const inviteModes = {
  email: 'EMAIL_LINK',
  password: 'TEMPORARY_PASSWORD',
  none: 'NONE',
} as const;

export const userInvite = defineOperation({
  id: 'user.invite',
  words: ['user', 'invite'],
  summary:
    'Invite a user to the account (member by default; without --developer they get no ' +
    'developer access). --mode password creates a temporary password, a secret.',
  positionals: [
    {
      name: 'email',
      placeholder: 'EMAIL',
      kind: 'text',
      required: true,
      description: 'their e-mail address',
    },
  ],
  flags: [
    { name: 'name', placeholder: 'NAME', kind: 'text', required: true, description: 'their name' },
    {
      name: 'role',
      placeholder: 'admin|member|annotator',
      kind: 'role',
      description: 'account role (default: member)',
    },
    {
      name: 'mode',
      placeholder: 'email|password|none',
      kind: 'text',
      choices: modeChoices,
      description:
        'email: an invitation link (default); password: a temporary password; none: active at once',
    },
    { name: 'developer', kind: 'boolean', description: 'grant developer access' },
  ],
  schema: z.object({
    email: z.email().max(255),
    name: entityName,
    role: accountRole.default('MEMBER'),
    mode: z.enum(modeChoices).default('email'),
    developer: z.boolean().optional(),
  }),
  risks: ['write', 'privilege', 'secret'],
  risk: (args) => {
    const parts: [InviteRisk, ...InviteRisk[]] = ['write'];
    if (args.role === 'ADMIN' || args.developer === true) parts.push('privilege');
    if (args.mode === 'password') parts.push('secret');
    return highestRisk(...parts);
  },
  retry: 'reconcile',
  examples: [
    'user invite hana@example.com --name "Hana Ito"',
    'user invite ivan@example.com --name "Ivan Petrov" --role admin --developer',
    'user invite jo@example.com --name "Jo Park" --role annotator --mode password',
  ],
});

export const userResendInvite = defineOperation({
  id: 'user.resend-invite',
  words: ['user', 'resend-invite'],
  summary: 'Send a user who has not accepted yet a new invitation e-mail.',
  positionals: [userPositional],
  flags: [],
  schema: z.object({ user: userRef }),
  ...fixedRisk('write'),
  retry: 'never',
  examples: ['user resend-invite frank@example.com'],
});

export const userResetPassword = defineOperation({
  id: 'user.reset-password',
  words: ['user', 'reset-password'],
  summary: 'E-mail a user a link (valid 30 minutes) to set a new password.',
  positionals: [userPositional],
  flags: [],
  schema: z.object({ user: userRef }),
  ...fixedRisk('write'),
  retry: 'never',
  examples: ['user reset-password bob@example.com'],
});
