import { type ApprovalRequest, isFinal } from '../../domain/approvals/approval.ts';
import { isAppError } from '../../domain/errors.ts';
import type { ExecuteApprovalJob } from '../../domain/job.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import { appendAudit } from '../append-audit.ts';
import type { GrantRecorder } from '../grants/grant-recorder.ts';
import type { ExecutionContext, Executor } from '../operations/executor.ts';
import type {
  ApprovalMessenger,
  ApprovalStore,
  AuditLog,
  ChatNotifier,
  Clock,
  FileSharer,
  Log,
} from '../ports.ts';
import {
  type ApprovedCommand,
  approvedCommand,
  failedOutcome,
  noLongerValid,
  type Outcome,
  recheckPlan,
  tellRequester,
} from './execution-steps.ts';
import { refreshMessage } from './refresh-message.ts';
import { shareBulkResult } from './share-bulk-result.ts';

export interface ExecuteApprovalDeps {
  catalogue: readonly OperationDefinition[];
  executors: Readonly<Record<string, Executor>>;
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  notifier: Pick<ChatNotifier, 'reply'>;
  clock: Clock;
  log: Log;
  /** Shares a bulk request's plan and per-item result as CSV; absent, none is attached. */
  files?: FileSharer;
  /**
   * Secret operations: sends the requester the Reveal button instead of running (the secret is
   * created at the click). Absent, an approved secret operation fails and nothing is created.
   */
  offerReveal?: (request: ApprovalRequest) => Promise<void>;
  /** Records the grants of a time-bound change around it. Absent, a time-bound change is not run. */
  grants?: GrantRecorder;
}

/**
 * Runs an approved request exactly once (worker).
 *
 * Primary course:
 * 1. A secret operation is not run here: the requester is sent a Reveal button (`offerReveal`)
 *    and the request stays APPROVED until the click.
 * 2. Claim it: one conditional write APPROVED → EXECUTING; a redelivery finds it taken and stops.
 * 3. Re-read the pre-state and re-project it; a different hash → STALE (saying what changed).
 * 4. Run the operation's executor on the pinned arguments.
 * 5. Audit and store SUCCEEDED or FAILED with the result, before anyone is told.
 * 6. Redraw the message (only if newer) and tell the requester.
 * 7. A bulk request also gets its full plan and per-item result as a CSV file.
 * 8. Delivered again once it ended (the worker stopped before its redraw): redraw it, nothing more.
 */
export function makeExecuteApproval(deps: ExecuteApprovalDeps) {
  return async (job: ExecuteApprovalJob, ctx: ExecutionContext): Promise<void> => {
    const request = await deps.store.get(job.requestId);
    if (request?.status !== 'APPROVED') {
      deps.log.info('approval not runnable', {
        approvalId: job.requestId,
        status: request?.status ?? 'missing',
      });
      // A delivery again after the worker stopped between storing the outcome and drawing it.
      if (request && isFinal(request.status))
        await refreshMessage(deps, request.id, { again: true });
      return;
    }
    // Looked up and validated once: its risk decides the path, its executor runs.
    const command = approvedCommand(deps, request);
    if (command?.risk === 'secret' && deps.offerReveal) {
      await deps.offerReveal(request);
      return;
    }
    await appendAudit(deps, request, 'execution', { planHash: request.planHash });
    const claimed = await deps.store.update(request.id, request.version, { status: 'EXECUTING' });
    if (!claimed) {
      deps.log.info('approval claimed by another delivery', { approvalId: request.id });
      return;
    }
    await refreshMessage(deps, request.id);
    const outcome = await run(deps, claimed, command, ctx);
    await appendAudit(deps, claimed, 'result', {
      status: outcome.status,
      ...(outcome.staleReason ? { staleReason: outcome.staleReason } : {}),
    });
    const saved = await deps.store.update(claimed.id, claimed.version, {
      status: outcome.status,
      result: outcome.reply,
      ...(outcome.staleReason ? { staleReason: outcome.staleReason } : {}),
    });
    if (!saved) deps.log.error('approval outcome not stored', { approvalId: claimed.id });
    await refreshMessage(deps, claimed.id);
    await tellRequester(deps, claimed, outcome.reply);
    if (outcome.status !== 'STALE') {
      await shareBulkResult(deps, claimed, outcome.status, outcome.reply);
    }
  };
}

async function run(
  deps: ExecuteApprovalDeps,
  request: ApprovalRequest,
  command: ApprovedCommand | undefined,
  ctx: ExecutionContext,
): Promise<Outcome> {
  if (!command) return noLongerValid(request);
  if (command.risk === 'secret') {
    // Its executor would put the secret in the stored result: only the Reveal flow runs it.
    return failedOutcome('Not run: secret operations are delivered by the Reveal flow only.');
  }
  const changed = await recheckPlan(request, command.steps.plan, command.args, ctx);
  if (changed) return changed;
  if (request.plan.timeBound && !deps.grants) {
    return failedOutcome('Not run: time-bound grants cannot be recorded here, so none was made.');
  }
  try {
    // The grants are recorded before the change: a worker killed after it still leaves an end.
    await deps.grants?.begin(request);
    const reply = await command.executor(command.args, ctx);
    if (request.plan.timeBound) await deps.grants?.settle(request, ctx.gateway);
    return { status: 'SUCCEEDED', reply };
  } catch (error: unknown) {
    deps.log.warn('approved operation failed', {
      approvalId: request.id,
      code: isAppError(error) ? error.code : 'unexpected',
    });
    if (isAppError(error) && error.code !== 'INTERNAL') return failedOutcome(error.message);
    return failedOutcome('The outcome is unknown: the operation stopped with an unexpected error.');
  }
}
