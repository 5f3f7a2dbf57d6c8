import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduledHandler } from '../../functions/scheduled.ts';
import { parseCsv } from '../../src/domain/csv.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { DEMO_ADMIN_API_KEY } from '../../src/local/arize-emulator/index.ts';
import { buttonValues, type Posted, startReviewHarness, textOf } from './review-harness.ts';

let h: Awaited<ReturnType<typeof startReviewHarness>>;
const dayMs = 86_400_000;
const opened = new Date(Date.now() - 3_600_000);
const deadline = new Date(opened.getTime() + 14 * dayMs);
const hostile = '=HYPERLINK("http://evil.example","x") <!channel> *bold*';

const follow = (at: Date) =>
  createScheduledHandler(h.harness.deps)(
    { job: 'access-review-deadlines', scheduledTime: at.toISOString(), continuation: 0 },
    localLambdaContext('arize-ops-scheduled', 60_000),
  );
const messages = () => h.harness.slack.standin.messages();
const files = () => h.harness.slack.standin.files();

async function arize(path: string, body?: unknown) {
  const response = await fetch(`${h.harness.emulator.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${DEMO_ADMIN_API_KEY}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, Array<{ id: string; name: string }>>;
}

/** Mallory, whose Arize name is a formula and Slack markup, joins Acme ML / staging. */
async function addHostileMember() {
  const member = { type: 'PREDEFINED', name: 'MEMBER' };
  const created = (await arize('/v2/users', {
    name: hostile,
    email: 'mallory@example.com',
    role: member,
    invite_mode: 'NONE',
  })) as unknown as { id: string };
  const org = (await arize('/v2/organizations')).organizations?.find((o) => o.name === 'Acme ML');
  const space = (await arize(`/v2/spaces?organization_id=${org?.id}`)).spaces?.find(
    (s) => s.name === 'staging',
  );
  await arize(`/v2/organizations/${org?.id}/users`, { user_id: created.id, role: member });
  await arize(`/v2/spaces/${space?.id}/users`, { user_id: created.id, role: member });
}

beforeAll(async () => {
  h = await startReviewHarness();
  await addHostileMember();
  const run = await h.runJob(opened.toISOString());
  if (run.state !== 'finished') throw new Error(`the review did not open: ${run.state}`);
});
afterAll(async () => h?.harness.close());

let stagingId = '';
const stagingReview = async () => {
  const review = stagingId
    ? await h.reviews.get(stagingId)
    : (await h.reviews.listOpen()).find((r) => r.scope.spaceName === 'staging');
  if (!review) throw new Error('no staging review');
  stagingId = review.id;
  return review;
};
const carolsMessage = async (): Promise<Posted> => {
  const ref = (await stagingReview()).messages.U0CAROL01;
  const found = messages().find((m) => m.channel === ref?.channel && m.ts === ref?.ts);
  if (!found) throw new Error('no message for carol');
  return found;
};

describe('access review follow-up (job access-review-deadlines)', () => {
  it('shows hostile names as inert text in the reviewer message, before and after a decision', async () => {
    const message = await carolsMessage();
    const blocks = message.blocks as Array<{ type: string; text?: { type: string; text: string } }>;
    const row = blocks.find((b) => b.text?.text.includes('mallory@example.com'));
    expect(row?.text?.type).toBe('plain_text');
    const value = buttonValues(
      { ...message, blocks: [blocks[blocks.indexOf(row ?? { type: '' }) + 1]] },
      'review-keep',
    )[0];

    await h.click(message, 'review-keep', 'U0CAROL01', value ?? '');

    const redrawn = messages().find((m) => m.ts === message.ts && m.channel === message.channel);
    expect(textOf(redrawn)).toContain('&lt;!channel&gt;');
    expect(textOf(redrawn)).not.toContain('<!channel>');
  });

  it('reminds reviewers with members left once per reminder day, however often it runs', async () => {
    const dmsBefore = messages().filter((m) => m.text.startsWith('Reminder')).length;
    const early = await follow(new Date(deadline.getTime() - 8 * dayMs));
    const first = await follow(new Date(deadline.getTime() - 7 * dayMs + 60_000));
    const retried = await follow(new Date(deadline.getTime() - 7 * dayMs + 60_000));
    const nextDay = await follow(new Date(deadline.getTime() - 6 * dayMs));
    const lastDay = await follow(new Date(deadline.getTime() - dayMs + 60_000));

    const reminders = messages()
      .filter((m) => m.text.startsWith('Reminder'))
      .slice(dmsBefore);
    const reviews = await h.reviews.listOpen();
    const reviewerCount = reviews.reduce((n, r) => n + r.reviewers.length, 0);
    expect(early.actions.reminded ?? 0).toBe(0);
    expect(first.actions.reminded).toBe(reviews.length);
    expect(retried.state).toBe('already-finished');
    expect(nextDay.actions.reminded ?? 0).toBe(0);
    expect(lastDay.actions.reminded).toBe(reviews.length);
    expect(reminders).toHaveLength(2 * reviewerCount);
    expect(reminders[0]?.text).toContain('nobody reviewed yet');
  });

  it('at the deadline reports what nobody reviewed and posts the finished review as a CSV in its thread, once', async () => {
    const review = await stagingReview();
    const filesBefore = files().length;
    const messagesBefore = messages().length;

    const closed = await follow(new Date(deadline.getTime() + 60_000));
    const retried = await follow(new Date(deadline.getTime() + 60_000));
    const later = await follow(new Date(deadline.getTime() + dayMs));

    expect(closed.actions.closed).toBe(5);
    expect(retried.state).toBe('already-finished');
    expect(later.actions.closed ?? 0).toBe(0);
    expect(await h.reviews.listOpen()).toEqual([]);
    const csvs = files().slice(filesBefore);
    expect(csvs).toHaveLength(5);
    const csv = csvs.find((f) => f.filename.startsWith(`access-review-${review.id}`));
    expect(csv).toMatchObject({ channel: 'C0APPROVE1', threadTs: review.thread?.ts });
    const rows = parseCsv(csv?.content ?? '');
    expect(rows[1]).toEqual([
      'space',
      'name',
      'email',
      'role',
      'access',
      'decision',
      'decided by',
      'decided at',
      'removal request',
      'space id',
      'user id',
    ]);
    const mallory = rows.find((r) => r[2] === 'mallory@example.com');
    expect(mallory?.[1]).toBe(`'${hostile}`);
    expect(mallory?.slice(3, 7)).toEqual(['MEMBER', 'member', 'keep', 'U0CAROL01']);
    expect(rows.find((r) => r[2] === 'bob@example.com')?.[5]).toBe('not reviewed');
    const report = messages()
      .slice(messagesBefore)
      .find(
        (m) =>
          m.channel === 'C0APPROVE1' &&
          textOf(m).includes(`${review.id} of Acme ML / staging is over`),
      );
    expect(textOf(report)).toContain('not reviewed');
    expect(textOf(report)).toContain('bob@example.com');
    expect(textOf(report)).not.toContain('mallory@example.com');
  });

  it('refuses decisions once the review is closed, and its messages keep no buttons', async () => {
    const review = await h.reviews.get(stagingId);
    const ref = review?.messages.U0CAROL01;
    const message = messages().find((m) => m.channel === ref?.channel && m.ts === ref?.ts);
    if (!message) throw new Error('no message for carol');
    const members = await h.reviews.members(stagingId);
    const bob = members.find((m) => m.email === 'bob@example.com');

    const answer = await h.click(
      message,
      'review-keep',
      'U0CAROL01',
      `${stagingId}|0|${bob?.index}`,
    );

    expect(review?.status).toBe('CLOSED');
    expect(buttonValues(message, 'review-keep')).toEqual([]);
    expect(textOf(message)).toContain('were not reviewed');
    expect(textOf(answer)).toContain('is closed');
    expect(
      (await h.reviews.members(stagingId)).find((m) => m.index === bob?.index)?.decision,
    ).toBeUndefined();
  });
});
