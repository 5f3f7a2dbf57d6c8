import type { ApprovalOperationId } from '../../domain/operations/catalogue.ts';
import { memberChangesOf, roleFlags } from '../../domain/operations/space-change-operations.ts';
import { roleText } from '../operations/reply-parts.ts';
import { resolveSpace, resolveUsers } from '../operations/targets.ts';
import {
  type ApprovalSteps,
  type PlanBuilder,
  type PostStateCheck,
  readMembers,
  spaceProjection,
  subjectOf,
  userProjection,
} from './plan-builder.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** REST spells roles `READ_ONLY`, GraphQL `readOnly`: compare letters only. */
const sameRole = (a: string, b: string): boolean =>
  a.replace(/[^a-z]/gi, '').toLowerCase() === b.replace(/[^a-z]/gi, '').toLowerCase();

/**
 * `space change-members`: one space by id, each change's users by id, and the current roles of
 * the users it names (the projection Undo restores from, in the shape of `space add-user`'s).
 */
export const memberChangePlan: PlanBuilder = async (args, ctx) => {
  const risk = memberChangesOf(args).some((c) => c.role === 'remove') ? 'destructive' : 'privilege';
  const found = await resolveSpace(ctx, str(args.space), str(args.org), risk);
  const space = await ctx.gateway.getSpace(found.value.id);
  const changes = await Promise.all(
    memberChangesOf(args).map(async (change) => ({
      ...change,
      resolved: await resolveUsers(ctx, change.users),
    })),
  );
  const users = changes.flatMap((c) => c.resolved);
  const members = await readMembers(ctx, space.id);
  const ids = new Set(users.map((u) => u.id));
  const roles = members === undefined ? 'not readable' : members.filter((m) => ids.has(m.userId));
  const pinned: Record<string, unknown> = { space: space.id };
  for (const change of changes) {
    const flag = change.role === 'remove' ? 'remove' : roleFlags[change.role];
    pinned[flag] = change.resolved.map((u) => u.id);
  }
  const said = changes.map((c) =>
    c.role === 'remove'
      ? `remove ${c.resolved.length}`
      : `${roleText(c.role)} to ${c.resolved.length}`,
  );
  return {
    args: pinned,
    plan: {
      effect: `Change ${users.length} membership(s) of space ${space.name} (${space.id}): ${said.join(', ')}.`,
      targets: [
        { label: 'space', value: `${space.name} (${space.id})` },
        ...changes.flatMap((c) =>
          c.resolved.map((u) => ({
            label: c.role === 'remove' ? 'remove' : roleText(c.role),
            value: `${u.email} (${u.id})`,
          })),
        ),
      ],
      preState: [
        {
          label: `current roles in ${space.name}`,
          value:
            typeof roles === 'string'
              ? 'not readable (needs the developer key)'
              : roles.map((m) => `${m.userId}: ${roleText(m.role)}`).join(', ') || 'none',
        },
      ],
      cascades: [],
      notes: members === undefined ? ['space roles are not readable: no no-op detection'] : [],
      subjects: users.map(subjectOf),
      projection: {
        spaces: [{ id: space.id, name: space.name }],
        space: spaceProjection(space),
        users: users.map(userProjection),
        roles: [{ space: space.id, roles }],
      },
    },
  };
};

/** `space change-members`: every named user has their new role, every removed one is gone. */
export const memberChangesReached: PostStateCheck = async (args, ctx) => {
  const members = await readMembers(ctx, str(args.space) ?? '');
  if (members === undefined) return 'unknown';
  for (const change of memberChangesOf(args)) {
    for (const userId of change.users) {
      const member = members.find((m) => m.userId === userId);
      const done =
        change.role === 'remove'
          ? !member
          : member !== undefined && sameRole(member.role, change.role);
      if (!done) return 'not-reached';
    }
  }
  return 'reached';
};

/** The plan and post-state of `space change-members`. */
export const memberChangeSteps = {
  'space.change-members': { plan: memberChangePlan, postState: memberChangesReached },
} as const satisfies Partial<Record<ApprovalOperationId, ApprovalSteps>>;
