import { describe, expect, it } from 'vitest';
import { renderApproval } from '../../src/adapters/slack/render-approval.ts';
import type { WindowView } from '../../src/app/modal-view.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import {
  contextOf,
  directory,
  executeJobs,
  type Harness,
  makePolicy,
  useHarness,
} from './approval-harness.ts';
import { revealCases, revealPolicy, scanTable, secretMutations } from './reveal-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const secretOf = (view: WindowView | undefined): string => {
  const value = view?.secret?.value;
  if (!value) throw new Error('no secret shown');
  return value;
};

const get = async (id: string): Promise<ApprovalRequest> => {
  const stored = await h.store.get(id);
  if (!stored) throw new Error('request gone');
  return stored;
};

describe('after approval, a secret operation waits for the requester’s Reveal click', () => {
  it('sends a DM with Reveal instead of creating the key, and keeps the request APPROVED', async () => {
    const flow = revealCases(h);
    const before = h.emulator.mutations().length;

    const approved = await flow.approved('key create ingest --space fraud-detection');

    expect(approved.status).toBe('APPROVED');
    expect(Date.parse(approved.revealBy ?? '') - h.clock.now().getTime()).toBe(30 * 60_000);
    expect(approved.revealMessage).toEqual({ channel: 'D0CAROL01', ts: '1700000100.000001' });
    expect(flow.reveals.offers.map((r) => r.id)).toEqual([approved.id]);
    expect(secretMutations(h, before)).toHaveLength(0);
    expect(JSON.stringify(flow.notifier.replies)).toContain(
      'I sent you a direct message with a Reveal button',
    );
    const drawn = h.renders.at(-1)?.request;
    expect(drawn?.revealBy).toBe(approved.revealBy);
    expect(JSON.stringify(renderApproval(approved))).toContain(
      'A direct message with a Reveal button was sent to the requester',
    );
  });

  it('a redelivered execute job sends no second DM and creates nothing', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create ingest --space fraud-detection');
    const job = executeJobs(h).find((j) => j.requestId === approved.id);
    if (!job) throw new Error('no job');

    await flow.execute(job, contextOf(h, 'U0CAROL01'));

    expect(flow.reveals.offers).toHaveLength(1);
    expect((await get(approved.id)).version).toBe(approved.version);
  });
});

describe('execute jobs delivered twice at once', () => {
  it('send one DM', async () => {
    const flow = revealCases(h);
    const { request: prepare, voter } = await import('./approval-harness.ts');
    const { revealPolicy } = await import('./reveal-harness.ts');
    const { request: prepared } = await prepare(
      h,
      'key create concurrent --space fraud-detection',
      revealPolicy(),
      'U0CAROL01',
    );
    await h.store.update(prepared.id, prepared.version, {
      status: 'APPROVED',
      approvals: [voter('U0BOB0001').userId],
    });
    const { executeJobFor } = await import('../../src/app/approvals/execute-job-for.ts');
    const job = executeJobFor(await get(prepared.id), h.clock.now());

    await Promise.all([
      flow.execute(job, contextOf(h, 'U0CAROL01')),
      flow.execute(job, contextOf(h, 'U0CAROL01')),
    ]);

    expect(flow.reveals.offers).toHaveLength(1);
    expect((await get(prepared.id)).revealMessage).toBeDefined();
  });
});

describe('the Reveal click and the worker', () => {
  it('opens the window at once, creates exactly one key, shows it once and stores no secret', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create ingest --space fraud-detection --expires 30d');
    const before = h.emulator.mutations().length;

    const clicked = await flow.click(approved.id);

    expect(clicked).toEqual({ ok: true, value: expect.stringContaining('Opening it now') });
    expect(flow.modals.opened).toHaveLength(1);
    expect(flow.modals.opened[0]?.view.secret).toBeUndefined();
    expect(JSON.stringify(flow.modals.opened[0]?.view)).toContain('Creating your API key');
    expect(secretMutations(h, before)).toHaveLength(0);
    const job = flow.jobs[0];
    expect(job).toMatchObject({
      id: `reveal-${approved.id}`,
      viewId: 'V1',
      requestId: approved.id,
    });

    await flow.runReveal(job as NonNullable<typeof job>);

    const created = secretMutations(h, before);
    expect(created.map((m) => m.operation)).toEqual(['createApiKey']);
    const shown = flow.modals.updates.at(-1);
    expect(shown?.viewId).toBe('V1');
    const secret = secretOf(shown?.view);
    expect(secret).toMatch(/^ak-/);
    expect(shown?.view.secret?.warning).toContain('arize-ops keeps no copy');
    expect(JSON.stringify(shown?.view.body)).not.toContain(secret);
    const done = await get(approved.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.revealedKeyId).toBe(created[0]?.resourceId);
    expect(done.revealDelivered).toBe(true);
    expect(JSON.stringify(done.result)).toContain('(shown once in a private window; not kept)');
    expect(flow.reveals.settled.map((s) => s.request.status)).toEqual(['SUCCEEDED']);
    expect(h.renders.at(-1)?.request.status).toBe('SUCCEEDED');

    expect(await scanTable(h)).not.toContain(secret);
    expect(flow.log.lines.join('\n')).not.toContain(secret);
    expect(JSON.stringify(flow.notifier.replies)).not.toContain(secret);
    expect(JSON.stringify(h.renders)).not.toContain(secret);
    expect(JSON.stringify(flow.reveals.settled)).not.toContain(secret);
    const keys = await h.gateway.listApiKeys({ spaceId: String(approved.args.space) });
    expect(keys.items.filter((k) => k.name === 'ingest').map((k) => k.status)).toEqual(['ACTIVE']);
  });

  it('a second click, a concurrent click and a redelivered job create no second key', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create twice --space fraud-detection');
    const before = h.emulator.mutations().length;

    const [first, second] = await Promise.all([flow.click(approved.id), flow.click(approved.id)]);

    const outcomes = [first, second].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['REVEAL.IN_PROGRESS', 'ok']);
    expect(flow.jobs).toHaveLength(1);
    const job = flow.jobs[0] as NonNullable<(typeof flow.jobs)[0]>;
    const loser = flow.modals.opened.find((o) => o.viewId !== job.viewId);
    if (loser) {
      expect(
        JSON.stringify(flow.modals.updates.find((u) => u.viewId === loser.viewId)?.view),
      ).toContain('being shown in another window');
    }

    await Promise.all([flow.runReveal(job), flow.runReveal(job)]);
    await flow.runReveal(job);
    await flow.runReveal({ ...job, viewId: 'V-forged' });
    const late = await flow.click(approved.id);

    expect(secretMutations(h, before)).toHaveLength(1);
    expect(flow.modals.updates.filter((u) => u.view.secret)).toHaveLength(1);
    expect(late).toMatchObject({ ok: false, error: { code: 'REVEAL.ALREADY_REVEALED' } });
    expect((await get(approved.id)).status).toBe('SUCCEEDED');
  });

  it.each([
    ['someone else', 'U0BOB0001', 'T0LOCAL01'],
    ['the requester’s id from another workspace', 'U0CAROL01', 'T0OTHER01'],
  ])('refuses a click by %s, opening nothing', async (_who, userId, teamId) => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create other --space fraud-detection');

    const clicked = await flow.click(approved.id, userId, teamId);

    expect(clicked).toMatchObject({ ok: false, error: { code: 'REVEAL.NOT_ALLOWED' } });
    expect(flow.modals.opened).toHaveLength(0);
    expect(flow.jobs).toHaveLength(0);
  });

  it('refuses a click after the reveal window closed, and an unknown request', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create late --space fraud-detection');
    h.clock.set(new Date(Date.parse(approved.revealBy ?? '') + 1));

    const clicked = await flow.click(approved.id);
    const unknown = await flow.click('R000000000000');

    expect(clicked).toMatchObject({ ok: false, error: { code: 'REVEAL.EXPIRED' } });
    expect(clicked.ok || clicked.error.message).toContain('nothing was created');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'REVEAL.NOT_FOUND' } });
    expect(flow.modals.opened).toHaveLength(0);
  });

  it('says so when Slack will not open the window (trigger too old) and lets the requester retry', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create retry --space fraud-detection');
    flow.modals.failOpen = true;

    const refused = await flow.click(approved.id);

    expect(refused).toMatchObject({ ok: false, error: { code: 'REVEAL.NOT_OPENED' } });
    expect((await get(approved.id)).revealViewId).toBeUndefined();
    flow.modals.failOpen = false;
    expect((await flow.click(approved.id)).ok).toBe(true);
    expect(flow.jobs).toHaveLength(1);
  });

  it('refuses a requester removed from the secret requesters since the approval, opening nothing', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create removed --space fraud-detection');
    const carolRemoved = makePolicy({
      requesters: { read: ['U0CAROL01'], write: ['U0CAROL01'], secret: ['U0ALICE01'] },
    });

    const result = await flow.startUnder(carolRemoved)({
      requestId: approved.id,
      clicker: { teamId: 'T0LOCAL01', userId: 'U0CAROL01' },
      triggerId: 'trigger.removed',
      responseUrl: 'http://localhost:9/response/dm',
    });

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'REVEAL.NOT_ALLOWED',
        message:
          'You may no longer ask for secrets under the current policy, so nothing was created.',
      },
    });
    expect(flow.modals.opened).toEqual([]);
    expect((await get(approved.id)).revealViewId).toBeUndefined();
  });

  it('gives the claim back when the job cannot be queued, so Reveal works again', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create queue --space fraud-detection');
    const { makeStartReveal } = await import('../../src/app/approvals/start-reveal.ts');
    const broken = makeStartReveal({
      store: h.store,
      audit: { append: async () => undefined, list: async () => ({ items: [] }) },
      queue: {
        enqueue: async () => {
          throw new Error('queue down');
        },
      },
      modals: flow.modals,
      clock: h.clock,
      log: flow.log,
      policy: revealPolicy(),
      directory,
    });

    await expect(
      broken({
        requestId: approved.id,
        clicker: { teamId: 'T0LOCAL01', userId: 'U0CAROL01' },
        triggerId: 'trigger.x',
        responseUrl: 'http://localhost:9/r',
      }),
    ).rejects.toThrow('queue down');

    expect(JSON.stringify(flow.modals.updates.at(-1)?.view)).toContain('nothing was created');
    expect((await flow.click(approved.id)).ok).toBe(true);
  });
});

describe('when the secret cannot be shown', () => {
  it('revokes the key just created and marks the request FAILED, saying so', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create lost --space fraud-detection');
    await flow.click(approved.id);
    flow.modals.failUpdate = true;
    const before = h.emulator.mutations().length;

    await flow.runReveal(flow.jobs[0] as NonNullable<(typeof flow.jobs)[0]>);

    const after = h.emulator
      .mutations()
      .slice(before)
      .map((m) => m.operation);
    expect(after).toEqual(['createApiKey', 'revokeApiKey']);
    const failed = await get(approved.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.result).toMatchObject({
      kind: 'error',
      message: expect.stringContaining(
        'so the key was revoked at once: it never worked for anyone',
      ),
    });
    const keys = await h.gateway.listApiKeys({
      spaceId: String(approved.args.space),
      status: 'REVOKED',
    });
    expect(keys.items.filter((k) => k.name === 'lost').map((k) => k.status)).toEqual(['REVOKED']);
    expect(flow.reveals.settled.at(-1)?.request.status).toBe('FAILED');
    expect(JSON.stringify(flow.notifier.replies.at(-1))).toContain('was revoked');
  });

  it('says plainly that the key is live when revoking it fails too', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create stuck --space fraud-detection');
    await flow.click(approved.id);
    flow.modals.failUpdate = true;
    h.emulator.setFaults({
      routes: [{ match: { operation: 'revokeApiKey' }, errorRate: 1, errorStatus: 500 }],
    });

    await flow.runReveal(flow.jobs[0] as NonNullable<(typeof flow.jobs)[0]>);

    const failed = await get(approved.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.result).toMatchObject({
      message: expect.stringContaining('revoking it failed: it is live'),
      hint: expect.stringContaining(`/arize key revoke ${failed.revealedKeyId}`),
    });
    expect(flow.log.lines.some((l) => l.includes('undelivered key not revoked'))).toBe(true);
  });

  it('key refresh: the new secret is shown once; undelivered, the key is revoked', async () => {
    const shown = revealCases(h);
    const approved = await shown.approved(
      'key refresh ci-pipeline --space production --org "Acme ML"',
    );
    await shown.click(approved.id);
    await shown.runReveal(shown.jobs[0] as NonNullable<(typeof shown.jobs)[0]>);
    const secret = secretOf(shown.modals.updates.at(-1)?.view);
    expect(secret).not.toBe('ak-svc-ci-pipeline-0001');
    expect((await get(approved.id)).status).toBe('SUCCEEDED');
    expect(await scanTable(h)).not.toContain(secret);

    const lost = revealCases(h);
    const again = await lost.approved(
      'key refresh model-monitor --space production --org "Acme ML"',
    );
    await lost.click(again.id);
    lost.modals.failUpdate = true;
    await lost.runReveal(lost.jobs[0] as NonNullable<(typeof lost.jobs)[0]>);
    expect((await get(again.id)).result).toMatchObject({
      message: expect.stringContaining('neither its old nor its new secret works now'),
    });
  });

  it('a temporary password is shown once; undelivered, the result says what state the user is in', async () => {
    const shown = revealCases(h);
    const approved = await shown.approved(
      'user invite jo@example.com --name "Jo Park" --mode password',
    );
    expect(approved.plan.notes.join(' ')).toContain(
      'created only when the requester clicks Reveal',
    );
    await shown.click(approved.id);
    await shown.runReveal(shown.jobs[0] as NonNullable<(typeof shown.jobs)[0]>);
    const password = secretOf(shown.modals.updates.at(-1)?.view);
    expect(shown.modals.updates.at(-1)?.view.secret?.label).toBe('Temporary password (shown once)');
    expect(await scanTable(h)).not.toContain(password);

    const lost = revealCases(h);
    const other = await lost.approved(
      'user invite kim@example.com --name "Kim Lee" --mode password',
    );
    await lost.click(other.id);
    lost.modals.failUpdate = true;
    const before = h.emulator.mutations().length;
    await lost.runReveal(lost.jobs[0] as NonNullable<(typeof lost.jobs)[0]>);
    expect(
      h.emulator
        .mutations()
        .slice(before)
        .map((m) => m.operation),
    ).toEqual(['createUser']);
    const failed = await get(other.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.result).toMatchObject({
      message: expect.stringContaining(
        'nobody knows it: the user exists and cannot sign in with it',
      ),
      hint: expect.stringContaining('/arize user reset-password kim@example.com'),
    });
  });
});

describe('when Arize refuses or there is no secret', () => {
  it('fails the request, says why in the window, and creates nothing when Arize refuses the key', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create refused --space fraud-detection');
    await flow.click(approved.id);
    h.emulator.setFaults({
      routes: [{ match: { operation: 'createApiKey' }, errorRate: 1, errorStatus: 500 }],
    });
    const before = h.emulator.mutations().length;

    await flow.runReveal(flow.jobs[0] as NonNullable<(typeof flow.jobs)[0]>);

    expect(secretMutations(h, before)).toHaveLength(0);
    const failed = await get(approved.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.revealedKeyId).toBeUndefined();
    const last = flow.modals.updates.at(-1);
    expect(last?.view.secret).toBeUndefined();
    expect(last?.view.body).toMatchObject({ kind: 'error' });
  });

  it('succeeds without a secret when the e-mail was already invited (no password was made)', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved(
      'user invite frank@example.com --name "Frank Invited" --mode password',
    );
    await flow.click(approved.id);

    await flow.runReveal(flow.jobs[0] as NonNullable<(typeof flow.jobs)[0]>);

    const done = await get(approved.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(flow.modals.updates.at(-1)?.view.secret).toBeUndefined();
    expect(JSON.stringify(flow.modals.updates.at(-1)?.view.body)).toContain('already invited');
  });
});

describe('what was approved is checked again at the click', () => {
  it('goes STALE and creates nothing when the space changed after approval', async () => {
    const flow = revealCases(h);
    const approved = await flow.approved('key create stale --space fraud-detection');
    await flow.click(approved.id);
    await h.gateway.updateSpace(String(approved.args.space), { name: 'fraud-renamed' });
    const before = h.emulator.mutations().length;

    await flow.runReveal(flow.jobs[0] as NonNullable<(typeof flow.jobs)[0]>);

    expect(secretMutations(h, before)).toHaveLength(0);
    const stale = await get(approved.id);
    expect(stale.status).toBe('STALE');
    expect(stale.staleReason).toContain('space.name: fraud-detection → fraud-renamed');
    expect(JSON.stringify(flow.modals.updates.at(-1)?.view)).toContain('Not run');
  });

  it('the plain execute path never runs a secret operation (no Reveal flow configured)', async () => {
    const { useCases } = await import('./approval-harness.ts');
    const { request: prepare, makePolicy, voter } = await import('./approval-harness.ts');
    const policy = makePolicy();
    const { request: prepared } = await prepare(
      h,
      'key create plain --space fraud-detection',
      policy,
    );
    const cases = useCases(h, policy);
    await cases.decide()({
      requestId: prepared.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    const before = h.emulator.mutations().length;
    const job = executeJobs(h).find((j) => j.requestId === prepared.id);

    await cases.execute(job as NonNullable<typeof job>, contextOf(h));

    expect(secretMutations(h, before)).toHaveLength(0);
    expect(await get(prepared.id)).toMatchObject({
      status: 'FAILED',
      result: { message: 'Not run: secret operations are delivered by the Reveal flow only.' },
    });
  });
});

describe('a reveal that stopped mid-way (for the sweep)', () => {
  it('revokes the key it created, fails the request, and a late worker does not overwrite that', async () => {
    const { makeRecoverReveal } = await import('../../src/app/approvals/recover-reveal.ts');
    const { DynamoAuditLog } = await import('../../src/adapters/dynamodb/dynamo-audit-log.ts');
    const { messengerOf } = await import('./approval-harness.ts');
    const flow = revealCases(h);
    const approved = await flow.approved('key create hung --space fraud-detection');
    await flow.click(approved.id);
    let release: () => void = () => undefined;
    flow.modals.update = () => new Promise<void>((resolve) => (release = resolve));
    const running = flow.runReveal(flow.jobs[0] as NonNullable<(typeof flow.jobs)[0]>);
    const deadline = Date.now() + 5000;
    while (!(await get(approved.id)).revealedKeyId && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const recover = makeRecoverReveal({
      store: h.store,
      audit: new DynamoAuditLog(h.table),
      messenger: messengerOf(h),
      gateway: h.gateway,
      clock: h.clock,
      log: flow.log,
    });

    const reply = await recover(approved.id);
    release();
    await running;

    const ended = await get(approved.id);
    expect(ended.status).toBe('FAILED');
    expect(reply).toMatchObject({ message: expect.stringContaining('so it was revoked') });
    const revoked = await h.gateway.listApiKeys({
      spaceId: String(approved.args.space),
      status: 'REVOKED',
    });
    expect(revoked.items.map((k) => k.id)).toContain(ended.revealedKeyId);
    expect(flow.reveals.settled).toEqual([]);
    expect(await recover(approved.id)).toBeUndefined();
  });

  it('says plainly what to check when it cannot tell what was made (a temporary password)', async () => {
    const { makeRecoverReveal } = await import('../../src/app/approvals/recover-reveal.ts');
    const { DynamoAuditLog } = await import('../../src/adapters/dynamodb/dynamo-audit-log.ts');
    const { messengerOf } = await import('./approval-harness.ts');
    const flow = revealCases(h);
    const approved = await flow.approved(
      'user invite lee@example.com --name "Lee Crash" --mode password',
    );
    await flow.click(approved.id);
    const clicked = await get(approved.id);
    await h.store.update(clicked.id, clicked.version, { status: 'EXECUTING' });
    const recover = makeRecoverReveal({
      store: h.store,
      audit: new DynamoAuditLog(h.table),
      messenger: messengerOf(h),
      gateway: h.gateway,
      clock: h.clock,
      log: flow.log,
    });

    expect(await recover(approved.id)).toMatchObject({
      message: expect.stringContaining('cannot tell whether the secret was created'),
    });
    expect((await get(approved.id)).status).toBe('FAILED');
  });
});
