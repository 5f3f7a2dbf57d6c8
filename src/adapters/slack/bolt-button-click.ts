import type { App } from '@slack/bolt';
import type { Log } from '../../app/ports.ts';
import type { Requester } from '../../domain/job.ts';
import type { Reply } from '../../domain/reply.ts';
import type { Result } from '../../domain/result.ts';
import { describeError } from '../logging/describe-error.ts';
import { renderReply } from './render-reply.ts';

/** Who clicked, where, and where the worker's answer goes (the response URL is never logged). */
export interface ButtonClick {
  clicker: Requester;
  channelId: string;
  responseUrl: string;
}

export type ClickRefusal = { code: string; message: string };

export interface ButtonClickRoute<Value> {
  actionId: string;
  /** The button's value as the route needs it; undefined: the click is acked and ignored. */
  read: (value: string) => Value | undefined;
  route: (value: Value, click: ButtonClick) => Promise<Result<string, ClickRefusal>>;
  /** How a success is shown to the clicker; undefined: nothing is said (the message redraws). */
  shown: (text: string) => Reply | undefined;
  /** What the clicker is told when the route throws. */
  unexpected: Reply;
  /** The log line when it throws (with the error, never the payload). */
  failure: string;
}

/**
 * Registers one button: acks at once, reads its value, routes the click with the clicker, channel
 * and response URL, and tells the clicker alone (ephemeral, the message left as it is) what came
 * of it; a throw is logged and answered with `unexpected`.
 */
export function answerButtonClick<Value>(
  app: App,
  log: Log,
  button: ButtonClickRoute<Value>,
): void {
  app.action(
    { action_id: button.actionId, type: 'block_actions' },
    async ({ body, action, ack, respond }) => {
      await ack();
      const value =
        action.type === 'button' && action.value ? button.read(action.value) : undefined;
      if (value === undefined) return;
      let reply: Reply | undefined;
      try {
        const result = await button.route(value, {
          clicker: { teamId: body.user.team_id ?? body.team?.id ?? '', userId: body.user.id },
          channelId: body.channel?.id ?? '',
          responseUrl: body.response_url,
        });
        reply = result.ok
          ? button.shown(result.value)
          : { kind: 'error', code: result.error.code, message: result.error.message };
      } catch (error: unknown) {
        log.error(button.failure, { error: describeError(error) });
        reply = button.unexpected;
      }
      if (!reply) return;
      await respond({ replace_original: false, response_type: 'ephemeral', ...renderReply(reply) });
    },
  );
}

/** The button's value as it is (an id the route checks itself). */
export const asIs = (value: string): string => value;
export const shownAsText = (text: string): Reply => ({ kind: 'text', text });
export const shownAsProgress = (text: string): Reply => ({ kind: 'progress', text });
