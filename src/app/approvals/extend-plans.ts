import { AppError, ErrorCodes } from '../../domain/errors.ts';
import type { ApprovalOperationId } from '../../domain/operations/catalogue.ts';
import { requestExtendArgs } from '../../domain/operations/request-operations.ts';
import { mayRequest, selfServiceRules } from '../../domain/policy/policy.ts';
import { roleText, selfServiceRuleFor } from '../../domain/policy/self-service.ts';
import { durationInWords } from '../../domain/words.ts';
import type { ExecutionContext } from '../operations/executor.ts';
import type { ApprovalSteps, PlanBuilder, PostStateCheck } from './plan-builder.ts';
import { readMembers } from './plan-builder.ts';
import { adminNotes, ruleApprovers, targetOf } from './request-plans.ts';

const when = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function partsOf(ctx: ExecutionContext) {
  const { grantExtension, access } = ctx;
  if (!grantExtension || !access) {
    throw new AppError(ErrorCodes.notAllowed, 'Grants cannot be extended here.');
  }
  return { grantExtension, access };
}

/**
 * `request extend`: a new request under the current policy to move an active grant's end. The
 * grant's own subject asks under the first self-service rule that allows that space, role and
 * length (its approvers, `arize:*` read now); otherwise someone who may request privilege
 * changes asks, approved as any privilege change. The end being moved is pinned: if it moves
 * meanwhile, the approval is stale.
 */
export const requestExtendPlan: PlanBuilder = async (rawArgs, ctx) => {
  const { grantExtension, access } = partsOf(ctx);
  const args = requestExtendArgs.parse(rawArgs);
  const grant = await grantExtension.get(args.grant);
  if (!grant) throw new AppError(ErrorCodes.usage, `No time-bound grant ${args.grant}.`);
  if (grant.status !== 'ACTIVE' || grant.endRequestedBy !== undefined) {
    throw new AppError(
      ErrorCodes.usage,
      'This grant is ending or over: there is nothing to extend.',
    );
  }
  if (args.from !== undefined && args.from !== grant.endsAt) {
    throw new AppError(ErrorCodes.usage, `the grant's end moved (${args.from} → ${grant.endsAt})`);
  }
  const seconds =
    args.for ?? Math.round((Date.parse(grant.endsAt) - Date.parse(grant.startsAt)) / 1000);
  const space = await ctx.gateway.getSpace(grant.spaceId);
  const target = await targetOf(ctx, space);
  const userId = ctx.requester.userId;
  const rules = selfServiceRules(access.policy);
  const isSubject = grant.subject.slackUserId === userId;
  const groups = await access.groupsOf(
    userId,
    rules.flatMap((r) => r.requesters),
  );
  const ruled = isSubject
    ? selfServiceRuleFor(rules, { userId, groups, target, role: grant.role, seconds })
    : undefined;
  if (!ruled?.ok && !mayRequest(access.policy, ctx.requester, 'privilege')) {
    throw new AppError(
      ErrorCodes.notAllowed,
      ruled && !ruled.ok
        ? ruled.error.message
        : 'Only the person who holds the access, or someone who may ask for privilege changes, can ask to extend it.',
    );
  }
  const members = await readMembers(ctx, space.id);
  const current = members?.find((m) => m.userId === grant.subject.arizeUserId)?.role;
  if (members !== undefined && current !== grant.role) {
    throw new AppError(
      ErrorCodes.usage,
      `${grant.subject.email} is no longer ${roleText(grant.role)} in ${space.name} (now ${current ? roleText(current) : 'not a member'}): there is nothing to extend.`,
    );
  }
  const selfService = ruled?.ok
    ? { rule: ruled.value, ...(await ruleApprovers(ctx, access, ruled.value, space.id)) }
    : undefined;
  const to = new Date(Date.parse(grant.endsAt) + seconds * 1000).toISOString();
  return {
    args: { grant: grant.id, for: seconds, from: grant.endsAt },
    plan: {
      effect:
        `Extend ${grant.subject.email}'s ${roleText(grant.role)} access to space ${space.name} ` +
        `(${target.orgName}) by ${durationInWords(seconds)}: it ends at ${when(to)} instead of ` +
        `${when(grant.endsAt)}${selfService ? `, under self-service rule ${selfService.rule.name}` : ''}.`,
      targets: [
        { label: 'grant', value: grant.id },
        { label: 'space', value: `${space.name} (${space.id}) in ${target.orgName}` },
        { label: 'user', value: `${grant.subject.email} (${grant.subject.arizeUserId})` },
      ],
      preState: [
        { label: 'ends now', value: when(grant.endsAt) },
        { label: 'role now', value: current ? roleText(current) : 'not readable' },
        ...(selfService?.tokens ?? []).map((token) => ({
          label: token,
          value: (selfService?.admins.emails[token] ?? []).join(', ') || 'none',
        })),
      ],
      cascades: [],
      notes: selfService ? adminNotes(selfService.admins) : [],
      subjects: [{ arizeUserId: grant.subject.arizeUserId, email: grant.subject.email }],
      projection: {
        grant: grant.id,
        endsAt: grant.endsAt,
        role: current ?? 'not readable',
        for: seconds,
        ...(selfService ? { rule: selfService.rule.name, admins: selfService.admins.emails } : {}),
      },
      ...(selfService
        ? {
            selfService: {
              rule: selfService.rule.name,
              target,
              role: grant.role,
              seconds,
              arizeAdmins: selfService.admins.slackIds,
              approvers: selfService.approvers,
              quorum: selfService.rule.quorum,
            },
          }
        : {}),
    },
  };
};

/** The grant ends where the extension puts it. */
export const grantExtended: PostStateCheck = async (rawArgs, ctx) => {
  const { grantExtension } = partsOf(ctx);
  const args = requestExtendArgs.parse(rawArgs);
  const grant = await grantExtension.get(args.grant);
  if (!grant || args.from === undefined || args.for === undefined) return 'not-reached';
  const to = new Date(Date.parse(args.from) + args.for * 1000).toISOString();
  return grant.endsAt === to ? 'reached' : 'not-reached';
};

/** The plan and post-state of `request extend`. */
export const extendSteps = {
  'request.extend': { plan: requestExtendPlan, postState: grantExtended },
} as const satisfies Partial<Record<ApprovalOperationId, ApprovalSteps>>;
