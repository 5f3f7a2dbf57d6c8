import type { App } from '@slack/bolt';
import type { ProposeFixClick } from '../../app/drift/propose-fix.ts';
import type { Log } from '../../app/ports.ts';
import type { Result } from '../../domain/result.ts';
import { answerButtonClick, type ClickRefusal, shownAsText } from './bolt-button-click.ts';
import { DriftActions, readDriftValue } from './render-drift.ts';

/** The button of a drift message. */
export interface DriftRoutes {
  /** Propose fix: authorized at the click (the policy's requesters of the requests' risks). */
  onProposeFix?(click: ProposeFixClick): Promise<Result<string, ClickRefusal>>;
}

/** Registers Propose fix; the answer (or refusal) is told to the clicker only. */
export function registerDriftRoutes(app: App, routes: DriftRoutes, log: Log): void {
  const route = routes.onProposeFix;
  if (!route) return;
  answerButtonClick(app, log, {
    actionId: DriftActions.proposeFix,
    read: readDriftValue,
    route: (driftId, click) => route({ driftId, ...click }),
    shown: shownAsText,
    unexpected: {
      kind: 'error',
      code: 'INTERNAL',
      message: 'Something went wrong on our side; the fix may not be proposed.',
      hint: 'Look at the drift message again in a minute, and click again if it still offers Propose fix.',
    },
    failure: 'propose fix failed on the ack path',
  });
}
