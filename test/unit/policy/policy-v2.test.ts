import { describe, expect, it } from 'vitest';
import {
  approvalRuleFor,
  approvalsEnabled,
  parsePolicy,
  policySha,
} from '../../../src/domain/policy/policy.ts';
import policyDocument from './fixtures/policy-v2.json' with { type: 'json' };

const base = {
  version: 2,
  teamId: 'T0LOCAL01',
  requesters: { read: [], write: [], privilege: ['U0ALICE01'], destructive: ['U0ALICE01'] },
  approvers: {
    privilege: ['U0BOB0001'],
    destructive: ['U0BOB0001', 'S0ADMINS1'],
    secret: ['U0BOB0001'],
  },
  approvalsChannel: 'C0APPROVE1',
};

const parsed = (document: unknown) => {
  const result = parsePolicy(document);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('policy v2', () => {
  it('reads the repo policy: approvals on, org delete needs 2, carol requests but does not approve', () => {
    const policy = parsed(policyDocument);

    expect(approvalsEnabled(policy)).toBe(true);
    expect(approvalRuleFor(policy, 'org.delete', 'destructive').quorum).toBe(2);
    expect(approvalRuleFor(policy, 'space.delete', 'destructive')).toEqual({
      approvers: ['U0ALICE01', 'U0BOB0001', 'S0ADMINS1'],
      quorum: 1,
    });
    expect(policy.requesters.destructive).toContain('U0CAROL01');
    expect(approvalRuleFor(policy, 'space.delete', 'destructive').approvers).not.toContain(
      'U0CAROL01',
    );
    expect(policy.approvalsChannel).toBe('C0APPROVE1');
  });

  it('defaults quorum to 1 and expiry to 60 minutes', () => {
    const policy = parsed(base);

    expect(approvalRuleFor(policy, 'space.delete', 'destructive').quorum).toBe(1);
    expect(policy.expiryMinutes).toBe(60);
  });

  it('keeps a v1 policy (requesters only) valid with approvals off', () => {
    const policy = parsed({ version: 1, teamId: 'T0LOCAL01', requesters: { read: ['U0ALICE01'] } });

    expect(approvalsEnabled(policy)).toBe(false);
    expect(policy.requesters.read).toEqual(['U0ALICE01']);
  });

  it.each([
    [{ ...base, quorum: { privilege: 2 } }, 'quorum.privilege: quorum 2 exceeds the 1 eligible'],
    [{ ...base, quorum: { destructive: 3 } }, 'quorum.destructive: quorum 3 exceeds the 2'],
    [
      { ...base, operations: { 'org.delete': { quorum: 2 } } },
      'operations.org.delete.quorum: quorum 2 exceeds the 1 eligible approver(s) of org.delete',
    ],
    [
      { ...base, operations: { 'org.delete': { approvers: ['U0BOB0001'], quorum: 2 } } },
      'operations.org.delete.quorum',
    ],
    [{ ...base, approvalsChannel: undefined }, 'approvalsChannel: is required in v2'],
    [{ ...base, approvers: { privilege: ['bob'] } }, 'approvers.privilege.0: must be a Slack user'],
  ])('fails loudly, naming the rule: %#', (document, message) => {
    const result = parsePolicy(document);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });

  it('counts a user group as one eligible approver', () => {
    const result = parsePolicy({ ...base, quorum: { destructive: 2 } });

    expect(result.ok).toBe(true);
  });

  it('pins a sha256 that changes with the policy and not with key order', () => {
    const a = parsed(base);
    const b = parsed({ ...base, approvalsChannel: 'C0APPROVE1', teamId: 'T0LOCAL01' });
    const c = parsed({ ...base, expiryMinutes: 30 });

    expect(policySha(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(policySha(b)).toBe(policySha(a));
    expect(policySha(c)).not.toBe(policySha(a));
  });
});
