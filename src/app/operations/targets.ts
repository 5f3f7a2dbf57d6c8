import type { Organization, Space, User } from '../../domain/arize.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { mayUseContext } from '../../domain/operations/context-rules.ts';
import type { Risk } from '../../domain/operations/operation.ts';
import { parseUserRef } from '../../domain/operations/user-ref.ts';
import type { ExecutionContext } from './executor.ts';

/** A resolved target, and whether the caller's context supplied it (the reply then says so). */
export interface Target<T> {
  value: T;
  fromContext: boolean;
}

const missing = (what: string, how: string): AppError =>
  new AppError(ErrorCodes.usage, `Which ${what}? Name it with ${how}.`, {
    hint: `Or set a default for commands that allow it: /arize use --${what === 'space' ? 'space' : 'org'} NAME`,
  });

/** The org named by `ref`, else the caller's context org when the risk allows it. */
export async function resolveOrg(
  ctx: ExecutionContext,
  ref: string | undefined,
  risk: Risk,
  how = '--org ORG',
): Promise<Target<Organization>> {
  if (ref !== undefined) return { value: await ctx.resolver.organization(ref), fromContext: false };
  if (mayUseContext(risk) && ctx.context.orgId) {
    return { value: await ctx.resolver.organization(ctx.context.orgId), fromContext: true };
  }
  throw missing('organization', how);
}

/**
 * The space named by `ref` (in `orgRef` when given), else the context space when the risk
 * allows. A name found in several orgs is looked up in the context org, when allowed.
 */
export async function resolveSpace(
  ctx: ExecutionContext,
  ref: string | undefined,
  orgRef: string | undefined,
  risk: Risk,
  how = 'SPACE',
): Promise<Target<Space>> {
  if (ref === undefined) {
    if (mayUseContext(risk) && ctx.context.spaceId) {
      return { value: await ctx.resolver.space(ctx.context.spaceId), fromContext: true };
    }
    throw missing('space', how);
  }
  if (orgRef !== undefined) {
    const org = await ctx.resolver.organization(orgRef);
    return {
      value: inOrg(await ctx.resolver.space(ref, { orgId: org.id }), org.id),
      fromContext: false,
    };
  }
  try {
    return { value: await ctx.resolver.space(ref), fromContext: false };
  } catch (error) {
    const ambiguous = error instanceof AppError && error.code === ErrorCodes.arizeAmbiguous;
    if (!ambiguous || !mayUseContext(risk) || !ctx.context.orgId) throw error;
    const orgId = ctx.context.orgId;
    return { value: inOrg(await ctx.resolver.space(ref, { orgId }), orgId), fromContext: true };
  }
}

const inOrg = (space: Space, orgId: string): Space => ({
  ...space,
  organizationId: space.organizationId ?? orgId,
});

/** Several spaces; `fromContext` when any of them needed the context. */
export async function resolveSpaces(
  ctx: ExecutionContext,
  refs: readonly string[] | undefined,
  orgRef: string | undefined,
  risk: Risk,
): Promise<Target<Space[]>> {
  if (refs === undefined) {
    const one = await resolveSpace(ctx, undefined, orgRef, risk, '--space SPACE');
    return { value: [one.value], fromContext: one.fromContext };
  }
  const targets = await Promise.all(refs.map((ref) => resolveSpace(ctx, ref, orgRef, risk)));
  return {
    value: uniqueById(targets.map((t) => t.value)),
    fromContext: targets.some((t) => t.fromContext),
  };
}

/** A user named by e-mail, id, exact name or Slack mention (through the Slack e-mail lookup). */
export async function resolveUser(ctx: ExecutionContext, text: string): Promise<User> {
  const ref = parseUserRef(text);
  if (ref.kind !== 'slack') return ctx.resolver.user(ref);
  if (!ctx.slackEmailOf) {
    throw new AppError(
      ErrorCodes.usage,
      'Slack mentions cannot be looked up here: name the person by their e-mail instead.',
    );
  }
  const email = await ctx.slackEmailOf(ref.slackUserId);
  return ctx.resolver.user({ kind: 'email', email });
}

/** Every user, resolved before anything changes: one unknown user stops the whole command. */
export async function resolveUsers(
  ctx: ExecutionContext,
  refs: readonly string[],
): Promise<User[]> {
  const users = await Promise.all(refs.map((ref) => resolveUser(ctx, ref)));
  return uniqueById(users);
}

const uniqueById = <T extends { id: string }>(items: readonly T[]): T[] => {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id) !== undefined);
};

/**
 * The org a space belongs to. REST spaces do not say, so unless the resolver filled it in, look
 * for the space in each org's list (by name, then by id).
 */
export async function orgIdOfSpace(ctx: ExecutionContext, space: Space): Promise<string> {
  if (space.organizationId) return space.organizationId;
  if (ctx.context.spaceId === space.id && ctx.context.orgId) return ctx.context.orgId;
  let cursor: string | undefined;
  do {
    const orgs = await ctx.gateway.listOrganizations({ cursor, limit: 100 });
    for (const org of orgs.items) {
      const spaces = await ctx.gateway.listSpaces({ orgId: org.id, name: space.name, limit: 100 });
      if (spaces.items.some((s) => s.id === space.id)) return org.id;
    }
    cursor = orgs.nextCursor;
  } while (cursor !== undefined);
  throw new AppError(
    ErrorCodes.arizeNotFound,
    `Could not find which organization space "${space.name}" belongs to.`,
    { hint: 'Name the organization with --org ORG.' },
  );
}
