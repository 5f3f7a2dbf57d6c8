import { describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { makeApproveClick } from '../../src/app/approvals/approve-click.ts';
import { makeDecideApproval } from '../../src/app/approvals/decide-approval.ts';
import { makeSubmitConfirmation } from '../../src/app/approvals/submit-confirmation.ts';
import type { ModalPresenter, ModalView } from '../../src/app/ports.ts';
import {
  contextOf,
  directory,
  executeJobs,
  groupsOf,
  type Harness,
  makePolicy,
  messengerOf,
  request,
  silentLog,
  useCases,
  useHarness,
  voter,
} from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

/** The repo policy's shape: org delete needs two approvals. */
const policy = makePolicy({ operations: { 'org.delete': { quorum: 2 } } });

/** A hand-written ModalPresenter that records what it was asked to open. */
function recordingModals(options: { fail?: boolean } = {}) {
  const opened: { triggerId: string; view: ModalView }[] = [];
  const modals: ModalPresenter = {
    open: async (triggerId, view) => {
      if (options.fail) throw new Error('expired_trigger_id');
      opened.push({ triggerId, view });
      return { viewId: `V${opened.length}` };
    },
    update: async () => undefined,
  };
  return { modals, opened };
}

function confirmFlow(modals: ModalPresenter, decidePolicy = policy) {
  const deps = {
    store: h.store,
    audit: new DynamoAuditLog(h.table),
    messenger: messengerOf(h),
    clock: h.clock,
    log: silentLog,
    queue: { enqueue: async (job: Parameters<typeof h.queued.push>[0]) => void h.queued.push(job) },
    policy: decidePolicy,
    directory,
    groups: groupsOf(h),
  };
  return {
    click: makeApproveClick({ ...deps, modals }),
    submit: makeSubmitConfirmation(deps),
    decide: makeDecideApproval(deps),
  };
}

const orgDeletes = (h: Harness, before: number) =>
  h.emulator
    .mutations()
    .slice(before)
    .filter((m) => m.method === 'DELETE' && m.path.includes('/organizations/'));

describe('org delete with a typed confirmation, on dynalite and the Arize emulator', () => {
  it('runs exactly once after two typed confirmations (quorum 2), despite redelivered jobs', async () => {
    const { request: req } = await request(h, 'org delete "Research Lab"', policy);
    const { modals, opened } = recordingModals();
    const flow = confirmFlow(modals);

    const clicks = [];
    const answers = [];
    for (const approver of ['U0BOB0001', 'U0APPR004']) {
      clicks.push(
        await flow.click({ requestId: req.id, voter: voter(approver), triggerId: `t.${approver}` }),
      );
      answers.push(
        await flow.submit({ requestId: req.id, voter: voter(approver), typed: 'Research Lab' }),
      );
    }
    const jobs = executeJobs(h);
    const before = h.emulator.mutations().length;
    const execute = useCases(h, policy).execute;
    await Promise.all([...jobs, ...jobs, ...jobs].map((job) => execute(job, contextOf(h))));

    expect(clicks).toEqual([
      { ok: true, value: { kind: 'confirming' } },
      { ok: true, value: { kind: 'confirming' } },
    ]);
    expect(opened.map((o) => o.view)).toEqual([
      expect.objectContaining({
        kind: 'typed-confirmation',
        requestId: req.id,
        approvals: { count: 0, quorum: 2 },
        confirmation: { label: 'organization name', expected: 'Research Lab' },
      }),
      expect.objectContaining({ approvals: { count: 1, quorum: 2 } }),
    ]);
    expect(answers).toEqual([
      { kind: 'notice', title: 'Approval recorded', text: 'Your approval counts: 1 of 2.' },
      {
        kind: 'notice',
        title: 'Approval recorded',
        text: 'Approved: it runs now. The result appears on the request.',
      },
    ]);
    expect(jobs).toHaveLength(1);
    expect(orgDeletes(h, before)).toHaveLength(1);
    expect(h.emulator.mutations().slice(before)).toHaveLength(1);
    expect((await h.store.get(req.id))?.status).toBe('SUCCEEDED');
    await expect(h.gateway.getOrganization(String(req.args.org))).rejects.toThrow();
  });

  it('runs once when both approvers submit at the same moment', async () => {
    const { request: req } = await request(h, 'org delete "Research Lab"', policy);
    const flow = confirmFlow(recordingModals().modals);

    await Promise.all(
      ['U0BOB0001', 'U0APPR005', 'U0APPR006'].map((id) =>
        flow.submit({ requestId: req.id, voter: voter(id), typed: 'Research Lab' }),
      ),
    );
    const before = h.emulator.mutations().length;
    for (const job of executeJobs(h)) await useCases(h, policy).execute(job, contextOf(h));

    expect(executeJobs(h)).toHaveLength(1);
    expect(orgDeletes(h, before)).toHaveLength(1);
    expect((await h.store.get(req.id))?.approvals).toHaveLength(2);
  });

  it('counts one person once, even with two typed confirmations at once', async () => {
    const { request: req } = await request(h, 'org delete "Research Lab"', policy);
    const flow = confirmFlow(recordingModals().modals);

    const answers = await Promise.all(
      [1, 2].map(() =>
        flow.submit({ requestId: req.id, voter: voter('U0BOB0001'), typed: 'Research Lab' }),
      ),
    );

    expect(
      answers.filter((a) => a.kind === 'notice' && a.title === 'Approval recorded'),
    ).toHaveLength(1);
    expect((await h.store.get(req.id))?.approvals).toEqual(['U0BOB0001']);
    expect(executeJobs(h)).toHaveLength(0);
  });

  it('refuses an Approve without the typed name (a crafted click on the plain decide path)', async () => {
    const { request: req } = await request(h, 'org delete "Research Lab"', policy);
    const flow = confirmFlow(recordingModals().modals);

    const result = await flow.decide({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'APPROVAL.NEEDS_CONFIRMATION' } });
    expect((await h.store.get(req.id))?.approvals).toEqual([]);
  });

  it('lets an approver reject without typing the name', async () => {
    const { request: req } = await request(h, 'org delete "Research Lab"', policy);
    const flow = confirmFlow(recordingModals().modals);

    const result = await flow.decide({
      requestId: req.id,
      decision: 'reject',
      voter: voter('U0BOB0001'),
    });

    expect(result.ok).toBe(true);
    expect((await h.store.get(req.id))?.status).toBe('REJECTED');
  });

  it('keeps the modal open on a wrong name, recording no vote and no audit record', async () => {
    const { request: req } = await request(h, 'org delete "Research Lab"', policy);
    const flow = confirmFlow(recordingModals().modals);

    const answer = await flow.submit({
      requestId: req.id,
      voter: voter('U0BOB0001'),
      typed: 'Acme ML',
    });
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const { Items } = await h.table.client.send(
      new QueryCommand({
        TableName: h.table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `audit#${req.id}` },
      }),
    );

    expect(answer).toEqual({
      kind: 'retype',
      message: 'That is not the organization name: type “Research Lab” exactly.',
    });
    expect((Items ?? []).map((i) => i.event)).toEqual(['requested']);
  });

  it('opens no modal for a refused clicker, and marks an expired request EXPIRED', async () => {
    const { request: req } = await request(h, 'org delete "Research Lab"', policy, 'U0CAROL01');
    const { modals, opened } = recordingModals();
    const flow = confirmFlow(modals);

    const bySelf = await flow.click({
      requestId: req.id,
      voter: voter('U0CAROL01'),
      triggerId: 't1',
    });
    h.clock.set(new Date(Date.parse(req.expiresAt)));
    const late = await flow.click({
      requestId: req.id,
      voter: voter('U0BOB0001'),
      triggerId: 't2',
    });

    expect(bySelf).toMatchObject({ ok: false, error: { code: 'APPROVAL.NOT_ALLOWED' } });
    expect(late).toMatchObject({ ok: false, error: { code: 'APPROVAL.EXPIRED' } });
    expect(opened).toEqual([]);
    expect((await h.store.get(req.id))?.status).toBe('EXPIRED');
    expect(h.renders.at(-1)?.request.status).toBe('EXPIRED');
  });

  it('says so when Slack cannot open the modal, recording nothing', async () => {
    const { request: req } = await request(h, 'org delete "Research Lab"', policy);
    const flow = confirmFlow(recordingModals({ fail: true }).modals);

    const result = await flow.click({
      requestId: req.id,
      voter: voter('U0BOB0001'),
      triggerId: 't',
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'APPROVAL.MODAL_FAILED' } });
    expect((await h.store.get(req.id))?.approvals).toEqual([]);
  });

  it('refuses a click whose value is no request id without reading the store', async () => {
    const result = await confirmFlow(recordingModals().modals).click({
      requestId: 'x'.repeat(2000),
      voter: voter('U0BOB0001'),
      triggerId: 't',
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'APPROVAL.NOT_FOUND' } });
  });

  it('votes at once on Approve for a plan that asks for no typed confirmation', async () => {
    const { request: req } = await request(h, 'space delete staging', policy);
    const { modals, opened } = recordingModals();

    const result = await confirmFlow(modals).click({
      requestId: req.id,
      voter: voter('U0BOB0001'),
      triggerId: 't',
    });

    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'voted',
        message: 'Approved: it runs now. The result appears on the request.',
      },
    });
    expect(opened).toEqual([]);
  });
});
