import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { describeChanges, projectionHash } from '../../domain/approvals/plan.ts';
import { isAppError } from '../../domain/errors.ts';
import type { ExecuteApprovalJob } from '../../domain/job.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import type { Reply } from '../../domain/reply.ts';
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
import { planBuilderFor } from './plans.ts';
import { refreshMessage } from './refresh-message.ts';
import { shareBulkResult } from './share-bulk-result.ts';

export interface ExecuteApprovalDeps {
  catalogue: readonly OperationDefinition[];
  executors: Readonly<Record<string, Executor>>;
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  notifier: ChatNotifier;
  clock: Clock;
  log: Log;
  /** Shares a bulk request's plan and per-item result as CSV; absent, none is attached. */
  files?: FileSharer;
}

/**
 * Runs an approved request exactly once (worker).
 *
 * Primary course:
 * 1. Claim it: one conditional write APPROVED → EXECUTING; a redelivery finds it taken and stops.
 * 2. Re-read the pre-state and re-project it; a different hash → STALE (saying what changed).
 * 3. Run the operation's executor on the pinned arguments.
 * 4. Audit and store SUCCEEDED or FAILED with the result, before anyone is told.
 * 5. Redraw the message (only if newer) and tell the requester.
 * 6. A bulk request also gets its full plan and per-item result as a CSV file.
 */
export function makeExecuteApproval(deps: ExecuteApprovalDeps) {
  return async (job: ExecuteApprovalJob, ctx: ExecutionContext): Promise<void> => {
    const request = await deps.store.get(job.requestId);
    if (request?.status !== 'APPROVED') {
      deps.log.info('approval not runnable', {
        approvalId: job.requestId,
        status: request?.status ?? 'missing',
      });
      return;
    }
    await record(deps, request, 'execution', { planHash: request.planHash });
    const claimed = await deps.store.update(request.id, request.version, { status: 'EXECUTING' });
    if (!claimed) {
      deps.log.info('approval claimed by another delivery', { approvalId: request.id });
      return;
    }
    await refreshMessage(deps, request.id);
    const outcome = await run(deps, claimed, ctx);
    await record(deps, claimed, 'result', {
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

interface Outcome {
  status: 'SUCCEEDED' | 'FAILED' | 'STALE';
  reply: Reply;
  staleReason?: string;
}

async function run(
  deps: ExecuteApprovalDeps,
  request: ApprovalRequest,
  ctx: ExecutionContext,
): Promise<Outcome> {
  const operation = deps.catalogue.find((op) => op.id === request.operationId);
  const executor = deps.executors[request.operationId];
  const args = operation?.schema.safeParse(request.args);
  if (!operation || !executor || !args?.success) {
    return failed(`${request.commandText} is no longer valid in this version; nothing was run.`);
  }
  try {
    const replanned = await planBuilderFor(operation.id)(args.data, ctx);
    if (projectionHash(replanned.plan.projection) !== request.planHash) {
      const changes = describeChanges(request.plan.projection, replanned.plan.projection);
      return stale(changes.join('; ') || 'the pre-state changed');
    }
  } catch (error: unknown) {
    if (!isAppError(error)) return failed('Not run: the pre-state could not be read again.');
    return stale(`the target could not be read again: ${error.message}`);
  }
  try {
    return { status: 'SUCCEEDED', reply: await executor(args.data, ctx) };
  } catch (error: unknown) {
    deps.log.warn('approved operation failed', {
      approvalId: request.id,
      code: isAppError(error) ? error.code : 'unexpected',
    });
    if (isAppError(error) && error.code !== 'INTERNAL') return failed(error.message);
    return failed('The outcome is unknown: the operation stopped with an unexpected error.');
  }
}

const failed = (message: string): Outcome => ({
  status: 'FAILED',
  reply: { kind: 'error', code: 'APPROVAL.FAILED', message },
});

const stale = (reason: string): Outcome => ({
  status: 'STALE',
  staleReason: reason,
  reply: {
    kind: 'error',
    code: 'APPROVAL.STALE',
    message: `Not run: what was approved changed before it could run (${reason}).`,
    hint: 'Run the command again to ask for a fresh approval.',
  },
});

function record(
  deps: ExecuteApprovalDeps,
  request: ApprovalRequest,
  event: 'execution' | 'result',
  detail: Record<string, string>,
): Promise<void> {
  return deps.audit.append({
    id: `${request.id}#${event}`,
    requestId: request.id,
    event,
    at: deps.clock.now().toISOString(),
    detail,
  });
}

/** The response URL while it works (about 30 minutes), else a direct message. */
async function tellRequester(
  deps: ExecuteApprovalDeps,
  request: ApprovalRequest,
  reply: Reply,
): Promise<void> {
  try {
    await deps.notifier.reply(
      { kind: 'response-url', url: request.responseUrl, replaceOriginal: false },
      reply,
    );
    return;
  } catch (error: unknown) {
    deps.log.info('response url refused, sending a direct message', {
      approvalId: request.id,
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
  try {
    await deps.messenger.tell(request.requester.userId, reply);
  } catch (error: unknown) {
    deps.log.warn('requester not told', {
      approvalId: request.id,
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
}
