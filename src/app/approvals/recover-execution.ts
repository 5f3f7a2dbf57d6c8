import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { projectionHash } from '../../domain/approvals/plan.ts';
import { ErrorCodes, isAppError } from '../../domain/errors.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import type { Reply } from '../../domain/reply.ts';
import type { GrantRecorder } from '../grants/grant-recorder.ts';
import type { ExecutionContext, Executor } from '../operations/executor.ts';
import type { ApprovalMessenger, ApprovalStore, AuditLog, ChatNotifier, Log } from '../ports.ts';
import { type ApprovedCommand, approvedCommand } from './execution-steps.ts';
import type { PostState } from './plan-builder.ts';
import { readPostState } from './post-states.ts';
import { refreshMessage } from './refresh-message.ts';
import { auditSweep, type SweepAction, sweepReplies, tellRequester } from './sweep-replies.ts';

export interface RecoverExecutionDeps {
  catalogue: readonly OperationDefinition[];
  executors: Readonly<Record<string, Executor>>;
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  notifier: Pick<ChatNotifier, 'reply'>;
  log: Log;
  /** What an executor or plan builder may use to act for this request's requester. */
  contextFor: (request: ApprovalRequest) => Promise<ExecutionContext>;
  /** Records a time-bound change's grants around a re-run; absent, such a change is not re-run. */
  grants?: GrantRecorder;
}

type Decision = 'succeeded' | 'rerun' | 'outcome-unknown';

/**
 * An EXECUTING lease past its time: the worker stopped (killed, timed out) mid-execution.
 *
 * Primary course:
 * 1. Read the post-state: reached → SUCCEEDED (nothing runs again).
 * 2. Else re-read the pre-state: unchanged (same projection hash), never re-run before, and the
 *    operation's retry class allows it (idempotent; reconcile when the read says "not there")
 *    → re-claim the lease with one conditional write, then run it once more.
 * 3. Otherwise FAILED "outcome unknown", said plainly.
 * 4. Each decision is audited before its one conditional write; the loser of a race does nothing.
 *    A read Arize cannot answer now leaves the request for the next sweep ("deferred").
 */
export function makeRecoverExecution(deps: RecoverExecutionDeps) {
  return async (request: ApprovalRequest, now: Date): Promise<SweepAction> => {
    const command = approvedCommand(deps, request);
    if (!command) {
      return finish(deps, request, now, 'FAILED', sweepReplies.outcomeUnknown, 'outcome-unknown');
    }
    const { executor, args } = command;
    const ctx = await deps.contextFor(request);
    const decision = await decide(deps, request, command, ctx);
    if (decision === 'deferred') return 'deferred';
    if (decision === 'succeeded') {
      // The grants were recorded before the change; recording them again adds none.
      await deps.grants?.begin(request);
      return finish(deps, request, now, 'SUCCEEDED', sweepReplies.succeeded(request), 'succeeded');
    }
    if (decision === 'outcome-unknown') {
      return finish(deps, request, now, 'FAILED', sweepReplies.outcomeUnknown, 'outcome-unknown');
    }
    const recoveries = (request.recoveries ?? 0) + 1;
    await auditSweep(deps.audit, request, `recovery-${recoveries}`, 'execution', now, {
      planHash: request.planHash,
      cause: 'lease past its time; pre-state unchanged',
    });
    // The re-claim: EXECUTING again on a newer version (the lease restarts), won by one sweep.
    const claimed = await deps.store.update(request.id, request.version, {
      status: 'EXECUTING',
      recoveries,
    });
    if (!claimed) return 'lost-race';
    const reply = await runOnce(deps, claimed, executor, args, ctx);
    const status = reply.kind === 'error' ? 'FAILED' : 'SUCCEEDED';
    await auditSweep(deps.audit, claimed, `recovery-${recoveries}-result`, 'result', now, {
      status,
    });
    if (!(await deps.store.update(claimed.id, claimed.version, { status, result: reply }))) {
      deps.log.error('approval outcome not stored', { approvalId: claimed.id });
    }
    await refreshMessage(deps, claimed.id);
    await tellRequester(deps, claimed, reply);
    return 'rerun';
  };
}

async function decide(
  deps: RecoverExecutionDeps,
  request: ApprovalRequest,
  { operation, args, steps }: ApprovedCommand,
  ctx: ExecutionContext,
): Promise<Decision | 'deferred'> {
  let post: PostState;
  try {
    post = await readPostState(steps.postState, args, ctx);
  } catch (error: unknown) {
    deps.log.warn('post-state not readable, trying again later', {
      approvalId: request.id,
      error: codeOf(error),
    });
    return 'deferred';
  }
  if (post === 'reached') return 'succeeded';
  const mayRunAgain =
    (request.recoveries ?? 0) === 0 &&
    (operation.retry === 'idempotent' ||
      (operation.retry === 'reconcile' && post === 'not-reached'));
  if (!mayRunAgain) return 'outcome-unknown';
  try {
    const replanned = await steps.plan(args, ctx);
    return projectionHash(replanned.plan.projection) === request.planHash
      ? 'rerun'
      : 'outcome-unknown';
  } catch (error: unknown) {
    if (isAppError(error) && error.code === ErrorCodes.arizeNotFound) return 'outcome-unknown';
    deps.log.warn('pre-state not readable, trying again later', {
      approvalId: request.id,
      error: codeOf(error),
    });
    return 'deferred';
  }
}

async function runOnce(
  deps: RecoverExecutionDeps,
  request: ApprovalRequest,
  executor: Executor,
  args: Record<string, unknown>,
  ctx: ExecutionContext,
): Promise<Reply> {
  const timeBound = request.plan.timeBound !== undefined;
  if (timeBound && !deps.grants) return sweepReplies.outcomeUnknown;
  try {
    if (timeBound) await deps.grants?.begin(request);
    const reply = await executor(args, ctx);
    if (timeBound) await deps.grants?.settle(request, ctx.gateway);
    return reply;
  } catch (error: unknown) {
    deps.log.warn('recovered operation failed', { approvalId: request.id, error: codeOf(error) });
    if (isAppError(error) && error.code !== ErrorCodes.internal) {
      return { kind: 'error', code: 'APPROVAL.FAILED', message: error.message };
    }
    return sweepReplies.outcomeUnknown;
  }
}

/** Audits, then ends the request with one conditional write; the winner redraws and tells. */
async function finish(
  deps: RecoverExecutionDeps,
  request: ApprovalRequest,
  now: Date,
  status: 'SUCCEEDED' | 'FAILED',
  reply: Reply,
  action: SweepAction,
): Promise<SweepAction> {
  // Not `#result`: a worker that stopped may have audited its own intended result already.
  await auditSweep(deps.audit, request, 'sweep-result', 'result', now, { status, cause: action });
  if (!(await deps.store.update(request.id, request.version, { status, result: reply }))) {
    return 'lost-race';
  }
  await refreshMessage(deps, request.id);
  await tellRequester(deps, request, reply);
  return action;
}

const codeOf = (error: unknown): string =>
  isAppError(error) ? error.code : error instanceof Error ? error.name : 'unknown';
