import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { describeChanges, projectionHash } from '../../domain/approvals/plan.ts';
import { isAppError } from '../../domain/errors.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import type { Reply } from '../../domain/reply.ts';
import type { ExecutionContext, Executor } from '../operations/executor.ts';
import type { ApprovalMessenger, ChatNotifier, Log } from '../ports.ts';
import { type ApprovalCommand, approvalCommandOf } from './approval-command.ts';
import type { PlanBuilder } from './plan-builder.ts';

/**
 * Steps shared by the two ways an approved request runs: `execute-approval` (everything but
 * secrets) and `reveal-secret` (secrets, after the requester's Reveal click).
 */

/** How an approved request ended. */
export interface Outcome {
  status: 'SUCCEEDED' | 'FAILED' | 'STALE';
  reply: Reply;
  staleReason?: string;
}

export const failedOutcome = (message: string, hint?: string): Outcome => ({
  status: 'FAILED',
  reply: { kind: 'error', code: 'APPROVAL.FAILED', message, ...(hint ? { hint } : {}) },
});

export const staleOutcome = (reason: string): Outcome => ({
  status: 'STALE',
  staleReason: reason,
  reply: {
    kind: 'error',
    code: 'APPROVAL.STALE',
    message: `Not run: what was approved changed before it could run (${reason}).`,
    hint: 'Run the command again to ask for a fresh approval.',
  },
});

/** A stored request checked again: its operation, typed arguments, risk, executor and steps. */
export interface ApprovedCommand extends ApprovalCommand {
  executor: Executor;
}

/** The approved command of a stored request; undefined if no longer valid in this version. */
export function approvedCommand(
  deps: {
    catalogue: readonly OperationDefinition[];
    executors: Readonly<Record<string, Executor>>;
  },
  request: ApprovalRequest,
): ApprovedCommand | undefined {
  const command = approvalCommandOf(request, deps.catalogue);
  const executor = deps.executors[request.operationId];
  return command && executor ? { ...command, executor } : undefined;
}

/** The outcome of a request no longer valid in this version. */
export const noLongerValid = (request: ApprovalRequest): Outcome =>
  failedOutcome(`${request.commandText} is no longer valid in this version; nothing was run.`);

/**
 * Reads the pre-state again and compares its projection with the approved one: a STALE outcome
 * (saying what changed) or a FAILED one when it cannot be read; undefined when it still holds.
 */
export async function recheckPlan(
  request: ApprovalRequest,
  plan: PlanBuilder,
  args: Record<string, unknown>,
  ctx: ExecutionContext,
): Promise<Outcome | undefined> {
  try {
    const replanned = await plan(args, ctx);
    if (projectionHash(replanned.plan.projection) === request.planHash) return undefined;
    const changes = describeChanges(request.plan.projection, replanned.plan.projection);
    return staleOutcome(changes.join('; ') || 'the pre-state changed');
  } catch (error: unknown) {
    if (!isAppError(error)) return failedOutcome('Not run: the pre-state could not be read again.');
    return staleOutcome(`the target could not be read again: ${error.message}`);
  }
}

/** The response URL while it works (about 30 minutes), else a direct message. */
export async function tellRequester(
  deps: { notifier: Pick<ChatNotifier, 'reply'>; messenger: ApprovalMessenger; log: Log },
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
