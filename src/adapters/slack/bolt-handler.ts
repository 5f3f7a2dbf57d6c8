import { App, AwsLambdaReceiver, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { CommandRequest } from '../../app/accept-command.ts';
import type { Decision, DecisionInput } from '../../app/approvals/decide-approval.ts';
import type { RevealClick } from '../../app/approvals/start-reveal.ts';
import type { UndoInput } from '../../app/approvals/undo-approval.ts';
import type { Log } from '../../app/ports.ts';
import type { Reply } from '../../domain/reply.ts';
import type { Result } from '../../domain/result.ts';
import { describeError } from '../logging/describe-error.ts';
import { answerButtonClick, asIs, shownAsProgress, shownAsText } from './bolt-button-click.ts';
import { type ConfirmationRoutes, registerConfirmationRoutes } from './bolt-confirmation-routes.ts';
import { type DriftRoutes, registerDriftRoutes } from './bolt-drift-routes.ts';
import { type GrantRoutes, registerGrantRoutes } from './bolt-grant-routes.ts';
import {
  openRequestModal,
  opensRequestModal,
  type RequestFormRoutes,
  registerRequestRoutes,
} from './bolt-request-routes.ts';
import { type ReviewRoutes, registerReviewRoutes } from './bolt-review-routes.ts';
import { ApprovalActions } from './render-approval.ts';
import { renderReply, runCommandActionId, runCommandAsideActionId } from './render-reply.ts';
import { RevealActions } from './render-reveal.ts';

export interface SlackRoutes extends ConfirmationRoutes, GrantRoutes, ReviewRoutes, DriftRoutes {
  /** A slash command or a "run this command" button: the answer is shown to the person at once. */
  onCommand(request: CommandRequest): Promise<Reply>;
  /** A click on Approve, Reject or Cancel: the answer is shown to the clicker only. */
  onDecision?(input: DecisionInput): Promise<Result<string, { code: string; message: string }>>;
  /** A click on Undo under a succeeded request: the answer is shown to the clicker only. */
  onUndo?(input: UndoInput): Promise<Result<string, { code: string; message: string }>>;
  /** A click on Reveal in the requester's direct message: opens the secret's window at once. */
  onReveal?(click: RevealClick): Promise<Result<string, { code: string; message: string }>>;
  /** The request modal (its choices, suggestions and checks); without it, people type requests. */
  requestForm?: RequestFormRoutes;
}

export interface BoltHandlerOptions {
  routes: SlackRoutes;
  botToken: () => Promise<string>;
  slackApiUrl?: string;
  log: Log;
}

export type ApiGatewayHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

const unexpectedReply: Reply = {
  kind: 'error',
  code: 'INTERNAL',
  message: 'Something went wrong on our side; nothing was run.',
  hint: 'Try again in a minute.',
};

const modalUnavailable: Reply = {
  kind: 'error',
  code: 'SLACK.MODAL',
  message: 'The request form did not open; nothing was asked.',
  hint: 'Type it instead: /arize request space SPACE --role ROLE --for 4h --reason "…"',
};

/**
 * Bolt routes behind our own verifier: Bolt's signature check is off because ours has already run
 * over the raw bytes (Bolt decodes base64 bodies as ASCII and accepts future timestamps).
 */
export function createBoltHandler(options: BoltHandlerOptions): ApiGatewayHandler {
  const { routes, log } = options;
  const receiver = new AwsLambdaReceiver({
    signingSecret: 'verified-upstream',
    signatureVerification: false,
    logger: boltLogger(log),
  });
  const app = new App({
    receiver,
    // An authorize function keeps Bolt from calling auth.test at construction.
    authorize: async () => ({ botToken: await options.botToken() }),
    logger: boltLogger(log),
    clientOptions: {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: { retries: 1 },
    },
  });
  const answer = async (request: CommandRequest): Promise<Reply> => {
    try {
      return await routes.onCommand(request);
    } catch (error: unknown) {
      log.error('command failed on the ack path', { error: describeError(error) });
      return unexpectedReply;
    }
  };

  app.command('/arize', async ({ command, ack, client }) => {
    if (opensRequestModal(command.text)) {
      const opened = await openRequestModal(
        client,
        routes.requestForm,
        command.trigger_id,
        command.user_id,
        log,
      );
      await (opened
        ? ack()
        : ack({ response_type: 'ephemeral', ...renderReply(modalUnavailable) }));
      return;
    }
    const reply = await answer({
      requester: { teamId: command.team_id, userId: command.user_id },
      channelId: command.channel_id,
      text: command.text,
      responseUrl: command.response_url,
      triggerId: command.trigger_id,
    });
    await ack({ response_type: 'ephemeral', ...renderReply(reply) });
  });

  // A command button runs its command for the clicker through the command's own path, decided
  // under the policy now. An aside button (Re-invite on a channel report) answers the clicker
  // alone, in a new message, so the report others see stays as it is; a plain one speaks only on
  // error.
  for (const [actionId, aside] of [
    [runCommandActionId, false],
    [runCommandAsideActionId, true],
  ] as const) {
    app.action(
      { action_id: actionId, type: 'block_actions' },
      async ({ body, action, ack, respond }) => {
        await ack();
        if (action.type !== 'button' || typeof action.value !== 'string' || !action.value) return;
        const reply = await answer({
          requester: { teamId: body.user.team_id ?? body.team?.id ?? '', userId: body.user.id },
          channelId: body.channel?.id ?? '',
          text: action.value,
          responseUrl: body.response_url,
          triggerId: body.trigger_id,
          ...(aside ? { replyAsNew: true } : {}),
        });
        if (aside) {
          await respond({
            replace_original: false,
            response_type: 'ephemeral',
            ...renderReply(reply),
          });
        } else if (reply.kind === 'error') {
          await respond({ replace_original: false, ...renderReply(reply) });
        }
      },
    );
  }

  const decisions: [string, Decision][] = [
    [ApprovalActions.approve, 'approve'],
    [ApprovalActions.reject, 'reject'],
    [ApprovalActions.cancel, 'cancel'],
  ];
  for (const [actionId, decision] of decisions) {
    // With onApproveClick, Approve is routed in bolt-confirmation-routes (it may open a modal).
    if (decision === 'approve' && routes.onApproveClick) continue;
    // With onRejectClick, Reject opens the modal that asks for a reason.
    if (decision === 'reject' && routes.onRejectClick) continue;
    const onDecision = routes.onDecision;
    if (!onDecision) continue;
    answerButtonClick(app, log, {
      actionId,
      read: asIs,
      route: (requestId, { clicker }) => onDecision({ requestId, decision, voter: clicker }),
      shown: shownAsText,
      unexpected: unexpectedReply,
      failure: 'decision failed on the ack path',
    });
  }

  // Undo: the value is the original request id; the use case reads everything else itself.
  const onUndo = routes.onUndo;
  if (onUndo) {
    answerButtonClick(app, log, {
      actionId: ApprovalActions.undo,
      read: asIs,
      route: (requestId, click) => onUndo({ requestId, ...click }),
      shown: shownAsProgress,
      unexpected: unexpectedReply,
      failure: 'undo failed on the ack path',
    });
  }

  // The request modal: the global shortcut, and its submission run as the typed command.
  registerRequestRoutes(app, answer, routes.requestForm, log);
  // Typed-confirmation modals: the Approve click that opens one, and its view_submission.
  registerConfirmationRoutes(app, routes, log);
  // Time-bound grants: End access now and Extend under their messages.
  registerGrantRoutes(app, routes, log);
  // Access reviews: Keep / Remove / Keep all / pages in a reviewer's message.
  registerReviewRoutes(app, routes, log);
  // Drift against access-as-code: Propose fix under a drift message.
  registerDriftRoutes(app, routes, log);
  // ── Reveal flow (secret operations): the requester's click on Reveal in their DM ──────────
  // The window must open within 3 seconds of the click (trigger_id), so the use case opens it
  // before the ack; a refusal is told to the clicker only.
  app.action(
    { action_id: RevealActions.reveal, type: 'block_actions' },
    async ({ body, action, ack, respond }) => {
      if (action.type !== 'button' || !action.value || !routes.onReveal) {
        await ack();
        return;
      }
      let refusal: Reply | undefined;
      try {
        const result = await routes.onReveal({
          requestId: action.value,
          clicker: { teamId: body.user.team_id ?? body.team?.id ?? '', userId: body.user.id },
          triggerId: body.trigger_id,
          responseUrl: body.response_url,
        });
        if (!result.ok) {
          refusal = { kind: 'error', code: result.error.code, message: result.error.message };
        }
      } catch (error: unknown) {
        log.error('reveal failed on the ack path', { error: describeError(error) });
        refusal = unexpectedReply;
      }
      await ack();
      if (refusal) {
        await respond({
          replace_original: false,
          response_type: 'ephemeral',
          ...renderReply(refusal),
        });
      }
    },
  );
  // ── end of the Reveal flow ────────────────────────────────────────────────────────────────

  const handler = receiver.toHandler();
  return async (event, context) => (await handler(event, context)) as APIGatewayProxyResultV2;
}

/** Routes Bolt's own logging to ours, at warn and above (Bolt may dump payloads at debug). */
function boltLogger(log: Log): BoltLogger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...messages: unknown[]) =>
      log.warn('bolt warning', { detail: messages.map(describeError) }),
    error: (...messages: unknown[]) =>
      log.error('bolt error', { detail: messages.map(describeError) }),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}
