import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { approvalRefusal, type Voter } from '../../domain/approvals/approval-refusal.ts';
import type { Requester } from '../../domain/job.ts';
import type { Risk } from '../../domain/operations/operation.ts';
import {
  type ApprovalRule,
  approvalRuleFor,
  arizeEmailOf,
  type Policy,
} from '../../domain/policy/policy.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { selfServiceApprovalRule } from '../access/self-service-approval.ts';
import type { GroupDirectory, SlackDirectory } from '../ports.ts';
import { approvalCommandOf } from './approval-command.ts';
import type { DecisionRefusal } from './decision-refusal.ts';
import { type EndPendingApprovalDeps, endPendingApproval } from './end-pending-approval.ts';

/** What authorizing a vote reads: the current policy, Slack's people and groups, the time. */
export interface AuthorizeVoteDeps extends EndPendingApprovalDeps {
  /** The current policy: authorization is decided at click time, not at posting time. */
  policy: Policy;
  directory: SlackDirectory;
  groups: GroupDirectory;
  botUserId?: string;
}

/**
 * May this person vote on this pending request now? Checked against the current policy and group
 * membership (fail closed); an expired request is marked EXPIRED on the way. Returns the rule.
 * A self-service request's approvers are its rule's under the current policy.
 */
export async function authorizeVote(
  deps: AuthorizeVoteDeps,
  request: ApprovalRequest,
  clicker: Requester,
): Promise<Result<ApprovalRule & { risk: Risk }, DecisionRefusal>> {
  const risk = approvalCommandOf(request)?.risk ?? 'destructive';
  let rule = approvalRuleFor(deps.policy, request.operationId, risk);
  if (request.plan.selfService) {
    // The rule it was made under, evaluated again now (the same function as at request time).
    const current = await selfServiceApprovalRule(
      deps,
      request.plan.selfService,
      request.requester,
    );
    const expired = deps.clock.now().getTime() >= Date.parse(request.expiresAt);
    if (!current.ok && !expired) {
      return err({ code: 'APPROVAL.NOT_ALLOWED', message: `Refused: ${current.error}` });
    }
    rule = current.ok ? current.value : { approvers: [], quorum: request.quorum };
  }
  const voter = await voterOf(deps, clicker.userId);
  const refusal = approvalRefusal({
    request,
    voter,
    rule,
    teamId: deps.policy.teamId,
    groupMembers: await groupMembers(deps, rule.approvers, clicker.userId),
    ...(deps.botUserId ? { botUserId: deps.botUserId } : {}),
    now: deps.clock.now(),
  });
  if (refusal && deps.clock.now().getTime() >= Date.parse(request.expiresAt)) {
    await endPendingApproval(deps, request, 'EXPIRED', undefined, {}, '');
    return err({ code: 'APPROVAL.EXPIRED', message: `Refused: ${refusal}` });
  }
  if (refusal) return err({ code: 'APPROVAL.NOT_ALLOWED', message: `Refused: ${refusal}` });
  return ok({ ...rule, risk });
}

async function voterOf(deps: AuthorizeVoteDeps, userId: string): Promise<Voter | undefined> {
  const person = await deps.directory.person(userId);
  if (!person) return undefined;
  // The subject check compares Arize e-mails: the policy's mapping wins over Slack's.
  const email = arizeEmailOf(deps.policy, userId, person.email);
  return { ...person, ...(email ? { email } : {}) };
}

/** Members of the rule's groups; a group Slack cannot list is left out (fail closed). */
async function groupMembers(
  deps: AuthorizeVoteDeps,
  approvers: readonly string[],
  userId: string,
): Promise<Map<string, readonly string[]>> {
  const members = new Map<string, readonly string[]>();
  if (approvers.includes(userId)) return members;
  for (const id of approvers.filter((a) => a.startsWith('S'))) {
    try {
      members.set(id, await deps.groups.members(id));
    } catch (error: unknown) {
      deps.log.warn('user group not readable', { groupId: id, error: String(error) });
    }
  }
  return members;
}
