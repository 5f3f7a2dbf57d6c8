import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
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
import {
  approvedRequest,
  killedWorker,
  minutesFromNow,
  settleLeftovers,
  sweepOf,
} from './sweep-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});
beforeEach(async () => settleLeftovers(h));

const mutationsSince = (before: number) => h.emulator.mutations().slice(before);
const actionsOf = (report: { outcomes: { action: string }[] }) =>
  report.outcomes.map((o) => o.action);

async function auditRecord(requestId: string, key: string) {
  const { Item } = await h.table.client.send(
    new GetCommand({
      TableName: h.table.tableName,
      Key: { pk: `audit#${requestId}`, sk: `${requestId}#${key}` },
    }),
  );
  return Item;
}

describe('sweep: a worker killed mid-execution', () => {
  it('ends it SUCCEEDED when the post-state is reached, without a second mutation', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    const before = h.emulator.mutations().length;
    await killedWorker(h, approved, 'after-arize');
    expect(mutationsSince(before)).toHaveLength(1);

    const report = await sweepOf(h)(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['succeeded']);
    expect(mutationsSince(before)).toHaveLength(1);
    const stored = await h.store.get(approved.id);
    expect(stored?.status).toBe('SUCCEEDED');
    expect(h.renders.at(-1)?.request.status).toBe('SUCCEEDED');
    expect(h.replies.at(-1)?.reply).toMatchObject({ kind: 'text' });
    expect(await auditRecord(approved.id, 'sweep-result')).toMatchObject({
      event: 'result',
      detail: { status: 'SUCCEEDED', by: 'sweep' },
    });
  });

  it('runs it once more when nothing ran yet (pre-state unchanged, idempotent): one mutation', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    const before = h.emulator.mutations().length;
    await killedWorker(h, approved, 'before-arize');

    const report = await sweepOf(h)(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['rerun']);
    const deletes = mutationsSince(before);
    expect(deletes.map((m) => m.method)).toEqual(['DELETE']);
    const stored = await h.store.get(approved.id);
    expect(stored?.status).toBe('SUCCEEDED');
    expect(stored?.recoveries).toBe(1);
    expect(await auditRecord(approved.id, 'recovery-1')).toMatchObject({ event: 'execution' });
    expect(await auditRecord(approved.id, 'recovery-1-result')).toMatchObject({
      detail: { status: 'SUCCEEDED' },
    });
    // A later sweep finds nothing left to do.
    expect(actionsOf(await sweepOf(h)(minutesFromNow(20)))).toEqual([]);
    expect(mutationsSince(before)).toHaveLength(1);
  });

  it('leaves a lease that is not yet past its time alone', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    await killedWorker(h, approved, 'before-arize');

    const report = await sweepOf(h)(minutesFromNow(1));

    expect(actionsOf(report)).toEqual([]);
    expect((await h.store.get(approved.id))?.status).toBe('EXECUTING');
  });

  it('ends it FAILED "outcome unknown" for a create whose outcome cannot be told (never retried)', async () => {
    const policy = makePolicy({
      requesters: {
        read: ['U0ALICE01'],
        write: ['U0ALICE01'],
        privilege: ['U0ALICE01'],
        destructive: ['U0ALICE01'],
        secret: ['U0ALICE01'],
      },
    });
    const approved = await approvedRequest(h, 'key create ingest --space staging', policy);
    const before = h.emulator.mutations().length;
    await killedWorker(h, approved, 'after-arize');
    expect(mutationsSince(before)).toHaveLength(1);

    const report = await sweepOf(h)(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['outcome-unknown']);
    expect(mutationsSince(before)).toHaveLength(1);
    const stored = await h.store.get(approved.id);
    expect(stored?.status).toBe('FAILED');
    expect(stored?.result).toMatchObject({ message: expect.stringMatching(/outcome is unknown/) });
    expect(h.replies.at(-1)?.reply).toMatchObject({
      message: expect.stringMatching(/cannot tell whether it took effect/),
    });
  });

  it('ends it FAILED "outcome unknown" when the pre-state moved and the post-state is not reached', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    const before = h.emulator.mutations().length;
    await killedWorker(h, approved, 'before-arize');
    await h.gateway.updateSpace(approved.args.space as string, { name: 'staging-renamed' });

    const report = await sweepOf(h)(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['outcome-unknown']);
    expect(mutationsSince(before)).toHaveLength(1); // only the test's own change
    expect((await h.store.get(approved.id))?.status).toBe('FAILED');
  });

  it('runs an idempotent change whose post-state cannot be read once more (an upsert: one effective change)', async () => {
    const approved = await approvedRequest(
      h,
      'org add-user "Research Lab" dave@example.com --role read-only',
    );
    const before = h.emulator.mutations().length;
    await killedWorker(h, approved, 'after-arize');

    const report = await sweepOf(h)(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['rerun']);
    // The emulator logs only effective changes: the repeated upsert changed nothing.
    expect(mutationsSince(before)).toHaveLength(1);
    expect((await h.store.get(approved.id))?.status).toBe('SUCCEEDED');
  });

  it('takes one action when two sweeps run at once: one re-run, one mutation', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    const before = h.emulator.mutations().length;
    await killedWorker(h, approved, 'before-arize');

    const now = minutesFromNow(6);
    const reports = await Promise.all([sweepOf(h)(now), sweepOf(h)(now), sweepOf(h)(now)]);

    const actions = reports.flatMap(actionsOf);
    expect(actions.filter((a) => a === 'rerun')).toHaveLength(1);
    expect(actions.filter((a) => a !== 'rerun' && a !== 'lost-race')).toEqual([]);
    expect(mutationsSince(before)).toHaveLength(1);
    expect((await h.store.get(approved.id))?.status).toBe('SUCCEEDED');
  });

  it('does not run it a third time when the re-run itself was killed: FAILED unless done', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    const killed = await killedWorker(h, approved, 'before-arize');
    // A sweep took it over (recoveries 1) and then died before running it.
    const retaken = await h.store.update(killed.id, killed.version, {
      status: 'EXECUTING',
      recoveries: 1,
    });
    expect(retaken).toBeDefined();
    const before = h.emulator.mutations().length;

    const report = await sweepOf(h)(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['outcome-unknown']);
    expect(mutationsSince(before)).toEqual([]);
    expect((await h.store.get(approved.id))?.status).toBe('FAILED');
  });
});

describe('sweep: pending requests past their expiry', () => {
  it('expires them, redraws the message, tells the requester; a later click is refused', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const after = new Date(Date.parse(req.expiresAt) + 1_000);

    const report = await sweepOf(h)(after);

    expect(actionsOf(report)).toEqual(['expired']);
    const stored = await h.store.get(req.id);
    expect(stored?.status).toBe('EXPIRED');
    expect(h.renders.at(-1)).toMatchObject({ kind: 'update', request: { status: 'EXPIRED' } });
    expect(h.replies.at(-1)?.reply).toMatchObject({ message: expect.stringMatching(/^Expired/) });
    expect(await auditRecord(req.id, 'expired')).toMatchObject({ event: 'expired' });

    const click = await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    expect(click).toMatchObject({ ok: false, error: { code: 'APPROVAL.ALREADY_DECIDED' } });
    expect(executeJobs(h)).toEqual([]);
    expect(await h.store.listPending()).not.toContainEqual(expect.objectContaining({ id: req.id }));
  });

  it('tells the requester by direct message when the response URL no longer works', async () => {
    const { request: req } = await request(h, 'space delete staging');
    h.responseUrlFails = true;

    await sweepOf(h)(new Date(Date.parse(req.expiresAt) + 1_000));

    expect(h.tells.at(-1)).toMatchObject({
      userId: 'U0ALICE01',
      reply: { message: expect.stringMatching(/^Expired/) },
    });
  });

  it('leaves requests that have not expired yet', async () => {
    const { request: req } = await request(h, 'space delete staging');

    const report = await sweepOf(h)(new Date(Date.parse(req.expiresAt) - 1_000));

    expect(report.outcomes.filter((o) => o.requestId === req.id)).toEqual([]);
    expect((await h.store.get(req.id))?.status).toBe('PENDING');
  });

  it('loses cleanly to a vote that lands between its listing and its write: no "expired" record', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const after = new Date(Date.parse(req.expiresAt) + 1_000);
    const store = Object.create(h.store) as typeof h.store;
    store.listExpired = async (now) => {
      const listed = await h.store.listExpired(now);
      // The vote commits after the sweep read the request and before its conditional write.
      const vote = await useCases(h).decide()({
        requestId: req.id,
        decision: 'approve',
        voter: voter('U0BOB0001'),
      });
      expect(vote.ok).toBe(true);
      return listed;
    };

    const report = await sweepOf(h, { store })(after);

    // Its expiry lost; the in-flight listing then sees an APPROVED request (re-enqueued: the same
    // execute job id, so it runs once).
    const actions = report.outcomes.filter((o) => o.requestId === req.id).map((o) => o.action);
    expect(actions[0]).toBe('lost-race');
    expect(actions).not.toContain('expired');
    expect((await h.store.get(req.id))?.status).toBe('APPROVED');
    expect(await auditRecord(req.id, 'expired')).toBeUndefined();
    expect(new Set(executeJobs(h).map((j) => j.id)).size).toBe(1);
  });

  it('races a vote: one of them wins, never both', async () => {
    for (let round = 0; round < 4; round += 1) {
      h.queued.length = 0;
      const { request: req } = await request(h, 'space delete staging');
      const after = new Date(Date.parse(req.expiresAt) + 1_000);
      // The voter's clock is still before the expiry; the sweep's scheduled time is after it.
      const [vote, report] = await Promise.all([
        useCases(h).decide()({ requestId: req.id, decision: 'approve', voter: voter('U0BOB0001') }),
        sweepOf(h)(after),
      ]);
      const stored = await h.store.get(req.id);
      const swept = report.outcomes.find((o) => o.requestId === req.id)?.action;
      const trail = await new DynamoAuditLog(h.table).list({ since: new Date(0), limit: 100 });
      const expiredRecords = trail.items.filter(
        (r) => r.requestId === req.id && r.event === 'expired',
      );
      if (stored?.status === 'APPROVED') {
        expect(vote.ok).toBe(true);
        expect(swept === undefined || swept === 'lost-race').toBe(true);
        expect(executeJobs(h)).toHaveLength(1);
        expect(expiredRecords).toEqual([]);
      } else {
        expect(expiredRecords).toHaveLength(1);
        expect(stored?.status).toBe('EXPIRED');
        expect(vote.ok).toBe(false);
        expect(swept).toBe('expired');
        expect(executeJobs(h)).toEqual([]);
      }
    }
  });
});

describe('sweep: approved requests', () => {
  it('re-enqueues the execute job of one no worker started (same job id), once per two sweeps', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    const [first] = executeJobs(h);
    h.queued.length = 0;
    const now = minutesFromNow(11);

    const reports = await Promise.all([sweepOf(h)(now), sweepOf(h)(now)]);

    expect(reports.flatMap(actionsOf).filter((a) => a === 'requeued')).toHaveLength(1);
    expect(executeJobs(h).map((j) => j.id)).toEqual([first?.id]);
    expect((await h.store.get(approved.id))?.requeues).toBe(1);
    // Not again until another pickup time has passed.
    expect(actionsOf(await sweepOf(h)(minutesFromNow(15)))).toEqual([]);

    const before = h.emulator.mutations().length;
    const job = executeJobs(h)[0];
    if (!job) throw new Error('no job');
    await Promise.all([
      useCases(h).execute(job, contextOf(h)),
      useCases(h).execute(job, contextOf(h)),
    ]);
    expect(mutationsSince(before)).toHaveLength(1);
    expect((await h.store.get(approved.id))?.status).toBe('SUCCEEDED');
  });

  it('fails one never started after the last re-enqueue, saying nothing ran', async () => {
    const approved = await approvedRequest(h, 'space delete staging');

    const report = await sweepOf(h, { maxRequeues: 0 })(minutesFromNow(11));

    expect(actionsOf(report)).toEqual(['not-started']);
    const stored = await h.store.get(approved.id);
    expect(stored?.status).toBe('FAILED');
    expect(stored?.result).toMatchObject({ message: expect.stringMatching(/^Not run/) });
  });
});
