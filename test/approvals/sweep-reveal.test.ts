import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { makeFailApproval } from '../../src/app/approvals/fail-approval.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import {
  contextOf,
  type Harness,
  messengerOf,
  request,
  silentLog,
  useHarness,
  voter,
} from './approval-harness.ts';
import { revealCases, secretMutations } from './reveal-harness.ts';
import { settleLeftovers, sweepOf } from './sweep-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});
beforeEach(async () => settleLeftovers(h));

const get = async (id: string): Promise<ApprovalRequest> => {
  const stored = await h.store.get(id);
  if (!stored) throw new Error(`no request ${id}`);
  return stored;
};
const actionsOf = (report: { outcomes: { requestId: string; action: string }[] }, id: string) =>
  report.outcomes.filter((o) => o.requestId === id).map((o) => o.action);
const minutesAfter = (iso: string | undefined, minutes: number) =>
  new Date(Date.parse(iso ?? '') + minutes * 60_000);

describe('approving a secret request', () => {
  it('tells the approver that the requester gets a Reveal button, not that it runs now', async () => {
    const flow = revealCases(h);
    const { request: prepared } = await request(
      h,
      'key create told --space fraud-detection',
      undefined,
      'U0CAROL01',
    );

    const decided = await flow.decide({
      requestId: prepared.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });

    expect(decided).toEqual({
      ok: true,
      value:
        'Approved: the requester gets a Reveal button in a direct message; the secret is created only when they click it.',
    });
  });
});

describe('sweep: secret requests (the Reveal flow)', () => {
  it('fails one whose Reveal was never clicked once revealBy passed: nothing created, the DM settled', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create never-clicked --space fraud-detection');
    const before = h.emulator.mutations().length;
    const sweep = sweepOf(h, { reveals: flow.reveals });

    expect(actionsOf(await sweep(minutesAfter(approved.revealBy, -1)), approved.id)).toEqual([]);
    const report = await sweep(minutesAfter(approved.revealBy, 1));

    expect(actionsOf(report, approved.id)).toEqual(['not-revealed']);
    const ended = await get(approved.id);
    expect(ended.status).toBe('FAILED');
    expect(ended.result).toMatchObject({
      message: 'Not revealed in time, so the secret was never created (no key, no password).',
    });
    expect(secretMutations(h, before)).toEqual([]);
    expect(flow.reveals.settled.map((s) => s.request.status)).toEqual(['FAILED']);
    expect(h.replies.at(-1)?.reply).toMatchObject({ code: 'APPROVAL.FAILED' });
  });

  it('ends a reveal whose worker died after creating the key: revoked, FAILED, told, never SUCCEEDED', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create died-mid-way --space fraud-detection');
    await flow.click(approved.id);
    // The worker creates the key, records its id, then hangs before the window shows it (killed).
    flow.modals.update = () => new Promise<void>(() => undefined);
    const job = flow.jobs[0];
    if (!job) throw new Error('no reveal job');
    void flow.runReveal(job);
    const deadline = Date.now() + 5_000;
    while (!(await get(approved.id)).revealedKeyId && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const executing = await get(approved.id);
    expect(executing.status).toBe('EXECUTING');
    expect(executing.revealedKeyId).toBeDefined();
    // Revoke calls are counted at the gateway: the emulator does not log a repeated revoke.
    let revokeCalls = 0;
    const sweep = sweepOf(h, {
      reveals: flow.reveals,
      contextFor: async (req) => {
        const ctx = contextOf(h, req.requester.userId);
        const gateway = Object.create(ctx.gateway) as typeof ctx.gateway;
        gateway.revokeApiKey = async (keyId) => {
          revokeCalls += 1;
          return ctx.gateway.revokeApiKey(keyId);
        };
        return { ...ctx, gateway };
      },
    });

    const early = await sweep(minutesAfter(executing.statusChangedAt, 1));
    const [late, concurrent] = await Promise.all([
      sweep(minutesAfter(executing.statusChangedAt, 6)),
      sweep(minutesAfter(executing.statusChangedAt, 6)),
    ]);

    expect(actionsOf(early, approved.id)).toEqual([]);
    expect([...actionsOf(late, approved.id), ...actionsOf(concurrent, approved.id)].sort()).toEqual(
      ['lost-race', 'reveal-ended'],
    );
    expect(revokeCalls).toBe(1);
    const ended = await get(approved.id);
    expect(ended.status).toBe('FAILED');
    expect(ended.result).toMatchObject({ message: expect.stringContaining('so it was revoked') });
    const revoked = await h.gateway.listApiKeys({
      spaceId: String(approved.args.space),
      status: 'REVOKED',
    });
    expect(revoked.items.map((k) => k.id)).toContain(ended.revealedKeyId);
    expect(flow.reveals.settled.map((s) => s.request.status)).toEqual(['FAILED']);
    expect(h.replies.at(-1)?.reply).toMatchObject({ code: 'APPROVAL.FAILED' });
  });
});

describe('a dead-lettered reveal job', () => {
  it('is left to the sweep (which holds the Arize key): the requester is told, then the key is revoked', async () => {
    const { flow, approved } = await hungReveal('key create dead-lettered --space fraud-detection');
    const fail = makeFailApproval({
      store: h.store,
      audit: new DynamoAuditLog(h.table),
      messenger: messengerOf(h),
      clock: h.clock,
      log: silentLog,
    });

    const reply = await fail(approved.id);

    expect(reply).toMatchObject({ message: expect.stringContaining('revokes any key it created') });
    const waiting = await get(approved.id);
    expect(waiting.status).toBe('EXECUTING');
    expect(await keyStatus(waiting, waiting.revealedKeyId)).toBe('ACTIVE');
    const report = await sweepOf(h, { reveals: flow.reveals })(
      minutesAfter(waiting.statusChangedAt, 6),
    );
    expect(actionsOf(report, approved.id)).toEqual(['reveal-ended']);
    expect(await keyStatus(waiting, waiting.revealedKeyId)).toBe('REVOKED');
  });
});

describe('recovering a reveal whose worker stopped', () => {
  it('never revokes a key that was already shown: SUCCEEDED, recorded late', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create shown --space fraud-detection');
    await flow.click(approved.id);
    const key = await createKey(approved, 'shown');
    const clicked = await get(approved.id);
    await h.store.update(clicked.id, clicked.version, {
      status: 'EXECUTING',
      revealedKeyId: key,
      revealDelivered: true,
    });
    const executing = await get(approved.id);

    const report = await sweepOf(h, { reveals: flow.reveals })(
      minutesAfter(executing.statusChangedAt, 6),
    );

    expect(actionsOf(report, approved.id)).toEqual(['reveal-ended']);
    const ended = await get(approved.id);
    expect(ended.status).toBe('SUCCEEDED');
    expect(ended.result).toMatchObject({ text: expect.stringContaining('recorded late') });
    expect(await keyStatus(ended, key)).toBe('ACTIVE');
  });

  it('finds and revokes a key Arize created before its id was recorded (key create)', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create unrecorded --space fraud-detection');
    await flow.click(approved.id);
    const clicked = await get(approved.id);
    await h.store.update(clicked.id, clicked.version, { status: 'EXECUTING' });
    // The worker was killed after Arize made the key, before it wrote the key's id down.
    const key = await createKey(approved, 'unrecorded');
    const other = await createKey(approved, 'someone-else');
    const executing = await get(approved.id);

    await sweepOf(h, { reveals: flow.reveals })(minutesAfter(executing.statusChangedAt, 6));

    const ended = await get(approved.id);
    expect(ended.status).toBe('FAILED');
    expect(ended.result).toMatchObject({ message: expect.stringContaining(`API key ${key}`) });
    expect(await keyStatus(ended, key)).toBe('REVOKED');
    expect(await keyStatus(ended, other)).toBe('ACTIVE');
  });

  it('says nothing was made when no such key exists', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create never-made --space fraud-detection');
    await flow.click(approved.id);
    const clicked = await get(approved.id);
    await h.store.update(clicked.id, clicked.version, { status: 'EXECUTING' });
    const executing = await get(approved.id);

    await sweepOf(h, { reveals: flow.reveals })(minutesAfter(executing.statusChangedAt, 6));

    expect((await get(approved.id)).result).toMatchObject({
      message: 'The reveal stopped before the key was created: nothing was made.',
    });
  });
});

/** A reveal whose worker made the key, recorded its id, then hung before the window showed it. */
async function hungReveal(text: string) {
  const flow = revealCases(h);
  const approved = await flow.approved(text);
  await flow.click(approved.id);
  flow.modals.update = () => new Promise<void>(() => undefined);
  const job = flow.jobs[0];
  if (!job) throw new Error('no reveal job');
  void flow.runReveal(job);
  const deadline = Date.now() + 5_000;
  while (!(await get(approved.id)).revealedKeyId && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { flow, approved };
}

/** A service key made directly in the request's space, as Arize would have made it. */
async function createKey(request: ApprovalRequest, name: string): Promise<string> {
  const org = (await h.gateway.listOrganizations({ name: 'Acme ML' })).items[0];
  const created = await h.gateway.createServiceApiKey({
    name,
    orgId: org?.id ?? '',
    spaceId: String(request.args.space),
    spaceRole: 'MEMBER',
  });
  return created.id;
}

async function keyStatus(request: ApprovalRequest, keyId: string | undefined) {
  const keys = await h.gateway.listApiKeys({ spaceId: String(request.args.space) });
  const revoked = await h.gateway.listApiKeys({
    spaceId: String(request.args.space),
    status: 'REVOKED',
  });
  return [...keys.items, ...revoked.items].find((k) => k.id === keyId)?.status;
}
