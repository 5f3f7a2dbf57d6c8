import type { App } from '@slack/bolt';
import type { ProposeFixClick } from '../../app/drift/propose-fix.ts';
import type { Log } from '../../app/ports.ts';
import type { Reply } from '../../domain/reply.ts';
import type { Result } from '../../domain/result.ts';
import { describeError } from '../logging/describe-error.ts';
import { DriftActions, readDriftValue } from './render-drift.ts';
import { renderReply } from './render-reply.ts';

/** The button of a drift message. */
export interface DriftRoutes {
  /** Propose fix: authorized at the click (the policy's requesters of the requests' risks). */
  onProposeFix?(click: ProposeFixClick): Promise<Result<string, { code: string; message: string }>>;
}

const unexpected: Reply = {
  kind: 'error',
  code: 'INTERNAL',
  message: 'Something went wrong on our side; the fix may not be proposed.',
  hint: 'Look at the drift message again in a minute, and click again if it still offers Propose fix.',
};

/** Registers Propose fix; the answer (or refusal) is told to the clicker only. */
export function registerDriftRoutes(app: App, routes: DriftRoutes, log: Log): void {
  const route = routes.onProposeFix;
  if (!route) return;
  app.action(
    { action_id: DriftActions.proposeFix, type: 'block_actions' },
    async ({ body, action, ack, respond }) => {
      await ack();
      const driftId = action.type === 'button' ? readDriftValue(action.value ?? '') : undefined;
      if (!driftId) return;
      let reply: Reply;
      try {
        const result = await route({
          driftId,
          clicker: { teamId: body.user.team_id ?? body.team?.id ?? '', userId: body.user.id },
          channelId: body.channel?.id ?? '',
          responseUrl: body.response_url,
        });
        reply = result.ok
          ? { kind: 'text', text: result.value }
          : { kind: 'error', code: result.error.code, message: result.error.message };
      } catch (error: unknown) {
        log.error('propose fix failed on the ack path', { error: describeError(error) });
        reply = unexpected;
      }
      await respond({ replace_original: false, response_type: 'ephemeral', ...renderReply(reply) });
    },
  );
}
