import * as z from 'zod';
import { AccountRoles, OrgRoles, SpaceRoles } from '../arize.ts';
import { itemCaps } from './limits.ts';
import type { FlagSpec, PositionalSpec } from './operation.ts';
import { type IdKind, idProblem, refProblem } from './resource-ids.ts';
import { userRefProblem } from './user-ref.ts';

/** Schema parts shared by the catalogue, each with a message that reads well after its label. */
const checked = (schema: z.ZodString, problem: (value: string) => string | undefined) =>
  schema.superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message });
  });

/** An org or space named by its name or its id; an id of another type is refused. */
export const refOf = (kind: IdKind) =>
  checked(z.string().trim().min(1).max(255), (value) => refProblem(value, kind));

/** An id that must decode to one of the types of `kind` (UI links: model, monitor, …). */
export const idOf = (kind: IdKind) =>
  checked(z.string().trim().min(1).max(200), (value) => idProblem(value, kind));

export const entityName = z.string().trim().min(1).max(255);
export const description = z.string().max(1000);
export const cursor = z.string().min(1).max(1000);
export const userRef = checked(z.string().trim().min(1).max(320), userRefProblem);

export const userRefs = z
  .array(userRef)
  .min(1)
  .max(itemCaps.users, {
    error: `takes at most ${itemCaps.users} users per command: split it into several commands`,
  });

export const spaceRefs = z
  .array(refOf('space'))
  .min(1)
  .max(itemCaps.spaces, {
    error: `takes at most ${itemCaps.spaces} spaces per command: split it into several commands`,
  });

export const spaceRole = z.enum(SpaceRoles);
export const orgRole = z.enum(OrgRoles);

/** The ORG of `org add-user ORG USER,…`, refusing the common slip of naming a user first. */
export const leadingOrg = refOf('org').refine((value) => !/^[^\s@]+@[^\s@]+$|^<@/.test(value), {
  error: 'looks like a user: name the organization first, then the users',
});
export const accountRole = z.enum(AccountRoles, {
  error: 'read-only is not an account role: use admin, member or annotator',
});

/** A duration in seconds, at most `max`, whose message names the limit as typed (`365d`). */
export const durationUpTo = (max: number, shown: string) =>
  z
    .number()
    .int()
    .positive()
    .max(max, { error: `must be at most ${shown}` });

/** Spec builders, so the same argument reads the same in every command's usage and help. */
export const orgFlag = (description = 'organization name or id'): FlagSpec => ({
  name: 'org',
  placeholder: 'ORG',
  kind: 'text',
  description,
});

export const cursorFlag: FlagSpec = {
  name: 'cursor',
  placeholder: 'CURSOR',
  kind: 'text',
  description: 'where the next page starts (given by the previous page)',
};

export const orgPositional = (required: boolean, description: string): PositionalSpec => ({
  name: 'org',
  placeholder: 'ORG',
  kind: 'text',
  required,
  description,
});

export const spacePositional = (required: boolean, description: string): PositionalSpec => ({
  name: 'space',
  placeholder: 'SPACE',
  kind: 'text',
  required,
  description,
});

export const usersPositional: PositionalSpec = {
  name: 'users',
  placeholder: 'USER,…',
  kind: 'list',
  required: true,
  description: 'users by e-mail, Arize id, Slack mention or exact name, comma-separated',
};

export const userPositional: PositionalSpec = {
  name: 'user',
  placeholder: 'USER',
  kind: 'text',
  required: true,
  description: 'a user by e-mail, Arize id, Slack mention or exact name',
};

export const roleFlag = (description: string, required = true): FlagSpec => ({
  name: 'role',
  placeholder: 'ROLE',
  kind: 'role',
  required,
  description,
});
