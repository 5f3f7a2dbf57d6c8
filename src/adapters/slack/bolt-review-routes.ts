import type { App } from '@slack/bolt';
import type { Log } from '../../app/ports.ts';
import type { ReviewClick } from '../../app/reviews/review-click.ts';
import type { Result } from '../../domain/result.ts';
import { answerButtonClick, type ClickRefusal, shownAsText } from './bolt-button-click.ts';
import { ReviewActions, readReviewValue } from './render-access-review.ts';

/** The buttons of an access reviewer's message. */
export interface ReviewRoutes {
  /** Keep, Remove, Keep all or a page: authorized at the click (only the review's reviewers). */
  onReviewClick?(click: ReviewClick): Promise<Result<string, ClickRefusal>>;
}

const clicks = [
  [ReviewActions.keep, 'keep'],
  [ReviewActions.remove, 'remove'],
  [ReviewActions.keepAll, 'keep-all'],
  [ReviewActions.page, 'more'],
] as const;

/** Registers the review buttons; a refusal is told to the clicker only, a page switch silently. */
export function registerReviewRoutes(app: App, routes: ReviewRoutes, log: Log): void {
  const route = routes.onReviewClick;
  if (!route) return;
  for (const [actionId, kind] of clicks) {
    answerButtonClick(app, log, {
      actionId,
      read: readReviewValue,
      route: (value, click) => route({ action: kind, ...value, ...click }),
      shown: (text) => (kind === 'more' ? undefined : shownAsText(text)),
      unexpected: {
        kind: 'error',
        code: 'INTERNAL',
        message: 'Something went wrong on our side; the decision may not be recorded.',
        hint: 'Look at the message again in a minute, and click again if it still asks.',
      },
      failure: 'review click failed on the ack path',
    });
  }
}
