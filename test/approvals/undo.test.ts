import { describe, expect, it } from 'vitest';
import { makeUndoApproval, undoJobIdFor } from '../../src/app/approvals/undo-approval.ts';
import type { PrepareApprovalJob } from '../../src/domain/job.ts';
import {
  contextOf,
  executeJobs,
  type Harness,
  makePolicy,
  request,
  approveAndRun as runApproved,
  silentLog,
  TEAM,
  useCases,
  useHarness,
  voter,
} from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const undo = (policy = makePolicy()) =>
  makeUndoApproval({
    store: h.store,
    queue: { enqueue: async (job) => void h.queued.push(job) },
    policy,
    clock: h.clock,
    log: silentLog,
  });

const click = (requestId: string, userId = 'U0ALICE01') => ({
  requestId,
  clicker: voter(userId),
  channelId: 'C0APPROVE1',
  responseUrl: 'http://localhost:9/response/undo',
});

const approveAndRun = (text: string, requester = 'U0ALICE01') =>
  runApproved(h, text, { requester });

async function roleOf(spaceId: string, userId: string): Promise<string | undefined> {
  const page = await h.gateway.listSpaceMembers(spaceId, { limit: 100 });
  return page.items.find((m) => m.user.id === userId && m.membership === 'EXPLICIT_MEMBERSHIP')
    ?.role;
}

describe('Undo on dynalite and the Arize emulator', () => {
  it('puts a removed member back with the same role, through its own approval', async () => {
    const removal = await approveAndRun(
      'space remove-user dave@example.com --space production --org "Acme ML"',
    );
    const [spaceId] = removal.args.space as string[];
    const [daveId] = removal.args.users as string[];
    const roles = removal.plan.projection.roles as { roles: { userId: string; role: string }[] }[];
    const before = roles[0]?.roles.find((m) => m.userId === daveId)?.role;
    expect(removal.status).toBe('SUCCEEDED');
    expect(before).toBeDefined();
    expect(await roleOf(spaceId as string, daveId as string)).toBeUndefined();

    const clicked = await undo()(click(removal.id as string, 'U0CAROL01'));
    const again = await undo()(click(removal.id as string, 'U0CAROL01'));
    const undoJobs = h.queued.filter((j): j is PrepareApprovalJob => j.kind === 'prepare-approval');
    expect(clicked.ok && clicked.value).toContain(`to undo ${removal.id}`);
    expect(again).toEqual(clicked);
    expect(new Set(undoJobs.map((j) => j.id)).size).toBe(1);
    const [job] = undoJobs;
    if (!job) throw new Error('no undo job');
    expect(job).toMatchObject({
      operationId: 'space.add-user',
      reason: `Undo of ${removal.id}`,
      requester: { teamId: TEAM, userId: 'U0CAROL01' },
      replyAsNew: true,
      args: { users: ['dave@example.com'], space: [spaceId], role: before },
    });

    await useCases(h).prepare(job, contextOf(h, 'U0CAROL01'));
    await useCases(h).prepare(job, contextOf(h, 'U0CAROL01'));
    const undoRequest = await h.store.get(job.requestId);
    expect(undoRequest?.status).toBe('PENDING');
    expect(undoRequest?.reason).toBe(`Undo of ${removal.id}`);
    expect(undoRequest?.args.users).toEqual([daveId]);
    expect(
      h.renders.filter((r) => r.kind === 'post' && r.request.id === job.requestId),
    ).toHaveLength(1);
    const mutationsBefore = h.emulator.mutations().length;
    await useCases(h).decide()({
      requestId: job.requestId,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    const executeJob = executeJobs(h).find((j) => j.requestId === job.requestId);
    if (!executeJob) throw new Error('undo not approved');
    await useCases(h).execute(executeJob, contextOf(h, 'U0CAROL01'));

    expect((await h.store.get(job.requestId))?.status).toBe('SUCCEEDED');
    expect(await roleOf(spaceId as string, daveId as string)).toBe(before);
    const mutations = h.emulator.mutations().slice(mutationsBefore);
    expect(mutations).toHaveLength(1);
    expect(mutations[0]?.method).not.toBe('DELETE');
  });

  it('refuses a requester the current policy does not allow, and starts nothing', async () => {
    const removal = await approveAndRun(
      'space remove-user dave@example.com --space production --org "Acme ML"',
    );
    h.queued.length = 0;

    const result = await undo()(click(removal.id as string, 'U0DAVE001'));

    expect(!result.ok && result.error.code).toBe('UNDO.NOT_ALLOWED');
    expect(h.queued).toEqual([]);
  });

  it('refuses an irreversible change with the reason the message shows', async () => {
    const deleted = await approveAndRun('space delete staging');

    const result = await undo()(click(deleted.id as string));

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'UNDO.NOT_POSSIBLE',
        message: `${deleted.id} cannot be undone: a deleted space cannot be restored: its models, monitors and dashboards are gone.`,
      },
    });
  });

  it('refuses a request that has not succeeded, and an unknown one', async () => {
    const { request: pending } = await request(h, 'space delete staging');

    const notRun = await undo()(click(pending.id));
    const unknown = await undo()(click('R000000000000'));

    expect(!notRun.ok && notRun.error.code).toBe('UNDO.NOT_SUCCEEDED');
    expect(!unknown.ok && unknown.error.code).toBe('UNDO.NOT_FOUND');
  });

  it('gives each clicker their own request id', () => {
    expect(undoJobIdFor('R1', voter('U0ALICE01'))).not.toBe(undoJobIdFor('R1', voter('U0CAROL01')));
    expect(undoJobIdFor('R1', voter('U0ALICE01'))).toBe(undoJobIdFor('R1', voter('U0ALICE01')));
  });
});
