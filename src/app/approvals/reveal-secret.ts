import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { isAppError } from '../../domain/errors.ts';
import type { RevealSecretJob } from '../../domain/job.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import type { Reply } from '../../domain/reply.ts';
import { appendAudit } from '../append-audit.ts';
import type { ExecutionContext, Executor } from '../operations/executor.ts';
import type {
  ApprovalMessenger,
  ApprovalStore,
  AuditLog,
  ChatNotifier,
  Clock,
  Log,
  ModalPresenter,
  RevealMessenger,
} from '../ports.ts';
import {
  type CapturedSecret,
  captureSecrets,
  scrubReply,
  withoutSecretFields,
} from './capture-secrets.ts';
import {
  approvedCommand,
  failedOutcome,
  noLongerValid,
  type Outcome,
  recheckPlan,
  tellRequester,
} from './execution-steps.ts';
import { refreshMessage } from './refresh-message.ts';
import { endedView, secretView } from './reveal-views.ts';
import { undeliveredOutcome } from './undelivered-outcome.ts';

export interface RevealSecretDeps {
  catalogue: readonly OperationDefinition[];
  executors: Readonly<Record<string, Executor>>;
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  notifier: Pick<ChatNotifier, 'reply'>;
  reveals: RevealMessenger;
  modals: ModalPresenter;
  clock: Clock;
  log: Log;
}

/** An outcome, and whether a secret reached the requester's window. */
interface RevealOutcome extends Outcome {
  delivered: boolean;
  revoked?: boolean;
}

/**
 * Creates (or refreshes) the secret of an approved request and shows it once, in the window the
 * Reveal click opened (worker). The secret is never logged or stored: only the window sees it.
 *
 * Primary course:
 * 1. Claim it: only the job of the winning click's window, one conditional write APPROVED →
 *    EXECUTING; a redelivery or a second job finds it taken and stops.
 * 2. Re-read the pre-state and re-project it; a different hash → STALE, nothing is created.
 * 3. Run the operation, capturing the secret where the gateway returns it; record a created
 *    key's id (never its secret) so an interrupted reveal can be revoked.
 * 4. Show it in the window (`views.update`). If that fails, revoke the key (a temporary password
 *    cannot be revoked: the result says what state the user is in and what to do).
 * 5. Audit and store SUCCEEDED or FAILED with a result that holds no secret; redraw the approval
 *    message and the direct message; tell the requester.
 */
export function makeRevealSecret(deps: RevealSecretDeps) {
  return async (job: RevealSecretJob, ctx: ExecutionContext): Promise<void> => {
    const request = await deps.store.get(job.requestId);
    if (request?.status !== 'APPROVED' || request.revealViewId !== job.viewId) {
      deps.log.info('reveal not runnable', {
        approvalId: job.requestId,
        status: request?.status ?? 'missing',
      });
      return;
    }
    await appendAudit(deps, request, 'execution', { planHash: request.planHash, via: 'reveal' });
    const claimed = await deps.store.update(request.id, request.version, { status: 'EXECUTING' });
    if (!claimed) {
      deps.log.info('reveal claimed by another delivery', { approvalId: request.id });
      return;
    }
    await refreshMessage(deps, request.id);
    const { outcome, latest } = await reveal(deps, claimed, job.viewId, ctx);
    await appendAudit(deps, latest, 'result', {
      status: outcome.status,
      delivered: outcome.delivered,
      ...(outcome.revoked !== undefined ? { revoked: outcome.revoked } : {}),
      ...(outcome.staleReason ? { staleReason: outcome.staleReason } : {}),
    });
    const saved = await deps.store.update(latest.id, latest.version, {
      status: outcome.status,
      result: outcome.reply,
      ...(outcome.staleReason ? { staleReason: outcome.staleReason } : {}),
    });
    await refreshMessage(deps, latest.id);
    if (!saved) {
      // Someone else ended it meanwhile (the sweep, after this worker took too long): theirs stands.
      deps.log.error('approval outcome not stored', { approvalId: latest.id });
      return;
    }
    if (latest.revealMessage) {
      await deps.reveals.settle(latest.revealMessage, saved).catch((error: unknown) => {
        deps.log.warn('reveal message not updated', {
          approvalId: latest.id,
          error: error instanceof Error ? error.message : 'unknown',
        });
      });
    }
    await tellRequester(deps, latest, outcome.reply);
  };
}

async function reveal(
  deps: RevealSecretDeps,
  request: ApprovalRequest,
  viewId: string,
  ctx: ExecutionContext,
): Promise<{ outcome: RevealOutcome; latest: ApprovalRequest }> {
  const ended = async (outcome: Outcome) => {
    await deps.modals.update(viewId, endedView(request, outcome.reply)).catch(() => undefined);
    return { outcome: { ...outcome, delivered: false }, latest: request };
  };
  const command = approvedCommand(deps, request);
  if (!command) return ended(noLongerValid(request));
  const changed = await recheckPlan(request, command.steps.plan, command.args, ctx);
  if (changed) return ended(changed);
  const capture = captureSecrets(ctx.gateway);
  const values = () => capture.captured.map((s) => s.value);
  let summary: Reply;
  try {
    summary = await command.executor(command.args, { ...ctx, gateway: capture.gateway });
  } catch (error: unknown) {
    deps.log.warn('approved operation failed', {
      approvalId: request.id,
      code: isAppError(error) ? error.code : 'unexpected',
    });
    const [made] = capture.captured;
    if (made) return undelivered(deps, ctx, viewId, request, made);
    if (isAppError(error) && error.code !== 'INTERNAL') return ended(failedOutcome(error.message));
    return ended(
      failedOutcome('The outcome is unknown: the operation stopped with an unexpected error.'),
    );
  }
  const [secret] = capture.captured;
  const stored = scrubReply(summary, values());
  if (!secret) {
    // e.g. an invitation for an e-mail already invited: no secret was made, nothing to show.
    return ended({ status: 'SUCCEEDED', reply: stored });
  }
  let latest = request;
  if (secret.kind === 'api-key') {
    const saved = await deps.store.update(request.id, request.version, {
      revealedKeyId: secret.keyId,
    });
    if (saved) latest = saved;
  }
  try {
    await deps.modals.update(
      viewId,
      secretView(request, secret, withoutSecretFields(summary, values())),
    );
  } catch (error: unknown) {
    deps.log.warn('secret not delivered', {
      approvalId: request.id,
      error: error instanceof Error ? error.message : 'unknown',
    });
    return undelivered(deps, ctx, viewId, latest, secret);
  }
  deps.log.info('secret delivered', { approvalId: request.id });
  // Recorded at once: if this worker stops before the outcome is stored, the recovery knows the
  // requester holds the secret and must not revoke it.
  const delivered = await deps.store.update(latest.id, latest.version, { revealDelivered: true });
  if (delivered) latest = delivered;
  return { outcome: { status: 'SUCCEEDED', reply: stored, delivered: true }, latest };
}

/** A secret that never reached its window: revoke a key; say plainly what to do otherwise. */
async function undelivered(
  deps: RevealSecretDeps,
  ctx: ExecutionContext,
  viewId: string,
  request: ApprovalRequest,
  secret: CapturedSecret,
): Promise<{ outcome: RevealOutcome; latest: ApprovalRequest }> {
  const outcome = await undeliveredOutcome(ctx.gateway, deps.log, request, secret);
  // If the window is still there (Slack refused one update), it says what happened instead.
  await deps.modals.update(viewId, endedView(request, outcome.reply)).catch(() => undefined);
  return { outcome: { ...outcome, delivered: false }, latest: request };
}
