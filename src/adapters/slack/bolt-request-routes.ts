import type { App } from '@slack/bolt';
import type { CommandRequest } from '../../app/accept-command.ts';
import type { Log } from '../../app/ports.ts';
import type { Reply } from '../../domain/reply.ts';
import { describeError } from '../logging/describe-error.ts';
import { renderModal } from './render-confirmation.ts';
import {
  blockForRefusal,
  RequestModalIds,
  renderRequestModal,
  requestTextFrom,
} from './render-request-modal.ts';

/** The command's own path: the modal's submission is answered by it, nothing else. */
type AnswerCommand = (request: CommandRequest) => Promise<Reply>;

/** The one response_url Slack hands back for the modal's conversation select. */
type ResponseUrls = { channel_id?: string; response_url?: string }[] | undefined;

const shownText = (reply: Exclude<Reply, { kind: 'error' }>): string =>
  'text' in reply ? reply.text : reply.title;

/**
 * The request modal: the global shortcut opens it (as `/arize request` with no arguments does),
 * and its submission becomes the typed `/arize request space …` through the command's own path,
 * so the plan, the policy and the approval are the same as when typed.
 */
export function registerRequestRoutes(app: App, answer: AnswerCommand, log: Log): void {
  app.shortcut(
    { callback_id: RequestModalIds.callbackId, type: 'shortcut' },
    async ({ ack, body, client }) => {
      await ack();
      try {
        await client.views.open({ trigger_id: body.trigger_id, view: renderRequestModal() });
      } catch (error: unknown) {
        log.error('request modal did not open', { error: describeError(error) });
      }
    },
  );

  app.view(
    { callback_id: RequestModalIds.callbackId, type: 'view_submission' },
    async ({ ack, body, view }) => {
      const asked = requestTextFrom(view.state);
      if (!asked.ok) {
        await ack({ response_action: 'errors', errors: asked.errors });
        return;
      }
      const target = (body as { response_urls?: ResponseUrls }).response_urls?.[0];
      if (!target?.response_url || !target.channel_id) {
        await ack({
          response_action: 'errors',
          errors: { [RequestModalIds.channel]: 'Pick the conversation to post updates in.' },
        });
        return;
      }
      const reply = await answer({
        requester: { teamId: body.user.team_id ?? body.team?.id ?? '', userId: body.user.id },
        channelId: target.channel_id,
        text: asked.text,
        responseUrl: target.response_url,
        triggerId: (body as { trigger_id?: string }).trigger_id ?? view.id,
      });
      if (reply.kind === 'error') {
        const message = reply.hint ? `${reply.message} ${reply.hint}` : reply.message;
        await ack({
          response_action: 'errors',
          errors: { [blockForRefusal(reply.code, reply.message)]: message.slice(0, 2000) },
        });
        return;
      }
      await ack({
        response_action: 'update',
        view: renderModal({ kind: 'notice', title: 'Request sent', text: shownText(reply) }),
      });
    },
  );
}

/** `/arize request` alone: the person asks through the modal rather than typing the flags. */
export const opensRequestModal = (text: string): boolean => text.trim().toLowerCase() === 'request';
