import { describe, expect, it } from 'vitest';
import { makeUndoApproval } from '../../src/app/approvals/undo-approval.ts';
import type { PrepareApprovalJob } from '../../src/domain/job.ts';
import {
  contextOf,
  type Harness,
  makePolicy,
  approveAndRun as runApproved,
  silentLog,
  stepsOf,
  useHarness,
  voter,
} from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const command =
  'space change-members staging --org "Acme ML" --admin bob@example.com --read-only dave@example.com --remove carol@example.com';

const approveAndRun = (text: string) => runApproved(h, text, { approver: 'U0APPR000' });

async function rolesIn(spaceId: string): Promise<Record<string, string>> {
  const page = await h.gateway.listSpaceMembers(spaceId, { limit: 100 });
  return Object.fromEntries(
    page.items
      .filter((m) => m.membership === 'EXPLICIT_MEMBERSHIP')
      .map((m) => [m.user.email, m.role]),
  );
}

describe('space change-members: one request for a space’s mixed changes', () => {
  it('plans every change pinned to ids, runs them once, and reads its post-state back', async () => {
    const done = await approveAndRun(command);
    const spaceId = String(done.args.space);

    expect(done.status).toBe('SUCCEEDED');
    expect(done.plan.effect).toMatch(/^Change 3 membership\(s\) of space staging/);
    expect(done.args).toEqual({
      space: spaceId,
      admin: [expect.stringMatching(/.+/)],
      'read-only': [expect.stringMatching(/.+/)],
      remove: [expect.stringMatching(/.+/)],
    });
    expect(await rolesIn(spaceId)).toEqual({
      'bob@example.com': 'ADMIN',
      'dave@example.com': 'READ_ONLY',
      'erin@example.com': 'ANNOTATOR',
    });
    const postState = stepsOf('space.change-members').postState;
    if (typeof postState !== 'function') throw new Error('no post-state check');
    expect(await postState(done.args, contextOf(h))).toBe('reached');
    await h.gateway.removeSpaceUser(spaceId, String((done.args.admin as string[])[0]));
    expect(await postState(done.args, contextOf(h))).toBe('not-reached');
  });

  it('is undone by the inverse change: old roles back, the added user removed', async () => {
    const done = await approveAndRun(command);
    const undo = makeUndoApproval({
      store: h.store,
      queue: { enqueue: async (job) => void h.queued.push(job) },
      policy: makePolicy(),
      clock: h.clock,
      log: silentLog,
    });
    const clicked = await undo({
      requestId: done.id,
      clicker: voter('U0CAROL01'),
      channelId: 'C0APPROVE1',
      responseUrl: 'http://localhost:9/response/undo',
    });
    expect(clicked.ok).toBe(true);
    const job = h.queued.find(
      (j): j is PrepareApprovalJob => j.kind === 'prepare-approval' && j.reason !== undefined,
    );
    expect(job).toMatchObject({
      operationId: 'space.change-members',
      args: {
        space: done.args.space,
        member: ['bob@example.com'],
        admin: ['carol@example.com'],
        remove: ['dave@example.com'],
      },
    });
  });
});
