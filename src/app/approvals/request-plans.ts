import type { Space, User } from '../../domain/arize.ts';
import { AppError, ErrorCodes, isAppError } from '../../domain/errors.ts';
import type { ApprovalOperationId } from '../../domain/operations/catalogue.ts';
import { requestSpaceArgs } from '../../domain/operations/request-operations.ts';
import { selfServiceRules } from '../../domain/policy/policy.ts';
import {
  type AccessTarget,
  admits,
  expandApprovers,
  isArizeAdminToken,
  notAdmitted,
  roleText,
  type SelfServiceRule,
  selfServiceRuleFor,
} from '../../domain/policy/self-service.ts';
import { durationInWords } from '../../domain/words.ts';
import type { AccessContext } from '../access/access-context.ts';
import { type ArizeAdmins, readArizeAdmins } from '../access/arize-admins.ts';
import type { ExecutionContext } from '../operations/executor.ts';
import { orgIdOfSpace, resolveSpace } from '../operations/targets.ts';
import { timeBoundPlan } from './grant-plans.ts';
import {
  type ApprovalSteps,
  type PlanBuilder,
  type PostStateCheck,
  readMembers,
  subjectOf,
  userProjection,
} from './plan-builder.ts';

/** The Arize user of the person asking: their Slack (or mapped) e-mail, never someone else. */
export async function requesterUser(ctx: ExecutionContext): Promise<User> {
  if (!ctx.slackEmailOf) {
    throw new AppError(ErrorCodes.identityRefused, 'Your e-mail cannot be read from Slack here.');
  }
  const email = await ctx.slackEmailOf(ctx.requester.userId);
  try {
    return await ctx.resolver.user({ kind: 'email', email });
  } catch (error: unknown) {
    if (isAppError(error) && error.code === ErrorCodes.arizeNotFound) {
      throw new AppError(
        ErrorCodes.notAllowed,
        `Arize has no user with your e-mail ${email}, so there is nobody to give access to.`,
        { hint: 'Ask an Arize admin to invite you first (/arize user invite).' },
      );
    }
    throw error;
  }
}

/** The space and its organization, named by id and name, as a rule may scope them. */
export async function targetOf(ctx: ExecutionContext, space: Space): Promise<AccessTarget> {
  const org = await ctx.resolver.organization(await orgIdOfSpace(ctx, space));
  return { orgId: org.id, orgName: org.name, spaceId: space.id, spaceName: space.name };
}

/**
 * `request space`: the asker × one space, under the first self-service rule that admits them
 * (groups read live) for this space, role and duration; refused naming what is allowed. The plan
 * is the time-bound grant's (previous role read), and its approvers are the rule's, with
 * `arize:*` read from Arize now and mapped to Slack by e-mail (an unmapped admin adds nobody).
 */
export const requestSpacePlan: PlanBuilder = async (rawArgs, ctx) => {
  const access = ctx.access;
  if (!access) {
    throw new AppError(ErrorCodes.notAllowed, 'Self-service requests are not available here.');
  }
  const args = requestSpaceArgs.parse(rawArgs);
  const rules = selfServiceRules(access.policy);
  const groups = await access.groupsOf(
    ctx.requester.userId,
    rules.flatMap((r) => r.requesters),
  );
  // Someone no rule admits learns that first, before anything is read from Arize.
  if (!rules.some((rule) => admits(rule, ctx.requester.userId, groups))) {
    throw new AppError(ErrorCodes.notAllowed, notAdmitted);
  }
  const user = await requesterUser(ctx);
  const found = await resolveSpace(ctx, args.space, args.org, 'privilege');
  const space = await ctx.gateway.getSpace(found.value.id);
  const target = await targetOf(ctx, space);
  const ruled = selfServiceRuleFor(rules, {
    userId: ctx.requester.userId,
    groups,
    target,
    role: args.role,
    seconds: args.for,
  });
  if (!ruled.ok) throw new AppError(ErrorCodes.notAllowed, ruled.error.message);
  const rule = ruled.value;
  const members = await readMembers(ctx, space.id);
  const bound = timeBoundPlan({
    seconds: args.for,
    role: args.role,
    users: [user],
    spaces: [space],
    members: [members],
  });
  const { approvers, tokens, admins } = await ruleApprovers(ctx, access, rule, space.id);
  const current = members?.find((m) => m.userId === user.id);
  return {
    args: { space: space.id, role: args.role, for: args.for },
    plan: {
      effect:
        `Give ${user.email} (who asks for it) the ${roleText(args.role)} role in space ` +
        `${space.name} (${target.orgName}) for ${durationInWords(args.for)}, under self-service ` +
        `rule ${rule.name}. ${bound.effect}`,
      targets: [
        { label: 'space', value: `${space.name} (${space.id}) in ${target.orgName}` },
        { label: 'user', value: `${user.email} (${user.id})` },
      ],
      preState: [
        {
          label: `current role in ${space.name}`,
          value: current ? roleText(current.role) : 'not an explicit member',
        },
        ...bound.preState,
        { label: 'rule', value: rule.name },
        ...tokens.map((token) => ({
          label: token,
          value: (admins.emails[token] ?? []).join(', ') || 'none',
        })),
      ],
      cascades: [],
      notes: adminNotes(admins),
      subjects: [subjectOf(user)],
      projection: {
        spaces: [{ id: space.id, name: space.name }],
        users: [userProjection(user)],
        roles: [{ space: space.id, roles: members?.filter((m) => m.userId === user.id) ?? [] }],
        for: args.for,
        rule: rule.name,
        admins: admins.emails,
      },
      timeBound: bound.timeBound,
      selfService: {
        rule: rule.name,
        target,
        role: args.role,
        seconds: args.for,
        arizeAdmins: admins.slackIds,
        approvers,
        quorum: rule.quorum,
      },
    },
  };
};

/**
 * The approvers of a self-service rule for one space: its users and groups, and the admins
 * behind its `arize:*` tokens read from Arize now (mapped to Slack by e-mail), never the asker.
 * Refused when that leaves nobody who could approve.
 */
export async function ruleApprovers(
  ctx: ExecutionContext,
  access: AccessContext,
  rule: SelfServiceRule,
  spaceId: string,
) {
  const tokens = rule.approvers.filter(isArizeAdminToken);
  const admins = await readArizeAdmins(
    { gateway: ctx.gateway, slackIdOf: access.slackIdOf, log: access.log },
    spaceId,
    tokens,
  );
  const approvers = expandApprovers(rule.approvers, admins.slackIds).filter(
    (id) => id !== ctx.requester.userId,
  );
  if (approvers.length === 0) {
    throw new AppError(
      ErrorCodes.notAllowed,
      `Nobody could approve this: rule ${rule.name} is approved by ${rule.approvers.join(', ')}, ` +
        `and ${admins.unreadable ?? 'none of them is someone in Slack other than you'}.`,
      { hint: 'Ask an Arize admin of the space, or the arize-ops admins.' },
    );
  }
  return { approvers, tokens, admins };
}

/** The notes of a plan about `arize:*` admins who are not approvers, and why. */
export const adminNotes = (admins: ArizeAdmins): string[] => [
  ...(admins.unmapped.length > 0
    ? [`not approvers (no Slack account for their e-mail): ${admins.unmapped.join(', ')}`]
    : []),
  ...(admins.unreadable ? [`${admins.unreadable}: the arize:* approvers add nobody`] : []),
];

/** The asker has the role in the space now (read again; unreadable: cannot tell yet). */
export const requestSpaceGranted: PostStateCheck = async (rawArgs, ctx) => {
  const args = requestSpaceArgs.parse(rawArgs);
  const user = await requesterUser(ctx);
  const members = await readMembers(ctx, args.space);
  if (members === undefined) return 'unknown';
  return members.find((m) => m.userId === user.id)?.role === args.role ? 'reached' : 'not-reached';
};

/** The plan and post-state of each self-service operation. */
export const requestSteps = {
  'request.space': { plan: requestSpacePlan, postState: requestSpaceGranted },
} as const satisfies Partial<Record<ApprovalOperationId, ApprovalSteps>>;
