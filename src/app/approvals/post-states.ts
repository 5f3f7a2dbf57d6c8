import { ErrorCodes, isAppError } from '../../domain/errors.ts';
import type { ExecutionContext } from '../operations/executor.ts';
import type { CannotTell, PostState, PostStateCheck } from './plan-builder.ts';
import { readMembers } from './plan-builder.ts';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
/** REST spells roles `READ_ONLY`, GraphQL `readOnly`: compare letters only. */
const sameRole = (a: string, b: string): boolean =>
  a.replace(/[^a-z]/gi, '').toLowerCase() === b.replace(/[^a-z]/gi, '').toLowerCase();

/** True when Arize says the target no longer exists (a 404 on its own route). */
async function isGone(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return false;
  } catch (error: unknown) {
    if (isAppError(error) && error.code === ErrorCodes.arizeNotFound) return true;
    throw error;
  }
}

/** `space delete` / `org delete` / `user delete`: the target is not found any more. */
export const spaceDeleted: PostStateCheck = async (args, ctx) =>
  (await isGone(() => ctx.gateway.getSpace(str(args.space)))) ? 'reached' : 'not-reached';

export const orgDeleted: PostStateCheck = async (args, ctx) =>
  (await isGone(() => ctx.gateway.getOrganization(str(args.org)))) ? 'reached' : 'not-reached';

export const userDeleted: PostStateCheck = async (args, ctx) =>
  (await isGone(() => ctx.gateway.getUser(str(args.user)))) ? 'reached' : 'not-reached';

/** `space update`: every field asked for has its new value. */
export const spaceUpdated: PostStateCheck = async (args, ctx) => {
  const space = await ctx.gateway.getSpace(str(args.space));
  const nameOk = args.name === undefined || space.name === args.name;
  const privateOk = args.private === undefined || space.isPrivate === args.private;
  const descriptionOk = args.description === undefined || space.description === args.description;
  return nameOk && privateOk && descriptionOk ? 'reached' : 'not-reached';
};

/** `user update`: developer access and name as asked. */
export const userUpdated: PostStateCheck = async (args, ctx) => {
  const user = await ctx.gateway.getUser(str(args.user));
  const developerOk = args.developer === undefined || user.isDeveloper === args.developer;
  const nameOk = args.name === undefined || user.name === args.name;
  return developerOk && nameOk ? 'reached' : 'not-reached';
};

/** `space add-user` / `remove-user`: every pair has the role, or is gone; unknown unreadable. */
export const spaceMembershipsChanged =
  (action: 'add' | 'remove'): PostStateCheck =>
  async (args, ctx) => {
    const users = strs(args.users);
    for (const spaceId of strs(args.space)) {
      const members = await readMembers(ctx, spaceId);
      if (members === undefined) return 'unknown';
      for (const userId of users) {
        const member = members.find((m) => m.userId === userId);
        const done =
          action === 'add'
            ? member !== undefined && sameRole(member.role, str(args.role))
            : !member;
        if (!done) return 'not-reached';
      }
    }
    return 'reached';
  };

/** `user invite`: a user with this e-mail exists now (looked up by e-mail, reconcile by read). */
export const userInvited: PostStateCheck = async (args, ctx) => {
  const email = str(args.email).toLowerCase();
  const found = (await ctx.gateway.listUsers({ email, limit: 1 })).items[0];
  if (!found) return 'not-reached';
  const role = typeof found.role === 'string' ? found.role : '';
  return sameRole(role, str(args.role ?? 'MEMBER')) ? 'reached' : 'not-reached';
};

/** `key revoke`: the key is no longer active in its space. */
export const keyRevoked: PostStateCheck = async (args, ctx) => {
  let cursor: string | undefined;
  do {
    const page = await ctx.gateway.listApiKeys({
      spaceId: str(args.space),
      status: 'ACTIVE',
      cursor,
      limit: 100,
    });
    if (page.items.some((key) => key.id === args.key)) return 'not-reached';
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return 'reached';
};

/**
 * Says in an operation's entry that its post-state cannot be read, and why: the sweep then reads
 * "unknown" and re-runs it only when its retry class and an unchanged pre-state allow.
 */
export const cannotTell = (why: string): CannotTell => ({ cannotTell: why });

/** What a fresh read says about an approved change; "unknown" for an operation that cannot tell. */
export const readPostState = (
  check: PostStateCheck | CannotTell,
  args: Record<string, unknown>,
  ctx: ExecutionContext,
): Promise<PostState> =>
  typeof check === 'function' ? check(args, ctx) : Promise.resolve('unknown');
