import { describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { makeFailApproval } from '../../src/app/approvals/fail-approval.ts';
import {
  contextOf,
  executeJobs,
  type Harness,
  makePolicy,
  messengerOf,
  prepareJob,
  request,
  silentLog,
  TEAM,
  useCases,
  useHarness,
} from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const groupOnly = makePolicy({
  approvers: { destructive: ['S0ADMINS1'], privilege: ['S0ADMINS1'], secret: ['S0ADMINS1'] },
});

describe('approval delivery', () => {
  it('posts one message when a prepare job is delivered twice', async () => {
    const job = prepareJob(h, 'space delete staging --reason cleanup');
    const { prepare } = useCases(h);

    const first = await prepare(job, contextOf(h));
    const second = await prepare(job, contextOf(h));
    const stored = await h.store.get(job.requestId);

    expect(h.renders.filter((r) => r.kind === 'post')).toHaveLength(1);
    expect(stored?.ts).toBe('1700000000.000001');
    expect(stored?.reason).toBe('cleanup');
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      kind: 'detail',
      title: `Approval request ${job.requestId} posted`,
      url: 'https://example.slack.com/archives/C0APPROVE1/p1700000000.000001',
    });
  });

  it('fails closed when the approver group cannot be read', async () => {
    const { request: req } = await request(h, 'space delete staging', groupOnly);
    h.groupsFail = true;

    const result = await useCases(h, groupOnly).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: { teamId: TEAM, userId: 'U0BOB0001' },
    });

    expect(!result.ok && result.error.message).toContain('not an approver');
    expect(executeJobs(h)).toHaveLength(0);
  });

  it('tells the requester by direct message when the response URL has expired', async () => {
    const { request: req } = await request(h, 'space delete staging');
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: { teamId: TEAM, userId: 'U0BOB0001' },
    });
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');
    h.responseUrlFails = true;

    await useCases(h).execute(job, contextOf(h));

    expect(h.tells).toHaveLength(1);
    expect(h.tells[0]).toMatchObject({ userId: 'U0ALICE01', reply: { kind: 'detail' } });
    expect((await h.store.get(req.id))?.status).toBe('SUCCEEDED');
  });

  it('refuses a request by a Slack guest at prepare time and stores nothing', async () => {
    const job = prepareJob(h, 'space delete staging', 'U0GUEST01');

    await expect(useCases(h).prepare(job, contextOf(h))).rejects.toThrow('guests cannot');
    expect(await h.store.get(job.requestId)).toBeUndefined();
    expect(h.renders).toHaveLength(0);
  });

  it('stores the approval FAILED with the reason when Arize keeps failing the operation', async () => {
    const { request: req } = await request(h, 'space delete staging');
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: { teamId: TEAM, userId: 'U0BOB0001' },
    });
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');
    h.emulator.setFaults({
      routes: [{ match: { method: 'DELETE' }, errorRate: 1, errorStatus: 500 }],
    });

    await useCases(h).execute(job, contextOf(h));
    const stored = await h.store.get(req.id);

    expect(stored?.status).toBe('FAILED');
    expect(stored?.result).toMatchObject({ kind: 'error', code: 'APPROVAL.FAILED' });
    expect(h.renders.at(-1)?.request.status).toBe('FAILED');
  });

  it('goes STALE when the target was deleted between approval and execution', async () => {
    const { request: req } = await request(h, 'space delete staging');
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: { teamId: TEAM, userId: 'U0BOB0001' },
    });
    await h.gateway.deleteSpace(String(req.args.space));
    const before = h.emulator.mutations().length;
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');

    await useCases(h).execute(job, contextOf(h));
    const stored = await h.store.get(req.id);

    expect(stored?.status).toBe('STALE');
    expect(stored?.staleReason).toMatch(/^the target could not be read again: /);
    expect(h.emulator.mutations()).toHaveLength(before);
  });

  it('fails a dead-lettered request: APPROVED is "not run", EXECUTING is "outcome unknown"', async () => {
    const fail = makeFailApproval({
      store: h.store,
      audit: new DynamoAuditLog(h.table),
      messenger: messengerOf(h),
      clock: h.clock,
      log: silentLog,
    });
    const approved = await approvedRequest();
    const executing = await approvedRequest();
    await h.store.update(executing.id, executing.version, { status: 'EXECUTING' });

    const notStarted = await fail(approved.id);
    const unknown = await fail(executing.id);
    const again = await fail(approved.id);

    expect(notStarted?.kind === 'error' && notStarted.message).toMatch(/^Not run: /);
    expect(unknown?.kind === 'error' && unknown.message).toMatch(/^The outcome is unknown: /);
    expect(again).toBeUndefined();
    expect((await h.store.get(approved.id))?.status).toBe('FAILED');
    expect((await h.store.get(executing.id))?.status).toBe('FAILED');
    expect(h.renders.at(-1)?.request.status).toBe('FAILED');
    expect(h.emulator.mutations()).toHaveLength(0);
  });
});

async function approvedRequest() {
  const { request: req } = await request(h, 'space delete staging');
  await useCases(h).decide()({
    requestId: req.id,
    decision: 'approve',
    voter: { teamId: TEAM, userId: 'U0BOB0001' },
  });
  const stored = await h.store.get(req.id);
  if (stored?.status !== 'APPROVED') throw new Error('not approved');
  return stored;
}
