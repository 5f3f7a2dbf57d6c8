import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_API_KEY } from '../../src/local/arize-emulator/index.ts';
import { buttonValues, type Posted, startReviewHarness, textOf } from './review-harness.ts';

let h: Awaited<ReturnType<typeof startReviewHarness>>;
const scheduledTime = new Date(Date.now() - 3_600_000).toISOString();

beforeAll(async () => {
  h = await startReviewHarness();
});
afterAll(async () => h?.harness.close());

const messages = () => h.harness.slack.standin.messages();
/** The reviewer's message of the review of `space` (its header names the scope). */
const reviewMessage = (userId: string, scope: string): Posted => {
  const found = messages().find(
    (m) => dmOf(m) === userId && textOf(m).includes(`Access review: ${scope}`),
  );
  if (!found) throw new Error(`no review message of ${scope} for ${userId}`);
  return found;
};
const dms = new Map<string, string>();
const dmOf = (m: Posted) => dms.get(`${m.channel} ${m.ts}`);
/** The button value of `actionId` on the row of `email`. */
const valueFor = (message: Posted, actionId: string, email: string) => {
  const blocks = message.blocks as Array<{ type: string; text?: { text: string } }>;
  const row = blocks.findIndex((b) => b.type === 'section' && b.text?.text.includes(`(${email})`));
  const [value] = buttonValues({ ...message, blocks: [blocks[row + 1]] }, actionId);
  if (!value) throw new Error(`no ${actionId} for ${email}`);
  return value;
};
const fresh = (message: Posted) =>
  messages().find((m) => m.channel === message.channel && m.ts === message.ts) ?? message;

async function spaceId(org: string, space: string) {
  const headers = { authorization: `Bearer ${DEMO_ADMIN_API_KEY}` };
  const orgs = (await (
    await fetch(`${h.harness.emulator.url}/v2/organizations`, { headers })
  ).json()) as {
    organizations: Array<{ id: string; name: string }>;
  };
  const orgId = orgs.organizations.find((o) => o.name === org)?.id ?? '';
  const spaces = (await (
    await fetch(`${h.harness.emulator.url}/v2/spaces?organization_id=${orgId}`, { headers })
  ).json()) as { spaces: Array<{ id: string; name: string }> };
  return spaces.spaces.find((s) => s.name === space)?.id ?? '';
}

describe('the access review (job access-review, clicks through the signed slack function)', () => {
  it('opens one review per space, tells the approvals channel, and sends each reviewer their members once', async () => {
    const before = messages().length;
    const first = await h.runJob(scheduledTime);
    const retried = await h.runJob(scheduledTime);

    expect(first).toMatchObject({ state: 'finished', actions: { opened: 5 } });
    expect(retried.state).toBe('already-finished');
    const posted = messages().slice(before);
    const opened = posted.filter((m) => m.channel === 'C0APPROVE1');
    expect(opened).toHaveLength(5);
    expect(textOf(opened[0])).toContain('Members to review');
    const reviews = await h.reviews.listOpen();
    expect(reviews).toHaveLength(5);
    for (const review of reviews) {
      for (const [reviewer, message] of Object.entries(review.messages)) {
        dms.set(`${message.channel} ${message.ts}`, reviewer);
      }
    }
    const production = reviews.find(
      (r) => r.scope.spaceName === 'production' && r.scope.orgName === 'Acme ML',
    );
    // Bob is the space's admin, Alice the organization's; the bot's own admin is not in Slack.
    expect(production?.reviewers.sort()).toEqual(['U0ALICE01', 'U0BOB0001']);
    expect(posted.filter((m) => m.channel !== 'C0APPROVE1')).toHaveLength(
      reviews.reduce((n, r) => n + r.reviewers.length, 0),
    );
    const bobs = reviewMessage('U0BOB0001', 'Acme ML / production');
    expect(textOf(bobs)).toContain('carol@example.com');
    expect(buttonValues(bobs, 'review-keep').length).toBeGreaterThan(2);
    expect(bobs.blocks.length).toBeLessThanOrEqual(50);
  });

  it('refuses a click from someone who is not a reviewer, and records nothing', async () => {
    const bobs = reviewMessage('U0BOB0001', 'Acme ML / production');
    const answer = await h.click(
      bobs,
      'review-keep',
      'U0DAVE001',
      valueFor(bobs, 'review-keep', 'carol@example.com'),
    );

    expect(textOf(answer)).toContain('Only the reviewers');
    const members = await h.reviews.members(
      /^(AR\w+)\|/.exec(valueFor(bobs, 'review-keep', 'carol@example.com'))?.[1] ?? '',
    );
    expect(members.every((m) => m.decision === undefined)).toBe(true);
  });

  it('records Keep once, audits it, and redraws every reviewer message with who decided', async () => {
    const bobs = reviewMessage('U0BOB0001', 'Acme ML / production');
    const alices = reviewMessage('U0ALICE01', 'Acme ML / production');
    const value = valueFor(bobs, 'review-keep', 'carol@example.com');

    const answer = await h.click(bobs, 'review-keep', 'U0BOB0001', value);
    const again = await h.click(
      alices,
      'review-remove',
      'U0ALICE01',
      valueFor(alices, 'review-remove', 'carol@example.com'),
    );

    expect(textOf(answer)).toContain('Kept carol@example.com in production');
    expect(textOf(again)).toContain('was decided already: keep by U0BOB0001');
    expect(textOf(fresh(alices))).toContain('Kept by <@U0BOB0001>');
    expect(buttonValues(fresh(alices), 'review-keep')).not.toContain(value);
    const reviewId = value.split('|')[0] ?? '';
    const audit = await h.audit.list({ since: new Date(Date.now() - 60_000) });
    expect(audit.items.filter((r) => r.requestId === reviewId)).toEqual([
      expect.objectContaining({
        event: 'review-decision',
        actor: 'U0BOB0001',
        detail: expect.objectContaining({ decision: 'keep', email: 'carol@example.com' }),
      }),
    ]);
    expect(h.jobs).toHaveLength(0);
    const listed = await h.command('audit --since 1d', 'U0ALICE01');
    expect(textOf(listed)).toContain(`review-decision · request ${reviewId}`);
    expect(textOf(listed)).toContain('carol@example.com');
  });

  it('records nothing when the removal request cannot be queued, and says to click again', async () => {
    const bobs = reviewMessage('U0BOB0001', 'Acme ML / production');
    const value = valueFor(bobs, 'review-remove', 'dave@example.com');
    const reviewId = value.split('|')[0] ?? '';
    h.queue.down = true;
    try {
      const answer = await h.click(bobs, 'review-remove', 'U0BOB0001', value);
      expect(textOf(answer)).toContain(
        'The removal request for dave@example.com in production could not be filed, so nothing was recorded: click Remove again.',
      );
    } finally {
      h.queue.down = false;
    }
    expect(h.jobs).toHaveLength(0);
    const dave = (await h.reviews.members(reviewId)).find((m) => m.email === 'dave@example.com');
    expect(dave?.decision).toBeUndefined();
    expect(dave?.requestId).toBeUndefined();
    const audit = await h.audit.list({ since: new Date(Date.now() - 60_000) });
    expect(
      audit.items.filter((r) => r.requestId === reviewId && r.detail?.email === 'dave@example.com'),
    ).toEqual([]);
    expect(buttonValues(fresh(bobs), 'review-remove')).toContain(value);
  });

  it('files an ordinary removal request with the reviewer as requester, even when the member was removed by hand first', async () => {
    const bobs = reviewMessage('U0BOB0001', 'Acme ML / production');
    const value = valueFor(bobs, 'review-remove', 'dave@example.com');
    const space = await spaceId('Acme ML', 'production');
    const members = await h.reviews.members(value.split('|')[0] ?? '');
    const dave = members.find((m) => m.email === 'dave@example.com');
    const removed = await fetch(
      `${h.harness.emulator.url}/v2/spaces/${space}/users/${dave?.userId}`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${DEMO_ADMIN_API_KEY}` },
      },
    );
    expect(removed.status).toBe(204);

    const answer = await h.click(bobs, 'review-remove', 'U0BOB0001', value);

    expect(textOf(answer)).toContain('Removal of dave@example.com from production asked');
    expect(h.jobs).toEqual([
      expect.objectContaining({
        kind: 'prepare-approval',
        operationId: 'space.remove-user',
        args: { users: ['dave@example.com'], space: [space] },
        requester: { teamId: 'T0LOCAL01', userId: 'U0BOB0001' },
      }),
    ]);
    const after = await h.reviews.members(value.split('|')[0] ?? '');
    expect(after.find((m) => m.email === 'dave@example.com')).toMatchObject({
      decision: 'remove',
      decidedBy: 'U0BOB0001',
      requestId: (h.jobs[0] as { requestId: string }).requestId,
    });
    expect(textOf(fresh(bobs))).toContain('Remove asked by <@U0BOB0001>');
  });

  it('prepares that request through the worker: its plan says the member is gone, and once approved it says nothing was removed', async () => {
    const [prepare] = h.jobs;
    if (prepare?.kind !== 'prepare-approval') throw new Error('no removal request was filed');

    await h.work(prepare);
    const approval = () =>
      messages().find((m) => m.channel === 'C0APPROVE1' && textOf(m).includes(prepare.requestId));
    const posted = approval();
    if (!posted) throw new Error('the removal request was not posted');
    expect(textOf(posted)).toContain('current roles in production');
    expect(textOf(posted)).toContain('none');
    expect(textOf(posted)).toContain('Access review');
    const approved = await h.click(posted, 'approval-approve', 'U0ALICE01', prepare.requestId);
    const execute = h.jobs.find((j) => j.kind === 'execute-approval');
    if (!execute) throw new Error(`no execution was queued: ${textOf(approved)}`);
    await h.work(execute);

    expect(textOf(approval())).toContain('Succeeded');
    expect(textOf(approval())).toContain('nothing was removed: none of the users was a member');
    const reviewId = /Access review (AR[0-9A-F]{10})/.exec(textOf(posted))?.[1] ?? '';
    const member = (await h.reviews.members(reviewId)).find((m) => m.email === 'dave@example.com');
    expect(member).toMatchObject({ decision: 'remove', requestId: prepare.requestId });
  });

  it('keeps every undecided member of the page with Keep all, and offers no Remove for implicit admins', async () => {
    const alices = fresh(reviewMessage('U0ALICE01', 'Acme ML / production'));
    const [keepAll] = buttonValues(alices, 'review-keep-all');
    const members = await h.reviews.members(keepAll?.split('|')[0] ?? '');
    const implicit = members.filter((m) => m.membership !== 'EXPLICIT_MEMBERSHIP');
    expect(implicit.length).toBeGreaterThan(0);
    expect(textOf(alices)).not.toContain(
      `review-remove","value":"${keepAll}|${implicit[0]?.index}"`,
    );

    const answer = await h.click(alices, 'review-keep-all', 'U0ALICE01', keepAll ?? '');

    const after = await h.reviews.members(keepAll?.split('|')[0] ?? '');
    expect(textOf(answer)).toContain(`Kept ${members.filter((m) => !m.decision).length} member(s)`);
    expect(after.every((m) => m.decision !== undefined)).toBe(true);
    expect(
      after.filter((m) => m.decidedBy === 'U0ALICE01').every((m) => m.decision === 'keep'),
    ).toBe(true);
    expect(buttonValues(fresh(alices), 'review-keep-all')).toEqual([]);
  });
});
