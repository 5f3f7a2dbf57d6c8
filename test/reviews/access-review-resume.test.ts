import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReviewHarness } from './review-harness.ts';

let h: Awaited<ReturnType<typeof startReviewHarness>>;

beforeAll(async () => {
  h = await startReviewHarness({ ACCESS_REVIEW_SCOPE: 'org' });
});
afterAll(async () => h?.harness.close());

describe('the access-review job cut off by its deadline', () => {
  it('resumes from its checkpoint and opens every organization review exactly once', async () => {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    // The job keeps 10 s of an invocation for itself: 10.001 s leaves it no time for a review.
    const cut = await h.runJob(at, 10_001);
    const [next] = h.continued;
    const resumed = await h.runJob(at, 60_000, next?.continuation ?? 1);
    const retried = await h.runJob(at, 60_000, next?.continuation ?? 1);

    expect(cut.state).toBe('continued');
    expect(cut.actions.opened ?? 0).toBe(0);
    expect(next).toMatchObject({ job: 'access-review', continuation: 1 });
    expect(resumed).toMatchObject({ state: 'finished', actions: { opened: 2 } });
    expect(retried.state).toBe('already-finished');
    const reviews = await h.reviews.listOpen();
    expect(reviews.map((r) => r.scope.orgName).sort()).toEqual(['Acme ML', 'Research Lab']);
    const opened = h.harness.slack.standin
      .messages()
      .filter((m) => m.channel === 'C0APPROVE1' && m.text.startsWith('Access review'));
    expect(opened).toHaveLength(2);
    const acme = reviews.find((r) => r.scope.orgName === 'Acme ML');
    const members = await h.reviews.members(acme?.id ?? '');
    // Every space of the organization, each member once per space.
    expect(new Set(members.map((m) => m.spaceName))).toEqual(
      new Set(['production', 'staging', 'fraud-detection']),
    );
    expect(new Set(members.map((m) => `${m.spaceId} ${m.userId}`)).size).toBe(members.length);
    // Organization reviews are done by the organization's admins (Alice), not space admins.
    expect(acme?.reviewers).toEqual(['U0ALICE01']);
  });
});
