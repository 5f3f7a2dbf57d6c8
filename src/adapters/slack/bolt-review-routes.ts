import type { App } from '@slack/bolt';
import type { Log } from '../../app/ports.ts';
import type { ReviewClick } from '../../app/reviews/review-click.ts';
import type { Reply } from '../../domain/reply.ts';
import type { Result } from '../../domain/result.ts';
import { describeError } from '../logging/describe-error.ts';
import { ReviewActions, readReviewValue } from './render-access-review.ts';
import { renderReply } from './render-reply.ts';

/** The buttons of an access reviewer's message. */
export interface ReviewRoutes {
  /** Keep, Remove, Keep all or a page: authorized at the click (only the review's reviewers). */
  onReviewClick?(click: ReviewClick): Promise<Result<string, { code: string; message: string }>>;
}

const unexpected: Reply = {
  kind: 'error',
  code: 'INTERNAL',
  message: 'Something went wrong on our side; the decision may not be recorded.',
  hint: 'Look at the message again in a minute, and click again if it still asks.',
};

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
    app.action(
      { action_id: actionId, type: 'block_actions' },
      async ({ body, action, ack, respond }) => {
        await ack();
        const value = action.type === 'button' ? readReviewValue(action.value ?? '') : undefined;
        if (!value) return;
        let reply: Reply;
        try {
          const result = await route({
            action: kind,
            ...value,
            clicker: { teamId: body.user.team_id ?? body.team?.id ?? '', userId: body.user.id },
            channelId: body.channel?.id ?? '',
            responseUrl: body.response_url,
          });
          if (result.ok && kind === 'more') return;
          reply = result.ok
            ? { kind: 'text', text: result.value }
            : { kind: 'error', code: result.error.code, message: result.error.message };
        } catch (error: unknown) {
          log.error('review click failed on the ack path', { error: describeError(error) });
          reply = unexpected;
        }
        await respond({
          replace_original: false,
          response_type: 'ephemeral',
          ...renderReply(reply),
        });
      },
    );
  }
}
