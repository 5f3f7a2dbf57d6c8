import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { CommandRequest } from '../../app/accept-command.ts';
import type { Log } from '../../app/ports.ts';
import type { makeRequestForm } from '../../app/request-form/request-form.ts';
import type { SuggestQuery } from '../../app/request-form/suggest-names.ts';
import type { Suggestion } from '../../domain/directory/name-directory.ts';
import type { Reply } from '../../domain/reply.ts';
import { describeError } from '../logging/describe-error.ts';
import { renderModal } from './render-confirmation.ts';
import {
  actionOf,
  blockForRefusal,
  errorsByBlock,
  inputValue,
  pickedOrgOf,
  picksFrom,
  RequestModalIds,
  renderRequestModal,
  suggestionOptions,
} from './render-request-modal.ts';

/** The command's own path: the modal's submission is answered by it, nothing else. */
type AnswerCommand = (request: CommandRequest) => Promise<Reply>;

/** The request modal's use cases (see `makeRequestForm`) and its live suggestions. */
export type RequestFormRoutes = ReturnType<typeof makeRequestForm> & {
  suggest(query: SuggestQuery): Promise<Suggestion[]>;
};

/** The one response_url Slack hands back for the modal's conversation select. */
type ResponseUrls = { channel_id?: string; response_url?: string }[] | undefined;

const shownText = (reply: Exclude<Reply, { kind: 'error' }>): string =>
  'text' in reply ? reply.text : reply.title;

/** Opens the request modal for a person (its trigger_id lives 3 s); false when it did not open. */
export async function openRequestModal(
  client: WebClient,
  forms: RequestFormRoutes | undefined,
  triggerId: string,
  userId: string,
  log: Log,
): Promise<boolean> {
  if (!forms) return false;
  try {
    const form = await forms.form(userId);
    await client.views.open({ trigger_id: triggerId, view: renderRequestModal(form) });
    return true;
  } catch (error: unknown) {
    log.error('request modal did not open', { error: describeError(error) });
    return false;
  }
}

/**
 * The request modal: the global shortcut opens it (as `/arize request` with no arguments does);
 * its organization and space selects are answered from the name directory (block_suggestion,
 * within Slack's 3 s); picking the organization redraws it with that organization's choices;
 * its submission is checked against the policy and the directory, then becomes the typed
 * `/arize request space …` through the command's own path.
 */
export function registerRequestRoutes(
  app: App,
  answer: AnswerCommand,
  forms: RequestFormRoutes | undefined,
  log: Log,
): void {
  app.shortcut(
    { callback_id: RequestModalIds.callbackId, type: 'shortcut' },
    async ({ ack, body, client }) => {
      await ack();
      await openRequestModal(client, forms, body.trigger_id, body.user.id, log);
    },
  );
  if (!forms) return;

  for (const field of ['org', 'space'] as const) {
    app.options({ action_id: actionOf(field), type: 'block_suggestion' }, async ({ ack, body }) => {
      try {
        const view = (body as { view?: { private_metadata?: unknown; state?: unknown } }).view;
        const orgId = pickedOrgOf(view) ?? inputValue(view?.state, 'org');
        const suggestions = await forms.suggest({
          field,
          typed: typeof body.value === 'string' ? body.value : '',
          ...(field === 'space' && orgId ? { orgId } : {}),
        });
        await ack({ options: suggestionOptions(suggestions) } as never);
      } catch (error: unknown) {
        log.error('request modal suggestions failed', { field, error: describeError(error) });
        await ack({ options: [] } as never);
      }
    });
  }

  // The org picked: the modal is redrawn with it (the spaces it suggests, the rules' choices).
  app.action(
    { action_id: actionOf('org'), type: 'block_actions' },
    async ({ ack, body, action, client }) => {
      await ack();
      const view = (body as { view?: { id?: string; hash?: string } }).view;
      if (!view?.id) return;
      const picked = (action as { selected_option?: { value?: unknown } | null }).selected_option;
      const orgId = typeof picked?.value === 'string' ? picked.value : undefined;
      try {
        const form = await forms.form(body.user.id, orgId);
        await client.views.update({
          view_id: view.id,
          ...(view.hash ? { hash: view.hash } : {}),
          view: renderRequestModal(form),
        });
      } catch (error: unknown) {
        log.warn('request modal not redrawn for the org picked', { error: describeError(error) });
      }
    },
  );

  app.view(
    { callback_id: RequestModalIds.callbackId, type: 'view_submission' },
    async ({ ack, body, view }) => {
      const checked = await forms.check(body.user.id, picksFrom(view.state));
      if (!checked.ok) {
        await ack({ response_action: 'errors', errors: errorsByBlock(checked.error) });
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
        text: checked.value,
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
