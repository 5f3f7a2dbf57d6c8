import { describe, expect, it } from 'vitest';
import {
  ReviewActions,
  readReviewValue,
  renderAccessReview,
} from '../../../src/adapters/slack/render-access-review.ts';
import type { AccessReview, ReviewMember } from '../../../src/domain/reviews/access-review.ts';
import { validateMessage } from '../../../src/local/slack-standin/validate-blocks.ts';

const makeReview = (overrides: Partial<AccessReview> = {}): AccessReview => ({
  id: 'AR0123456789',
  openedAt: '2026-10-01T09:00:00.000Z',
  deadline: '2026-10-15T09:00:00.000Z',
  scope: { kind: 'space', orgId: 'o1', orgName: 'Acme ML', spaceName: 'production' },
  reviewers: ['U0BOB0001'],
  messages: {},
  status: 'OPEN',
  ...overrides,
});
const makeMember = (index: number, overrides: Partial<ReviewMember> = {}): ReviewMember => ({
  index,
  spaceId: 's1',
  spaceName: 'production',
  userId: `u${index}`,
  name: `Person ${index}`,
  email: `p${index}@example.com`,
  role: 'MEMBER',
  membership: 'EXPLICIT_MEMBERSHIP',
  ...overrides,
});
const members = Array.from({ length: 45 }, (_, i) => makeMember(i));
const valuesOf = (message: ReturnType<typeof renderAccessReview>, actionId: string) =>
  message.blocks
    .flatMap((b) => (b.elements as Array<{ action_id: string; value: string }> | undefined) ?? [])
    .filter((e) => e.action_id === actionId)
    .map((e) => e.value);

describe('a reviewer message (renderAccessReview)', () => {
  it.each([0, 1, 2])('keeps page %i of 45 members within Slack limits', (page) => {
    const message = renderAccessReview(makeReview(), members, page);

    expect(validateMessage(message.text, message.blocks)).toMatchObject({ ok: true });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(valuesOf(message, ReviewActions.keep)).toHaveLength(page < 2 ? 20 : 5);
  });

  it('pages with More and Previous, whose values name the page to show', () => {
    const first = renderAccessReview(makeReview(), members, 0);
    const middle = renderAccessReview(makeReview(), members, 1);
    const last = renderAccessReview(makeReview(), members, 2);

    expect(valuesOf(first, ReviewActions.page)).toEqual(['AR0123456789|1']);
    expect(valuesOf(middle, ReviewActions.page)).toEqual(['AR0123456789|0', 'AR0123456789|2']);
    expect(valuesOf(last, ReviewActions.page)).toEqual(['AR0123456789|1']);
    expect(readReviewValue('AR0123456789|2|44')).toEqual({
      reviewId: 'AR0123456789',
      page: 2,
      index: 44,
    });
    expect(readReviewValue('AR0123456789|2|44|9')).toBeUndefined();
    expect(readReviewValue('R0123|0')).toBeUndefined();
  });

  it('shows no buttons once the review is closed, and says who was not reviewed', () => {
    const decided = [
      makeMember(0, {
        decision: 'keep',
        decidedBy: 'U0BOB0001',
        decidedAt: '2026-10-02T09:00:00Z',
      }),
      makeMember(1),
    ];
    const message = renderAccessReview(makeReview({ status: 'CLOSED' }), decided, 0);
    const text = JSON.stringify(message.blocks);

    expect(text).not.toContain('"type":"button"');
    expect(text).toContain('Kept by <@U0BOB0001>');
    expect(text).toContain('Not reviewed.');
  });
});
