import { refusalOf } from '../identity.ts';
import type { ApprovalRule } from '../policy/policy.ts';
import type { ApprovalRequest } from './approval.ts';

/** What is known about the person who clicked, at click time. */
export interface Voter {
  userId: string;
  teamId: string;
  email?: string;
  isBot: boolean;
  deleted: boolean;
  isGuest: boolean;
}

export interface EligibilityInput {
  request: Pick<ApprovalRequest, 'requester' | 'plan' | 'expiresAt'>;
  voter: Voter | undefined;
  /** The current policy's rule for this operation. */
  rule: ApprovalRule;
  teamId: string;
  /** Members of each user group named in the rule; a group that could not be read is absent. */
  groupMembers: ReadonlyMap<string, readonly string[]>;
  botUserId?: string;
  now: Date;
}

/**
 * Why this person's approval may not count, or undefined when it may. The requester, the subjects
 * of the change (matched on their Slack e-mail, case-insensitively) and the bot never count;
 * bots, guests, deleted users and other workspaces are refused; expiry is enforced here too.
 */
export function approvalRefusal(input: EligibilityInput): string | undefined {
  const { request, voter, rule } = input;
  if (input.now.getTime() >= Date.parse(request.expiresAt)) {
    return 'this request has expired; ask the requester to run the command again.';
  }
  const identity = refusalOf(voter, input.teamId);
  if (identity || !voter) return identity ?? 'Slack does not know this user.';
  if (voter.userId === input.botUserId) return 'the bot never approves its own requests.';
  if (voter.userId === request.requester.userId && voter.teamId === request.requester.teamId) {
    return 'you asked for this change, so your approval does not count: another approver must approve it.';
  }
  const email = voter.email?.toLowerCase();
  if (request.plan.subjects.length > 0 && !email) {
    // Without the e-mail we cannot tell whether the change is about this person: fail closed.
    return 'Slack shares no e-mail for you, so it cannot be checked that this change is not about you.';
  }
  if (email && request.plan.subjects.some((s) => s.email?.toLowerCase() === email)) {
    return 'this change is about you, so your approval does not count.';
  }
  const direct = rule.approvers.includes(voter.userId);
  const viaGroup = rule.approvers.some(
    (id) => id.startsWith('S') && (input.groupMembers.get(id) ?? []).includes(voter.userId),
  );
  if (!direct && !viaGroup)
    return 'you are not an approver for this operation under the current policy.';
  return undefined;
}
