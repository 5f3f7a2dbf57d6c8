import { accessText } from '../../domain/reports/access-report.ts';
import {
  type AccessReview,
  isImplicit,
  pageCount,
  pageOf,
  type ReviewMember,
  scopeText,
} from '../../domain/reviews/access-review.ts';
import {
  actions,
  type Block,
  button,
  context,
  escapeMrkdwn,
  fallbackText,
  header,
  mention,
  mrkdwnText,
  section,
  slackDate,
} from './block-kit.ts';
import type { SlackMessage } from './render-reply.ts';

/** The buttons of a reviewer's message; each value is `REVIEW|PAGE[|MEMBER]` (checked on click). */
export const ReviewActions = {
  keep: 'review-keep',
  remove: 'review-remove',
  keepAll: 'review-keep-all',
  page: 'review-page',
} as const;

export const reviewValue = (reviewId: string, page: number, index?: number) =>
  [reviewId, page, ...(index === undefined ? [] : [index])].join('|');

/** A button's value read back; undefined for one this bot did not write. */
export function readReviewValue(
  value: string,
): { reviewId: string; page: number; index?: number } | undefined {
  const match = /^(AR[0-9A-F]{10})\|(\d{1,6})(?:\|(\d{1,6}))?$/.exec(value);
  if (!match) return undefined;
  const [, reviewId = '', page, index] = match;
  return { reviewId, page: Number(page), ...(index === undefined ? {} : { index: Number(index) }) };
}

/** One member: plain text (Arize names are untrusted), with role, how, and the space. */
const memberText = (review: AccessReview, m: ReviewMember) =>
  `${m.name} (${m.email}): ${m.role}, ${accessText(m.membership)}${review.scope.kind === 'org' ? `, in ${m.spaceName}` : ''}`;

function decidedBlock(review: AccessReview, m: ReviewMember): Block {
  const verdict = m.decision === 'remove' ? '✗ Remove asked' : '✓ Kept';
  const when = slackDate(m.decidedAt ?? '') ?? '';
  const request = m.requestId ? ` (approval request ${m.requestId})` : '';
  return {
    type: 'section',
    text: mrkdwnText(
      `${escapeMrkdwn(memberText(review, m))}\n${verdict} by ${mention(m.decidedBy ?? '')} ${when}${request}`,
      3000,
    ),
  };
}

function memberBlocks(review: AccessReview, m: ReviewMember, page: number, open: boolean): Block[] {
  if (m.decision) return [decidedBlock(review, m)];
  if (!open) return [section(`${memberText(review, m)}\nNot reviewed.`)];
  const value = reviewValue(review.id, page, m.index);
  return [
    section(memberText(review, m)),
    actions([
      button('Keep', ReviewActions.keep, value, 'primary'),
      ...(isImplicit(m) ? [] : [button('Remove', ReviewActions.remove, value, 'danger')]),
    ]),
  ];
}

/**
 * A reviewer's message: one page of the members (at most 20, two blocks each, so the message
 * stays under Slack's 50 blocks), each with Keep / Remove or the decision and who made it, then
 * Keep all and the pages. A closed review shows no buttons.
 */
export function renderAccessReview(
  review: AccessReview,
  members: readonly ReviewMember[],
  page: number,
): SlackMessage {
  const pages = pageCount(members.length);
  const shown = pageOf(members, page);
  const open = review.status === 'OPEN';
  const left = members.filter((m) => m.decision === undefined).length;
  const navigation = [
    ...(shown.some((m) => m.decision === undefined) && open
      ? [button('Keep all on this page', ReviewActions.keepAll, reviewValue(review.id, page))]
      : []),
    ...(page > 0 ? [button('Previous', ReviewActions.page, reviewValue(review.id, page - 1))] : []),
    ...(page + 1 < pages
      ? [button('More', ReviewActions.page, reviewValue(review.id, page + 1))]
      : []),
  ];
  const deadline = slackDate(review.deadline) ?? review.deadline;
  return {
    text: fallbackText(`Access review ${review.id}: ${scopeText(review)}`),
    blocks: [
      header(`Access review: ${scopeText(review)}`),
      context(
        mrkdwnText(
          open
            ? `Review ${review.id}: does each person still need this access? Decide by ${deadline}. Remove asks for an approval request that someone else approves. ${left} of ${members.length} left; page ${page + 1} of ${pages}.`
            : `Review ${review.id} is closed (deadline ${deadline}). ${left} of ${members.length} were not reviewed; page ${page + 1} of ${pages}.`,
        ),
      ),
      ...shown.flatMap((m) => memberBlocks(review, m, page, open)),
      ...(navigation.length > 0 ? [actions(navigation)] : []),
    ],
  };
}
