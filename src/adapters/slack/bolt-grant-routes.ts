import type { App } from '@slack/bolt';
import type { EndNowClick } from '../../app/grants/end-grant-now.ts';
import type { Log } from '../../app/ports.ts';
import type { Reply } from '../../domain/reply.ts';
import type { Result } from '../../domain/result.ts';
import { describeError } from '../logging/describe-error.ts';
import { GrantActions } from './render-grant.ts';
import { renderReply } from './render-reply.ts';

type Refusal = { code: string; message: string };

/** The buttons under a time-bound grant's messages. */
export interface GrantRoutes {
  /** End access now: authorized at the click, then the end is enqueued. */
  onEndGrantNow?(click: EndNowClick): Promise<Result<string, Refusal>>;
  /** Extend: asks for a new approval request that moves the grant's end. */
  onExtendGrant?(click: EndNowClick): Promise<Result<string, Refusal>>;
}

const unexpected: Reply = {
  kind: 'error',
  code: 'INTERNAL',
  message: 'Something went wrong on our side; nothing was changed.',
  hint: 'Try again in a minute.',
};

/** Registers End access now and Extend; each answer is shown to the clicker only. */
export function registerGrantRoutes(app: App, routes: GrantRoutes, log: Log): void {
  const buttons = [
    [GrantActions.endNow, routes.onEndGrantNow],
    [GrantActions.extend, routes.onExtendGrant],
  ] as const;
  for (const [actionId, route] of buttons) {
    if (!route) continue;
    app.action(
      { action_id: actionId, type: 'block_actions' },
      async ({ body, action, ack, respond }) => {
        await ack();
        if (action.type !== 'button' || !action.value) return;
        let reply: Reply;
        try {
          const result = await route({
            grantId: action.value,
            clicker: { teamId: body.user.team_id ?? body.team?.id ?? '', userId: body.user.id },
            channelId: body.channel?.id ?? '',
            responseUrl: body.response_url,
          });
          reply = result.ok
            ? { kind: 'progress', text: result.value }
            : { kind: 'error', code: result.error.code, message: result.error.message };
        } catch (error: unknown) {
          log.error('grant click failed on the ack path', { error: describeError(error) });
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
