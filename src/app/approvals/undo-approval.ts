import { createHash } from 'node:crypto';
import { undoOf } from '../../domain/approvals/undo.ts';
import type { Requester } from '../../domain/job.ts';
import { approvalsEnabled, mayRequest, type Policy } from '../../domain/policy/policy.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { requestIdFor } from '../accept-command.ts';
import type { ApprovalStore, Clock, JobQueue, Log } from '../ports.ts';

/** A click on Undo under a succeeded request's message. */
export interface UndoInput {
  /** The succeeded request (the button's value): never a command text from the click. */
  requestId: string;
  clicker: Requester;
  channelId: string;
  /** The click's response URL: where the undo request's outcome is told. Never logged. */
  responseUrl: string;
}

/** Why an Undo click started nothing; shown to the clicker only. */
export interface UndoRefusal {
  code: 'UNDO.NOT_FOUND' | 'UNDO.NOT_SUCCEEDED' | 'UNDO.NOT_POSSIBLE' | 'UNDO.NOT_ALLOWED';
  message: string;
}

export interface UndoApprovalDeps {
  store: ApprovalStore;
  queue: JobQueue;
  /** The current policy: the clicker is authorized at click time. */
  policy: Policy;
  clock: Clock;
  log: Log;
}

/**
 * A click on Undo (ack path: reads DynamoDB and the policy only).
 *
 * Primary course:
 * 1. Read the original request; only a SUCCEEDED one can be undone.
 * 2. Work out its inverse from its operation, pinned arguments and captured pre-state.
 * 3. Check the clicker may ask for the inverse's risk under the current policy.
 * 4. Enqueue a normal `prepare-approval` job for the inverse (its own fresh plan, approval and
 *    exactly-once execution), with the reason "Undo of R…". The job id is derived from the
 *    original request and the clicker, so a double click makes one request.
 */
export function makeUndoApproval(deps: UndoApprovalDeps) {
  return async (input: UndoInput): Promise<Result<string, UndoRefusal>> => {
    const original = await deps.store.get(input.requestId);
    if (!original) {
      return err({ code: 'UNDO.NOT_FOUND', message: `No approval request ${input.requestId}.` });
    }
    if (original.status !== 'SUCCEEDED') {
      return err({
        code: 'UNDO.NOT_SUCCEEDED',
        message: `Only a succeeded request can be undone; ${original.id} is ${original.status.toLowerCase()}.`,
      });
    }
    const decision = undoOf({
      operationId: original.operationId,
      args: original.args,
      projection: original.plan.projection,
    });
    if (!decision.undoable) {
      return err({
        code: 'UNDO.NOT_POSSIBLE',
        message: `${original.id} cannot be undone: ${decision.why}`,
      });
    }
    const { risk } = decision;
    if (!approvalsEnabled(deps.policy) || !mayRequest(deps.policy, input.clicker, risk)) {
      return err({
        code: 'UNDO.NOT_ALLOWED',
        message: `You are not allowed to ask for ${risk} changes such as /arize ${decision.commandText}.`,
      });
    }
    const jobId = undoJobIdFor(original.id, input.clicker);
    const requestId = requestIdFor(jobId);
    await deps.queue.enqueue({
      id: jobId,
      kind: 'prepare-approval',
      requestId,
      operationId: decision.operationId,
      args: decision.args,
      commandText: decision.commandText,
      public: false,
      requester: input.clicker,
      channelId: input.channelId,
      responseUrl: input.responseUrl,
      enqueuedAt: deps.clock.now().toISOString(),
      reason: `Undo of ${original.id}`,
      replyAsNew: true,
    });
    deps.log.info('undo requested', { approvalId: original.id, undoRequestId: requestId });
    return ok(
      `Preparing approval request ${requestId} to undo ${original.id}: /arize ${decision.commandText}`,
    );
  };
}

/** One undo job per original request and clicker: a double click maps to the same job. */
export function undoJobIdFor(originalId: string, clicker: Requester): string {
  return createHash('sha256')
    .update(`undo:${originalId}:${clicker.teamId}:${clicker.userId}`)
    .digest('hex')
    .slice(0, 32);
}
