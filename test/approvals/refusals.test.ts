import { describe, expect, it } from 'vitest';
import {
  contextOf,
  executeJobs,
  type Harness,
  makePolicy,
  request,
  useCases,
  useHarness,
  voter,
} from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

describe('approval refusals: nothing runs', () => {
  it.each([
    ['the requester (self-approval)', 'U0ALICE01', 'you asked for this change'],
    ['carol (operator, not an approver)', 'U0CAROL01', 'not an approver'],
    ['dave (read-only)', 'U0DAVE001', 'not an approver'],
    ['eve (not allowed)', 'U0EVE0001', 'not an approver'],
    ['a guest', 'U0GUEST01', 'guests cannot'],
    ['a user of another workspace', 'U0OTHER01', 'other workspaces'],
    ['the bot', 'U0ARIZEBOT', 'bots cannot'],
  ])('refuses %s and runs nothing', async (_who, userId, message) => {
    const { request: req } = await request(h, 'space delete staging');

    const result = await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter(userId),
    });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toContain(message);
    expect(executeJobs(h)).toHaveLength(0);
    expect((await h.store.get(req.id))?.status).toBe('PENDING');
    expect(h.emulator.mutations()).toHaveLength(0);
  });

  it('refuses an approver removed from the policy after the request was posted', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const current = makePolicy({
      approvers: {
        destructive: ['U0ALICE01', 'U0APPR001'],
        privilege: ['U0ALICE01'],
        secret: ['U0ALICE01'],
      },
    });

    const result = await useCases(h).decide(current)({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });

    expect(req.approvers).toContain('U0BOB0001');
    expect(!result.ok && result.error.message).toContain('not an approver');
    expect(executeJobs(h)).toHaveLength(0);
  });

  it('uses the higher quorum when the policy raised it after posting', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const raised = makePolicy({ quorum: { destructive: 2 } });

    const result = await useCases(h).decide(raised)({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });

    expect(req.quorum).toBe(1);
    expect(result).toEqual({ ok: true, value: 'Your approval counts: 1 of 2.' });
    expect((await h.store.get(req.id))?.quorum).toBe(2);
    expect(executeJobs(h)).toHaveLength(0);
  });

  it('lets a member of an approver user group approve (S0ADMINS1 holds bob)', async () => {
    const current = makePolicy({
      approvers: { destructive: ['S0ADMINS1'], privilege: ['S0ADMINS1'], secret: ['S0ADMINS1'] },
    });
    const { request: req } = await request(h, 'space delete staging', current);

    const result = await useCases(h, current).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });

    expect(result.ok).toBe(true);
    expect(executeJobs(h)).toHaveLength(1);
  });

  it('refuses a click after expiry and marks the request EXPIRED', async () => {
    const { request: req } = await request(h, 'space delete staging');
    h.clock.set(new Date(Date.parse(req.expiresAt) + 1000));

    const result = await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });

    expect(!result.ok && result.error.code).toBe('APPROVAL.EXPIRED');
    expect((await h.store.get(req.id))?.status).toBe('EXPIRED');
    expect(executeJobs(h)).toHaveLength(0);
    expect(h.emulator.mutations()).toHaveLength(0);
  });

  it('does not let the subject of a grant approve it', async () => {
    const { request: req } = await request(
      h,
      'space add-user bob@example.com --space staging --role admin',
    );

    const result = await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });

    expect(req.plan.subjects.map((s) => s.email)).toEqual(['bob@example.com']);
    expect(!result.ok && result.error.message).toContain('about you');
  });

  it('refuses deleting the account’s last admin a person can sign in as (the bot does not count)', async () => {
    const before = h.emulator.mutations().length;

    await expect(
      request(h, 'user delete alice@example.com', makePolicy(), 'U0CAROL01'),
    ).rejects.toThrow(
      'this would leave the account without an admin a person can sign in as (alice@example.com is the last one)',
    );
    expect(h.emulator.mutations().slice(before)).toHaveLength(0);
  });

  it('lets an admin be deleted while another remains, and goes STALE if that one goes first', async () => {
    const { user: zed } = await h.gateway.createUser({
      name: 'Zed',
      email: 'zed@example.com',
      role: 'ADMIN',
      inviteMode: 'NONE',
    });
    const { request: req } = await request(
      h,
      'user delete zed@example.com',
      makePolicy(),
      'U0CAROL01',
    );
    expect(req.plan.remainingAdmins?.admins.map((a) => a.email).sort()).toEqual([
      'alice@example.com',
      'arize-ops-bot@example.com',
    ]);
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    const alice = (await h.gateway.listUsers({ email: 'alice@example.com' })).items[0];
    if (!alice) throw new Error('no alice');
    await h.gateway.deleteUser(alice.id);
    const before = h.emulator.mutations().length;
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');

    await useCases(h).execute(job, contextOf(h));

    const stored = await h.store.get(req.id);
    expect(stored?.status).toBe('STALE');
    expect(stored?.staleReason).toContain('otherAdmins');
    expect(h.emulator.mutations().slice(before)).toHaveLength(0);
    expect((await h.gateway.getUser(zed.id)).status).toBe('ACTIVE');
  });

  it('refuses a plan that touches the bot’s own Arize user (never-list)', async () => {
    await expect(request(h, 'user delete arize-ops-bot@example.com')).rejects.toThrow(
      "the bot's own Arize user",
    );
  });
});
