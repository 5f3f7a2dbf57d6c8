import type { User } from '../../domain/arize.ts';
import { AppError } from '../../domain/errors.ts';
import { momentField } from '../../domain/moments.ts';
import type { ApprovalOperationId } from '../../domain/operations/catalogue.ts';
import { counted } from '../../domain/words.ts';
import type { ExecutionContext } from '../operations/executor.ts';
import { listAll } from '../operations/paging.ts';
import { roleText } from '../operations/reply-parts.ts';
import { resolveUser, resolveUsers } from '../operations/targets.ts';
import { type ApprovalSteps, type PlanBuilder, subjectOf, userProjection } from './plan-builder.ts';
import { cannotTell, orgDeleted, userDeleted, userInvited, userUpdated } from './post-states.ts';

const str = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));
const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const orgRoleNote = 'current org role: not readable (Arize has no route for it)';

/** `org delete`: the org by id and its spaces (each deleted with it). */
export const orgDeletePlan: PlanBuilder = async (args, ctx) => {
  const found = await ctx.resolver.organization(str(args.org));
  const org = await ctx.gateway.getOrganization(found.id);
  const spaces = await ctx.gateway.listSpaces({ orgId: org.id, limit: 100 });
  const names = spaces.items.map((s) => s.name);
  return {
    args: { org: org.id },
    plan: {
      effect: `Delete organization ${org.name} (${org.id}) and all its spaces. Irreversible.`,
      targets: [{ label: 'organization', value: `${org.name} (${org.id})` }],
      preState: [momentField('created', org.createdAt, ctx.clock.now())],
      cascades: [
        `deletes ${spaces.items.length}${spaces.nextCursor ? '+' : ''} space(s): ${names.join(', ') || 'none'}`,
      ],
      notes: [],
      subjects: [],
      confirmation: { label: 'organization name', expected: org.name },
      projection: {
        org: { id: org.id, name: org.name },
        spaces: spaces.items.map((s) => s.id).sort(),
      },
    },
  };
};

/** `org add-user` / `org remove-user`: org and users by id; org roles cannot be read. */
export const orgMembershipPlan =
  (action: 'add' | 'remove'): PlanBuilder =>
  async (args, ctx) => {
    const found = await ctx.resolver.organization(str(args.org));
    const org = await ctx.gateway.getOrganization(found.id);
    const users = await resolveUsers(ctx, strs(args.users));
    const fresh = await Promise.all(users.map((u) => ctx.gateway.getUser(u.id)));
    const effect =
      action === 'add'
        ? `Give ${roleText(str(args.role))} role in organization ${org.name} to ${counted(fresh.length, 'user')}.`
        : `Remove ${counted(fresh.length, 'user')} from organization ${org.name} and all its spaces.`;
    return {
      args: { ...args, org: org.id, users: fresh.map((u) => u.id) },
      plan: {
        effect,
        targets: [
          { label: 'organization', value: `${org.name} (${org.id})` },
          ...fresh.map((u) => ({ label: 'user', value: `${u.email} (${u.id})` })),
        ],
        preState: [{ label: 'current org role', value: 'not readable' }],
        cascades: action === 'remove' ? ['removes their memberships of the org’s spaces'] : [],
        notes: [
          orgRoleNote,
          'no no-op detection and no Undo for org roles',
          ...(action === 'remove'
            ? [
                'whether this removes the org’s last org admin cannot be read (no route for org roles); the account’s last admin can never be removed from Slack',
              ]
            : []),
        ],
        subjects: fresh.map(subjectOf),
        projection: { org: { id: org.id, name: org.name }, users: fresh.map(userProjection) },
      },
    };
  };

/** `user delete` / `user update --developer`: the user by id with account role and access. */
export const userChangePlan =
  (action: 'delete' | 'update'): PlanBuilder =>
  async (args, ctx) => {
    const found = await resolveUser(ctx, str(args.user));
    const user = await ctx.gateway.getUser(found.id);
    const { user: _user, ...changes } = args;
    const otherAdmins =
      action === 'delete' && user.role === 'ADMIN'
        ? await otherAccountAdmins(ctx, user)
        : undefined;
    const effect =
      action === 'delete'
        ? `Delete user ${user.email} (${user.id}). Irreversible: the e-mail can never be re-invited.`
        : `Update user ${user.email}: ${
            changes.developer !== undefined
              ? `developer access ${user.isDeveloper ? 'yes' : 'no'} → ${changes.developer ? 'yes' : 'no'}`
              : 'profile'
          }${changes.name !== undefined ? `, name → ${str(changes.name)}` : ''}.`;
    return {
      args: { ...changes, user: user.id },
      plan: {
        effect,
        targets: [{ label: 'user', value: `${user.name} (${user.email}, ${user.id})` }],
        preState: [
          { label: 'account role', value: roleText(user.role) },
          { label: 'developer access', value: user.isDeveloper ? 'yes' : 'no' },
          { label: 'status', value: user.status.toLowerCase() },
          ...(otherAdmins
            ? [
                {
                  label: 'other active account admins',
                  value: otherAdmins.map((u) => u.email).join(', ') || 'none',
                },
              ]
            : []),
        ],
        cascades: action === 'delete' ? ['removes all their org and space memberships'] : [],
        notes: [],
        subjects: [subjectOf(user)],
        ...(otherAdmins
          ? { remainingAdmins: { scope: 'the account', admins: otherAdmins.map(subjectOf) } }
          : {}),
        projection: {
          user: userProjection(user),
          ...(otherAdmins ? { otherAdmins: otherAdmins.map((u) => u.id).sort() } : {}),
        },
      },
    };
  };

/**
 * The account's other active admins, read in full (an incomplete read refuses rather than guess):
 * deleting an admin is checked against them so the account never loses its last one.
 */
async function otherAccountAdmins(ctx: ExecutionContext, user: User): Promise<User[]> {
  const all = await listAll(
    (cursor) => ctx.gateway.listUsers({ cursor, limit: 100, status: ['ACTIVE'] }),
    200,
  );
  if (!all.complete) {
    throw new AppError(
      'POLICY.NOT_ALLOWED',
      'The account has too many users to check that it keeps an admin, so the delete is refused; nothing was run.',
      { hint: 'Delete this admin in the Arize UI.' },
    );
  }
  return all.items.filter((u) => u.role === 'ADMIN' && u.status === 'ACTIVE' && u.id !== user.id);
}

/** `user invite` as admin, developer or with a temporary password: whether the e-mail already has an Arize user. */
export const userInvitePlan: PlanBuilder = async (args, ctx) => {
  const email = str(args.email).toLowerCase();
  const existing = (await ctx.gateway.listUsers({ email, limit: 1 })).items[0];
  const access = [
    `account role ${roleText(str(args.role ?? 'MEMBER'))}`,
    ...(args.developer === true ? ['developer access'] : []),
  ].join(' with ');
  return {
    args,
    plan: {
      effect: `Invite ${email} as ${access}.`,
      targets: [{ label: 'e-mail', value: email }],
      preState: [
        {
          label: 'existing Arize user',
          value: existing ? `${existing.id} (${existing.status.toLowerCase()})` : 'none',
        },
      ],
      cascades: [],
      notes:
        args.mode === 'password'
          ? [
              'secret: the temporary password is created only when the requester clicks Reveal in a direct message, shown once to them in a private window, never stored',
            ]
          : [],
      subjects: [{ email, ...(existing ? { arizeUserId: existing.id } : {}) }],
      projection: {
        email,
        existing: existing ? userProjection(existing) : null,
      },
    },
  };
};

const orgRoles = 'org roles are not readable: Arize has no route for them';

/** The plan and post-state of each org and user operation that can need approval. */
export const orgUserSteps = {
  'org.delete': { plan: orgDeletePlan, postState: orgDeleted },
  'org.add-user': { plan: orgMembershipPlan('add'), postState: cannotTell(orgRoles) },
  'org.remove-user': { plan: orgMembershipPlan('remove'), postState: cannotTell(orgRoles) },
  'user.delete': { plan: userChangePlan('delete'), postState: userDeleted },
  'user.update': { plan: userChangePlan('update'), postState: userUpdated },
  'user.invite': { plan: userInvitePlan, postState: userInvited },
} as const satisfies Partial<Record<ApprovalOperationId, ApprovalSteps>>;
