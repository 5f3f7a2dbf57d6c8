import type { Reply } from '../../domain/reply.ts';
import {
  type AccessReview,
  type ReviewMember,
  reviewCsv,
  scopeText,
  undecided,
} from '../../domain/reviews/access-review.ts';
import type { ScheduledJob, ScheduledJobOutcome, ScheduledJobRun } from '../jobs/scheduled-job.ts';
import type {
  AccessReviewMessenger,
  AccessReviewStore,
  AuditLog,
  ChatNotifier,
  Clock,
  FileSharer,
  Log,
} from '../ports.ts';
import { redraw } from './review-click.ts';

export interface FollowAccessReviewsDeps {
  reviews: AccessReviewStore;
  messenger: AccessReviewMessenger;
  notifier: Pick<ChatNotifier, 'post'>;
  files: FileSharer;
  audit: AuditLog;
  /** Where what was not reviewed is reported (and the CSV, for a review without a thread). */
  approvalsChannel: string | undefined;
  /** Days before the deadline a reviewer with members left is reminded, e.g. [7, 1]. */
  reminderDays: readonly number[];
  clock: Clock;
  log: Log;
}

const dayMs = 86_400_000;

/**
 * The daily follow-up of open access reviews, as of the scheduled time.
 *
 * Primary course:
 * 1. Per open review, soonest deadline first, while the invocation has time (the reviews left
 *    stay open: a continuation goes on with them, and what was done is marked, not redone).
 * 2. Before the deadline: at each reminder day, once, each reviewer who has members left is
 *    reminded in their direct messages.
 * 3. At the deadline: the members nobody reviewed are reported to the approvals channel, the
 *    finished review is posted in its thread as a CSV (the evidence), audited, closed, and
 *    every reviewer's message is redrawn without buttons.
 */
export function makeFollowAccessReviews(deps: FollowAccessReviewsDeps): ScheduledJob {
  return async (run): Promise<ScheduledJobOutcome> => {
    const actions = { ...run.actions };
    const count = (action: string) => {
      actions[action] = (actions[action] ?? 0) + 1;
    };
    for (const review of await deps.reviews.listOpen()) {
      if (deps.clock.now() >= run.deadline) {
        return { state: 'cut-off', checkpoint: {}, actions };
      }
      const members = await deps.reviews.members(review.id);
      if (run.scheduledTime.toISOString() >= review.deadline) {
        await closeReview(deps, run, review, members);
        count('closed');
      } else if (await remind(deps, run, review, members)) {
        count('reminded');
      }
    }
    return { state: 'finished', actions };
  };
}

async function remind(
  deps: FollowAccessReviewsDeps,
  run: ScheduledJobRun,
  review: AccessReview,
  members: readonly ReviewMember[],
): Promise<boolean> {
  const left = undecided(members).length;
  const untilDeadline = Date.parse(review.deadline) - run.scheduledTime.getTime();
  const due = deps.reminderDays.filter((days) => untilDeadline <= days * dayMs);
  if (left === 0 || due.length === 0) return false;
  const days = Math.min(...due);
  // Marked once per review and reminder day, across runs: a daily run reminds once per step.
  if (!(await deps.reviews.markOnce(review.id, `remind-${days}`))) return false;
  for (const reviewer of review.reviewers) {
    await run.postOnce(`remind-${review.id}-${days}-${reviewer}`, async () => {
      await deps.notifier.post(reviewer, {
        kind: 'text',
        text: `Reminder: access review ${review.id} of ${scopeText(review)} has ${left} of ${members.length} member(s) nobody reviewed yet. Its deadline is ${review.deadline}; what is not reviewed by then is reported to the approvals channel.`,
      });
    });
  }
  return true;
}

async function closeReview(
  deps: FollowAccessReviewsDeps,
  run: ScheduledJobRun,
  review: AccessReview,
  members: readonly ReviewMember[],
): Promise<void> {
  const left = undecided(members);
  const channel = review.thread?.channel ?? deps.approvalsChannel;
  if (channel) {
    await onceForReview(deps, review, 'unreviewed-report', async () => {
      await deps.notifier.post(channel, unreviewedReply(review, members, left));
    });
    await onceForReview(deps, review, 'csv', async () => {
      await deps.files.share(
        {
          filename: `access-review-${review.id}-${review.deadline.slice(0, 10)}.csv`,
          title: `Access review ${review.id}: ${scopeText(review)}`,
          content: reviewCsv(review, members),
        },
        review.thread
          ? { kind: 'thread', channel: review.thread.channel, threadTs: review.thread.ts }
          : { kind: 'channel', channel },
        `The finished access review: every member with role, access, decision, who and when (${members.length} row(s)).`,
      );
    });
  } else {
    deps.log.warn('access review closed with no approvals channel to tell', {
      reviewId: review.id,
    });
  }
  const count = (decision: string) => members.filter((m) => m.decision === decision).length;
  await deps.audit.append({
    id: `${review.id}#closed`,
    requestId: review.id,
    event: 'review-closed',
    at: run.scheduledTime.toISOString(),
    detail: {
      scope: scopeText(review),
      kept: count('keep'),
      removeAsked: count('remove'),
      notReviewed: left.length,
    },
  });
  await deps.reviews.close(review.id);
  await redraw(deps, review);
}

/**
 * Posts once per review, across every run: a run that posted and then stopped before closing the
 * review (a crash, a timeout) leaves the mark, so the next day's run does not post it again. A
 * post that fails is unmarked, so a later run makes it.
 */
async function onceForReview(
  deps: Pick<FollowAccessReviewsDeps, 'reviews'>,
  review: AccessReview,
  step: string,
  post: () => Promise<void>,
): Promise<void> {
  if (!(await deps.reviews.markOnce(review.id, step))) return;
  try {
    await post();
  } catch (error: unknown) {
    await deps.reviews.unmark(review.id, step);
    throw error;
  }
}

function unreviewedReply(
  review: AccessReview,
  members: readonly ReviewMember[],
  left: readonly ReviewMember[],
): Reply {
  const title = `Access review ${review.id} of ${scopeText(review)} is over`;
  if (left.length === 0) {
    return {
      kind: 'text',
      text: `${title}: all ${members.length} member(s) were reviewed. The review is in the CSV in its thread.`,
    };
  }
  const shown = left.slice(0, 30).map((m) => `${m.email}: ${m.role} in ${m.spaceName}`);
  return {
    kind: 'detail',
    title: `${title}: ${left.length} of ${members.length} not reviewed`,
    context: `Deadline ${review.deadline}. Nobody decided on these; their access is unchanged. Every member is in the review's CSV.`,
    fields: [
      {
        label: 'Not reviewed',
        value: [...shown, ...(left.length > 30 ? [`…and ${left.length - 30} more`] : [])].join(
          '\n',
        ),
      },
      { label: 'Reviewers', value: review.reviewers.join(', '), people: review.reviewers },
    ],
  };
}
