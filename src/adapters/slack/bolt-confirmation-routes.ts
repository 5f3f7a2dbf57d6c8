import type { App } from '@slack/bolt';
import type { ApproveClickInput, ApproveClickOutcome } from '../../app/approvals/approve-click.ts';
import type { RejectClickInput } from '../../app/approvals/reject-click.ts';
import type {
  ConfirmationAnswer,
  ConfirmationSubmission,
} from '../../app/approvals/submit-confirmation.ts';
import type { RejectionSubmission } from '../../app/approvals/submit-rejection.ts';
import type { NoticeView } from '../../app/modal-view.ts';
import type { Log } from '../../app/ports.ts';
import type { Reply } from '../../domain/reply.ts';
import type { Result } from '../../domain/result.ts';
import { describeError } from '../logging/describe-error.ts';
import { ApprovalActions } from './render-approval.ts';
import { ConfirmationIds, RejectIds, renderModal, typedValue } from './render-confirmation.ts';
import { renderReply } from './render-reply.ts';

/** The Approve click that may open a typed-confirmation modal, and that modal's submission. */
export interface ConfirmationRoutes {
  /** Approve: votes, or opens the modal when the plan asks for a typed confirmation. */
  onApproveClick?(input: ApproveClickInput): Promise<Result<ApproveClickOutcome, Refusal>>;
  /** The modal's Approve (view_submission): answered in the HTTP response within 3 s. */
  onConfirmationSubmit?(input: ConfirmationSubmission): Promise<ConfirmationAnswer>;
  /** Reject: opens the modal that asks for an optional reason. */
  onRejectClick?(input: RejectClickInput): Promise<Result<'asking', Refusal>>;
  /** The Reject modal's submission: rejects, answered in the HTTP response. */
  onRejectSubmit?(input: RejectionSubmission): Promise<NoticeView>;
}

const unexpected = 'Something went wrong on our side; nothing was recorded. Try again in a minute.';

type Refusal = { code: string; message: string };
type ClickInput = {
  requestId: string;
  voter: { teamId: string; userId: string };
  triggerId: string;
};

const clickerOf = (body: {
  user: { id: string; team_id?: string };
  team?: { id: string } | null;
}) => ({
  teamId: body.user.team_id ?? body.team?.id ?? '',
  userId: body.user.id,
});

/**
 * A button whose click may open a modal (its trigger_id is valid 3 s): the use case answers with
 * what the clicker should read, if anything (a refusal, a recorded vote), shown to them only.
 */
function registerModalClick(
  app: App,
  log: Log,
  actionId: string,
  click: (input: ClickInput) => Promise<Reply | undefined>,
): void {
  app.action(
    { action_id: actionId, type: 'block_actions' },
    async ({ body, action, ack, respond }) => {
      await ack();
      if (action.type !== 'button' || !action.value) return;
      let reply: Reply | undefined;
      try {
        reply = await click({
          requestId: action.value,
          voter: clickerOf(body),
          triggerId: body.trigger_id,
        });
      } catch (error: unknown) {
        log.error('modal click failed on the ack path', { actionId, error: describeError(error) });
        reply = { kind: 'error', code: 'INTERNAL', message: unexpected };
      }
      if (reply) {
        await respond({
          replace_original: false,
          response_type: 'ephemeral',
          ...renderReply(reply),
        });
      }
    },
  );
}

const refusalReply = (error: Refusal): Reply => ({
  kind: 'error',
  code: error.code,
  message: error.message,
});

/**
 * Registers the Approve button (when `onApproveClick` is given; otherwise the plain decision route
 * handles it), the Reject button (when `onRejectClick` is given) and their modals' submissions.
 */
export function registerConfirmationRoutes(app: App, routes: ConfirmationRoutes, log: Log): void {
  const { onApproveClick, onConfirmationSubmit, onRejectClick, onRejectSubmit } = routes;
  if (onRejectClick) {
    registerModalClick(app, log, ApprovalActions.reject, async (input) => {
      const result = await onRejectClick(input);
      return result.ok ? undefined : refusalReply(result.error);
    });
  }
  if (onRejectSubmit) {
    app.view(
      { callback_id: RejectIds.callbackId, type: 'view_submission' },
      async ({ ack, body, view }) => {
        let answer: NoticeView;
        try {
          answer = await onRejectSubmit({
            requestId: view.private_metadata,
            voter: clickerOf(body),
            reason: typedValue(view.state, RejectIds),
          });
        } catch (error: unknown) {
          log.error('rejection failed on the ack path', { error: describeError(error) });
          answer = { kind: 'notice', title: 'Not recorded', text: unexpected };
        }
        await ack({ response_action: 'update', view: renderModal(answer) });
      },
    );
  }
  if (onApproveClick) {
    registerModalClick(app, log, ApprovalActions.approve, async (input) => {
      const result = await onApproveClick(input);
      if (!result.ok) return refusalReply(result.error);
      return result.value.kind === 'voted'
        ? { kind: 'text', text: result.value.message }
        : undefined;
    });
  }
  if (onConfirmationSubmit) {
    app.view(
      { callback_id: ConfirmationIds.callbackId, type: 'view_submission' },
      async ({ ack, body, view }) => {
        let answer: ConfirmationAnswer;
        try {
          answer = await onConfirmationSubmit({
            requestId: view.private_metadata,
            voter: clickerOf(body),
            typed: typedValue(view.state),
          });
        } catch (error: unknown) {
          log.error('confirmation failed on the ack path', { error: describeError(error) });
          answer = { kind: 'notice', title: 'Not recorded', text: unexpected };
        }
        if (answer.kind === 'retype') {
          await ack({
            response_action: 'errors',
            errors: { [ConfirmationIds.inputBlock]: answer.message },
          });
          return;
        }
        await ack({ response_action: 'update', view: renderModal(answer) });
      },
    );
  }
}
