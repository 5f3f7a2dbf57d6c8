import type { Space, SpaceRole } from '../../domain/arize.ts';
import { momentField } from '../../domain/moments.ts';
import type { ApprovalOperationId } from '../../domain/operations/catalogue.ts';
import { counted } from '../../domain/words.ts';
import { roleText } from '../operations/reply-parts.ts';
import { resolveSpace, resolveSpaces, resolveUsers } from '../operations/targets.ts';
import { timeBoundPlan } from './grant-plans.ts';
import {
  type ApprovalSteps,
  countActiveKeys,
  type PlanBuilder,
  readMembers,
  spaceProjection,
  subjectOf,
  userProjection,
} from './plan-builder.ts';
import { spaceDeleted, spaceMembershipsChanged, spaceUpdated } from './post-states.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strs = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
const visibility = (space: Space) => (space.isPrivate ? 'private' : 'public');

/** `space delete`: the space by id; cascades: its explicit members and active keys. */
export const spaceDeletePlan: PlanBuilder = async (args, ctx) => {
  const found = await resolveSpace(ctx, str(args.space), str(args.org), 'destructive');
  const space = await ctx.gateway.getSpace(found.value.id);
  const [members, keys] = await Promise.all([
    readMembers(ctx, space.id),
    countActiveKeys(ctx, space.id),
  ]);
  const memberText = members === undefined ? 'members not readable' : `${members.length} members`;
  const keyText = keys === undefined ? 'API keys not readable' : `${keys} active API keys`;
  return {
    args: { space: space.id },
    plan: {
      effect: `Delete space ${space.name} (${space.id}) with everything in it. Irreversible.`,
      targets: [{ label: 'space', value: `${space.name} (${space.id})` }],
      preState: [
        { label: 'visibility', value: visibility(space) },
        momentField('created', space.createdAt, ctx.clock.now()),
      ],
      cascades: [
        `deletes space ${space.name}: ${memberText} (GraphQL), ${keyText}, its models, monitors and dashboards`,
      ],
      notes: [],
      subjects: [],
      projection: { space: spaceProjection(space) },
    },
  };
};

/** `space update --private false`: the space by id, its visibility before and after. */
export const spaceUpdatePlan: PlanBuilder = async (args, ctx) => {
  const found = await resolveSpace(ctx, str(args.space), str(args.org), 'privilege');
  const space = await ctx.gateway.getSpace(found.value.id);
  const { space: _space, org: _org, ...changes } = args;
  const after: string[] = [];
  if (changes.name !== undefined) after.push(`name → ${String(changes.name)}`);
  if (changes.description !== undefined) after.push('description changes');
  if (changes.private !== undefined)
    after.push(`visibility → ${changes.private ? 'private' : 'public'}`);
  return {
    args: { ...changes, space: space.id },
    plan: {
      effect: `Update space ${space.name} (${space.id}): ${after.join(', ')}.`,
      targets: [{ label: 'space', value: `${space.name} (${space.id})` }],
      preState: [{ label: 'visibility', value: visibility(space) }],
      cascades:
        changes.private === false ? ['everyone in its organization will see the space'] : [],
      notes: [],
      subjects: [],
      projection: { space: spaceProjection(space) },
    },
  };
};

/** `space add-user` / `space remove-user`: users × spaces, with current space roles if readable. */
export const spaceMembershipPlan =
  (action: 'add' | 'remove'): PlanBuilder =>
  async (args, ctx) => {
    const risk = action === 'add' ? 'privilege' : 'destructive';
    const spaces = await resolveSpaces(ctx, strs(args.space), str(args.org), risk);
    const users = await resolveUsers(ctx, strs(args.users) ?? []);
    const fresh = await Promise.all(spaces.value.map((s) => ctx.gateway.getSpace(s.id)));
    const members = await Promise.all(fresh.map((s) => readMembers(ctx, s.id)));
    const userIds = new Set(users.map((u) => u.id));
    const roles = fresh.map((space, i) => {
      const list = members[i];
      if (list === undefined) return { space: space.id, roles: 'not readable' };
      const relevant = list.filter((m) => userIds.has(m.userId));
      return { space: space.id, roles: relevant };
    });
    const role = str(args.role);
    const verb = action === 'add' ? `Give ${roleText(role ?? '')} role to` : 'Remove';
    const seconds = action === 'add' && typeof args.for === 'number' ? args.for : undefined;
    const bound =
      seconds === undefined
        ? undefined
        : timeBoundPlan({
            seconds,
            role: role as SpaceRole,
            users,
            spaces: fresh,
            members,
          });
    return {
      args: {
        ...args,
        users: users.map((u) => u.id),
        space: fresh.map((s) => s.id),
        org: undefined,
      },
      plan: {
        effect:
          `${verb} ${counted(users.length, 'user')} ${action === 'add' ? 'in' : 'from'} ${counted(fresh.length, 'space')}.` +
          (bound ? ` ${bound.effect}` : ''),
        targets: [
          ...fresh.map((s) => ({ label: 'space', value: `${s.name} (${s.id})` })),
          ...users.map((u) => ({ label: 'user', value: `${u.email} (${u.id})` })),
        ],
        preState: roles
          .map((r, i) => ({
            label: `current roles in ${fresh[i]?.name ?? r.space}`,
            value:
              typeof r.roles === 'string'
                ? 'not readable (needs the developer key)'
                : r.roles.map((m) => `${m.userId}: ${roleText(m.role)}`).join(', ') || 'none',
          }))
          .concat(bound?.preState ?? []),
        cascades: [],
        notes: members.some((m) => m === undefined)
          ? ['some space roles are not readable: no no-op detection for them']
          : [],
        subjects: users.map(subjectOf),
        projection: {
          spaces: fresh.map((s) => ({ id: s.id, name: s.name })),
          users: users.map(userProjection),
          roles,
          ...(seconds === undefined ? {} : { for: seconds }),
        },
        ...(bound ? { timeBound: bound.timeBound } : {}),
      },
    };
  };

/** The plan and post-state of each space operation that can need approval. */
export const spaceSteps = {
  'space.delete': { plan: spaceDeletePlan, postState: spaceDeleted },
  'space.update': { plan: spaceUpdatePlan, postState: spaceUpdated },
  'space.add-user': {
    plan: spaceMembershipPlan('add'),
    postState: spaceMembershipsChanged('add'),
  },
  'space.remove-user': {
    plan: spaceMembershipPlan('remove'),
    postState: spaceMembershipsChanged('remove'),
  },
} as const satisfies Partial<Record<ApprovalOperationId, ApprovalSteps>>;
