import type { App } from '@slack/bolt';
import type { EndNowClick } from '../../app/grants/end-grant-now.ts';
import type { Log } from '../../app/ports.ts';
import type { Result } from '../../domain/result.ts';
import {
  answerButtonClick,
  asIs,
  type ClickRefusal,
  shownAsProgress,
} from './bolt-button-click.ts';
import { GrantActions } from './render-grant.ts';

/** The buttons under a time-bound grant's messages. */
export interface GrantRoutes {
  /** End access now: authorized at the click, then the end is enqueued. */
  onEndGrantNow?(click: EndNowClick): Promise<Result<string, ClickRefusal>>;
  /** Extend: asks for a new approval request that moves the grant's end. */
  onExtendGrant?(click: EndNowClick): Promise<Result<string, ClickRefusal>>;
}

/** Registers End access now and Extend; each answer is shown to the clicker only. */
export function registerGrantRoutes(app: App, routes: GrantRoutes, log: Log): void {
  const buttons = [
    [GrantActions.endNow, routes.onEndGrantNow],
    [GrantActions.extend, routes.onExtendGrant],
  ] as const;
  for (const [actionId, route] of buttons) {
    if (!route) continue;
    answerButtonClick(app, log, {
      actionId,
      read: asIs,
      route: (grantId, click) => route({ grantId, ...click }),
      shown: shownAsProgress,
      unexpected: {
        kind: 'error',
        code: 'INTERNAL',
        message: 'Something went wrong on our side; nothing was changed.',
        hint: 'Try again in a minute.',
      },
      failure: 'grant click failed on the ack path',
    });
  }
}
