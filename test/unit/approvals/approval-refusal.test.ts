import { describe, expect, it } from 'vitest';
import { canTransition, isFinal } from '../../../src/domain/approvals/approval.ts';
import { approvalRefusal, type Voter } from '../../../src/domain/approvals/approval-refusal.ts';
import { neverListRefusal } from '../../../src/domain/approvals/never-list-refusal.ts';
import { describeChanges, type Plan, projectionHash } from '../../../src/domain/approvals/plan.ts';
import { policySchema } from '../../../src/domain/policy/policy.ts';

const now = new Date('2026-11-22T06:00:00Z');
const makeVoter = (overrides: Partial<Voter> = {}): Voter => ({
  userId: 'U0BOB0001',
  teamId: 'T0LOCAL01',
  email: 'bob@example.com',
  isBot: false,
  deleted: false,
  isGuest: false,
  ...overrides,
});
const request = {
  requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
  expiresAt: '2026-11-22T07:00:00Z',
  plan: {
    effect: 'x',
    targets: [],
    preState: [],
    cascades: [],
    notes: [],
    subjects: [{ arizeUserId: 'VXNlcjo5', email: 'Frank@example.com' }],
    projection: {},
  },
};
const refusal = (voter: Voter | undefined, overrides: Record<string, unknown> = {}) =>
  approvalRefusal({
    request,
    voter,
    rule: { approvers: ['U0ALICE01', 'U0BOB0001', 'S0ADMINS1'], quorum: 1 },
    teamId: 'T0LOCAL01',
    groupMembers: new Map([['S0ADMINS1', ['U0ALICE01', 'U0BOB0001', 'U0GROUP01']]]),
    botUserId: 'U0ARIZEBOT',
    now,
    ...overrides,
  });

describe('approvalRefusal', () => {
  it('lets a named approver approve', () => {
    expect(refusal(makeVoter())).toBeUndefined();
  });

  it('lets a member of an approver group approve', () => {
    expect(refusal(makeVoter({ userId: 'U0GROUP01', email: 'g@example.com' }))).toBeUndefined();
  });

  it.each([
    ['the requester', makeVoter({ userId: 'U0ALICE01' }), 'you asked for this change'],
    ['an outsider', makeVoter({ userId: 'U0CAROL01' }), 'not an approver'],
    ['the subject', makeVoter({ email: 'frank@EXAMPLE.com' }), 'about you'],
    ['a bot', makeVoter({ isBot: true }), 'bots cannot'],
    ['a guest', makeVoter({ isGuest: true }), 'guests cannot'],
    ['a deleted user', makeVoter({ deleted: true }), 'deactivated'],
    ['another workspace', makeVoter({ teamId: 'T0OTHER01' }), 'other workspaces'],
    ['an unknown user', undefined, 'does not know'],
    ['the bot user', makeVoter({ userId: 'U0ARIZEBOT' }), 'never approves'],
  ])('refuses %s', (_who, voter, message) => {
    expect(refusal(voter)).toContain(message);
  });

  it('refuses a voter whose e-mail Slack does not share when the change has subjects', () => {
    const { email: _email, ...noEmail } = makeVoter();

    expect(refusal(noEmail)).toContain('cannot be checked');
  });

  it('refuses a group member when the group could not be read (fail closed)', () => {
    const voter = makeVoter({ userId: 'U0GROUP01', email: 'g@example.com' });

    expect(refusal(voter, { groupMembers: new Map() })).toContain('not an approver');
  });

  it('refuses an approver removed from the current policy', () => {
    const rule = { approvers: ['U0ALICE01'], quorum: 1 };

    expect(refusal(makeVoter(), { rule })).toContain('not an approver');
  });

  it('refuses after expiry, at the expiry instant', () => {
    expect(refusal(makeVoter(), { now: new Date('2026-11-22T07:00:00Z') })).toContain('expired');
    expect(refusal(makeVoter(), { now: new Date('2026-11-22T06:59:59Z') })).toBeUndefined();
  });
});

describe('the state machine', () => {
  it.each([
    ['PENDING', 'APPROVED', true],
    ['PENDING', 'EXECUTING', false],
    ['APPROVED', 'EXECUTING', true],
    ['APPROVED', 'FAILED', true],
    ['APPROVED', 'SUCCEEDED', false],
    ['EXECUTING', 'STALE', true],
    ['EXECUTING', 'SUCCEEDED', true],
    ['SUCCEEDED', 'FAILED', false],
    ['REJECTED', 'APPROVED', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('calls the end states final', () => {
    expect(isFinal('SUCCEEDED')).toBe(true);
    expect(isFinal('STALE')).toBe(true);
    expect(isFinal('PENDING')).toBe(false);
    expect(isFinal('EXECUTING')).toBe(false);
  });
});

describe('projections', () => {
  it('hash the same whatever the key order, and differently when a value changes', () => {
    const a = projectionHash({ space: { id: '1', name: 'staging' }, org: 'o' });
    const b = projectionHash({ org: 'o', space: { name: 'staging', id: '1' } });
    const c = projectionHash({ org: 'o', space: { name: 'staging2', id: '1' } });

    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('name what changed by path', () => {
    const before = { space: { id: '1', name: 'staging' }, members: ['a'] };
    const after = { space: { id: '1', name: 'pre-prod' }, members: ['a', 'b'] };

    expect(describeChanges(before, after)).toEqual([
      'members: ["a"] → ["a","b"]',
      'space.name: staging → pre-prod',
    ]);
  });
});

describe('neverListRefusal', () => {
  const policy = policySchema.parse({
    version: 1,
    teamId: 'T0LOCAL01',
    requesters: {},
    neverList: { arizeUserEmails: ['arize-ops-bot@example.com'], apiKeyIds: ['S2V5OjE='] },
  });
  const planWith = (extra: Partial<Plan>): Plan => ({ ...request.plan, subjects: [], ...extra });

  it.each([
    [planWith({ subjects: [{ email: 'Arize-Ops-Bot@example.com' }] }), "the bot's own Arize user"],
    [planWith({ apiKeys: [{ id: 'S2V5Ojk=', keyType: 'USER' }] }), 'USER keys are never changed'],
    [planWith({ apiKeys: [{ id: 'S2V5OjE=', keyType: 'SERVICE' }] }), 'on the never-list'],
  ])('refuses %#', (plan, message) => {
    expect(neverListRefusal(policy, plan)).toContain(message);
  });

  it('lets other plans through', () => {
    const plan = planWith({
      subjects: [{ email: 'frank@example.com' }],
      apiKeys: [{ id: 'S2V5Ojk=', keyType: 'SERVICE' }],
    });

    expect(neverListRefusal(policy, plan)).toBeUndefined();
  });
});
