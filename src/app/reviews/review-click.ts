import { createHash } from 'node:crypto';
import type { Requester } from '../../domain/job.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import {
  type AccessReview,
  isImplicit,
  pageCount,
  pageOf,
  type ReviewMember,
  scopeText,
} from '../../domain/reviews/access-review.ts';
import { requestIdFor } from '../accept-command.ts';
import type {
  AccessReviewMessenger,
  AccessReviewStore,
  AuditLog,
  Clock,
  JobQueue,
  Log,
} from '../ports.ts';

/** A click on a reviewer's message: Keep or Remove one member, Keep all on the page, More. */
export interface ReviewClick {
  action: 'keep' | 'remove' | 'keep-all' | 'more';
  reviewId: string;
  /** The page the message shows (More: the page to show). */
  page: number;
  /** The member, for Keep and Remove. */
  index?: number;
  clicker: Requester;
  channelId: string;
  /** Where the removal request's preparation is told. Never logged. */
  responseUrl: string;
}

export interface ReviewRefusal {
  code:
    | 'REVIEW.NOT_FOUND'
    | 'REVIEW.NOT_REVIEWER'
    | 'REVIEW.CLOSED'
    | 'REVIEW.ALREADY_DECIDED'
    | 'REVIEW.IMPLICIT'
    | 'REVIEW.NOT_FILED';
  message: string;
}

export interface ReviewClickDeps {
  reviews: AccessReviewStore;
  messenger: AccessReviewMessenger;
  audit: AuditLog;
  queue: JobQueue;
  /** The workspace: a click from another one is never a reviewer's. */
  teamId: string;
  clock: Clock;
  log: Log;
}

/**
 * A reviewer's click (ack path: DynamoDB, Slack and the queue; no Arize).
 *
 * Primary course:
 * 1. Read the review; only its reviewers, from this workspace, may decide, and only while open.
 * 2. Keep / Remove: record the decision once per member (a conditional write: a second click, or
 *    another reviewer's, is told who decided first). Remove files an ordinary `space
 *    remove-user` approval request with the reviewer as requester: someone else approves it.
 *    Being a reviewer is what entitles them to ask (the policy's requesters are not consulted);
 *    the request still needs the policy's approvers. When the request cannot be queued, the
 *    decision is taken back and the reviewer is told to click again.
 *    Keep all keeps every member of the page nobody decided on yet.
 * 3. Audit every decision, then redraw every reviewer's message with it and who made it.
 */
export function makeReviewClick(deps: ReviewClickDeps) {
  return async (click: ReviewClick): Promise<Result<string, ReviewRefusal>> => {
    const review = await deps.reviews.get(click.reviewId);
    if (!review) return err({ code: 'REVIEW.NOT_FOUND', message: 'No such access review.' });
    const { userId } = click.clicker;
    if (click.clicker.teamId !== deps.teamId || !review.reviewers.includes(userId)) {
      return err({
        code: 'REVIEW.NOT_REVIEWER',
        message: `Only the reviewers of access review ${review.id} may decide on it.`,
      });
    }
    if (review.status !== 'OPEN' || deps.clock.now().toISOString() >= review.deadline) {
      return err({
        code: 'REVIEW.CLOSED',
        message: `Access review ${review.id} is closed: its deadline was ${review.deadline}.`,
      });
    }
    const members = await deps.reviews.members(review.id);
    const page = Math.min(Math.max(click.page, 0), pageCount(members.length) - 1);
    if (click.action === 'more') {
      const message = review.messages[userId];
      if (message) {
        await deps.reviews.setMessage(review.id, userId, { ...message, page });
        await deps.messenger.update(message, review, members, page);
      }
      return ok(`Showing page ${page + 1} of ${pageCount(members.length)}.`);
    }
    const chosen =
      click.action === 'keep-all'
        ? pageOf(members, page).filter((m) => m.decision === undefined)
        : members.filter((m) => m.index === click.index);
    const [first] = chosen;
    if (click.action !== 'keep-all') {
      if (!first)
        return err({ code: 'REVIEW.NOT_FOUND', message: 'No such member in this review.' });
      if (first.decision) return err(alreadyDecided(first));
      if (click.action === 'remove' && isImplicit(first)) {
        return err({
          code: 'REVIEW.IMPLICIT',
          message: `${first.email} has access to ${first.spaceName} as an account or organization admin, not as a member of the space: remove it there, or Keep it here.`,
        });
      }
    }
    const decided: ReviewMember[] = [];
    for (const member of chosen) {
      const result = await decideOne(deps, review, member, click);
      if (!result.ok && click.action !== 'keep-all') return result;
      if (result.ok) decided.push(result.value);
    }
    await redraw(deps, review);
    if (click.action === 'keep-all') {
      return ok(`Kept ${decided.length} member(s) of ${scopeText(review)}.`);
    }
    const member = decided[0] as ReviewMember;
    return ok(
      member.decision === 'remove'
        ? `Removal of ${member.email} from ${member.spaceName} asked: approval request ${member.requestId} is being prepared, and someone else approves it.`
        : `Kept ${member.email} in ${member.spaceName}.`,
    );
  };
}

async function decideOne(
  deps: ReviewClickDeps,
  review: AccessReview,
  member: ReviewMember,
  click: ReviewClick,
): Promise<Result<ReviewMember, ReviewRefusal>> {
  const at = deps.clock.now().toISOString();
  const by = click.clicker.userId;
  const remove = click.action === 'remove';
  const jobId = createHash('sha256')
    .update(`review-remove:${review.id}:${member.index}`)
    .digest('hex')
    .slice(0, 32);
  const requestId = remove ? requestIdFor(jobId) : undefined;
  const decided = await deps.reviews.decide(review.id, member.index, {
    decision: remove ? 'remove' : 'keep',
    by,
    at,
    ...(requestId ? { requestId } : {}),
  });
  if (!decided) {
    const now = (await deps.reviews.members(review.id)).find((m) => m.index === member.index);
    return err(alreadyDecided(now ?? member));
  }
  if (remove && requestId) {
    const commandText = `space remove-user ${member.email} --space ${member.spaceId}`;
    try {
      await deps.queue.enqueue({
        id: jobId,
        kind: 'prepare-approval',
        requestId,
        operationId: 'space.remove-user',
        args: { users: [member.email], space: [member.spaceId] },
        commandText,
        public: false,
        requester: click.clicker,
        channelId: click.channelId,
        responseUrl: click.responseUrl,
        enqueuedAt: at,
        reason: `Access review ${review.id} of ${scopeText(review)}`,
        replyAsNew: true,
      });
    } catch (error: unknown) {
      // Nothing half-done: the decision is taken back, so Remove can be clicked again.
      await deps.reviews.withdraw(review.id, member.index, requestId);
      deps.log.warn('access review removal not filed', {
        reviewId: review.id,
        error: error instanceof Error ? error.message : 'unknown',
      });
      return err({
        code: 'REVIEW.NOT_FILED',
        message: `The removal request for ${member.email} in ${member.spaceName} could not be filed, so nothing was recorded: click Remove again.`,
      });
    }
    deps.log.info('access review removal asked', { reviewId: review.id, requestId });
  }
  await deps.audit.append({
    id: `${review.id}#member-${member.index}`,
    requestId: review.id,
    event: 'review-decision',
    at,
    actor: by,
    detail: {
      decision: decided.decision ?? 'keep',
      space: member.spaceName,
      spaceId: member.spaceId,
      email: member.email,
      role: member.role,
      ...(requestId ? { removalRequest: requestId } : {}),
    },
  });
  return ok(decided);
}

const alreadyDecided = (member: ReviewMember): ReviewRefusal => ({
  code: 'REVIEW.ALREADY_DECIDED',
  message: `${member.email} in ${member.spaceName} was decided already: ${member.decision ?? '?'} by ${member.decidedBy ?? '?'} at ${member.decidedAt ?? '?'}.`,
});

/** Every reviewer's message, redrawn with the decisions; a message Slack refuses is logged. */
export async function redraw(
  deps: Pick<ReviewClickDeps, 'reviews' | 'messenger' | 'log'>,
  review: AccessReview,
): Promise<void> {
  const fresh = (await deps.reviews.get(review.id)) ?? review;
  const members = await deps.reviews.members(review.id);
  for (const [reviewer, message] of Object.entries(fresh.messages)) {
    try {
      await deps.messenger.update(message, fresh, members, message.page);
    } catch (error: unknown) {
      deps.log.warn('access review message not redrawn', {
        reviewId: review.id,
        reviewer,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
}
