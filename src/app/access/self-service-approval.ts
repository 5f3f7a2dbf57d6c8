import type { SelfServicePlan } from '../../domain/approvals/plan.ts';
import type { Requester } from '../../domain/job.ts';
import { type ApprovalRule, type Policy, selfServiceRules } from '../../domain/policy/policy.ts';
import { expandApprovers, selfServiceRuleFor } from '../../domain/policy/self-service.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { GroupDirectory, Log } from '../ports.ts';

/**
 * Who may approve a self-service request now: the same evaluation as when it was made, under the
 * current policy (the requester's groups read live), its `arize:*` approvers being the admins
 * Arize listed when the plan was read. A rule that no longer allows the ask refuses every vote.
 */
export async function selfServiceApprovalRule(
  deps: { policy: Policy; groups: GroupDirectory; log: Log },
  plan: SelfServicePlan,
  requester: Requester,
): Promise<Result<ApprovalRule, string>> {
  const rules = selfServiceRules(deps.policy);
  const groups = new Set<string>();
  for (const id of new Set(rules.flatMap((r) => r.requesters).filter((p) => p.startsWith('S')))) {
    try {
      if ((await deps.groups.members(id)).includes(requester.userId)) groups.add(id);
    } catch (error: unknown) {
      deps.log.warn('user group not readable, failing closed', {
        groupId: id,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
  const ruled = selfServiceRuleFor(rules, {
    userId: requester.userId,
    groups,
    target: plan.target,
    role: plan.role,
    seconds: plan.seconds,
  });
  if (!ruled.ok) {
    return err(
      `under the current policy this request is no longer allowed: ${ruled.error.message}`,
    );
  }
  return ok({
    approvers: expandApprovers(ruled.value.approvers, plan.arizeAdmins),
    quorum: ruled.value.quorum,
  });
}
