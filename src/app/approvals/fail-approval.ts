import type { Reply } from '../../domain/reply.ts';
import { appendAudit } from '../append-audit.ts';
import type { ApprovalMessenger, ApprovalStore, AuditLog, Clock, Log } from '../ports.ts';
import { refreshMessage } from './refresh-message.ts';

export interface FailApprovalDeps {
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  clock: Clock;
  log: Log;
}

const notStarted: Reply = {
  kind: 'error',
  code: 'APPROVAL.FAILED',
  message: 'Not run: the worker could not start the approved change after several attempts.',
  hint: 'Run the command again to ask for a fresh approval.',
};

/** A reveal that stopped mid-way is the sweep's (it holds the Arize key and waits for the lease). */
const revealRecovering: Reply = {
  kind: 'error',
  code: 'APPROVAL.FAILED',
  message:
    'Your reveal stopped before the secret could be shown. Within a few minutes the bot checks what was made and revokes any key it created; you will be told the outcome.',
};

const unknownOutcome: Reply = {
  kind: 'error',
  code: 'APPROVAL.FAILED',
  message:
    'The outcome is unknown: the worker stopped while running the approved change. Check the target before trying again.',
};

/**
 * A dead-lettered execute job: its request must not stay "Running…" forever (worker DLQ).
 *
 * Primary course:
 * 1. Read the request; only APPROVED (never started) or EXECUTING (stopped) ones are failed. An
 *    EXECUTING reveal is left to the sweep, which revokes what it made once its lease has passed
 *    (this function holds no Arize key); the requester is told so.
 * 2. Audit, then store FAILED with a reply that says plainly whether anything may have run.
 * 3. Redraw the message; return the reply for the requester.
 */
export function makeFailApproval(deps: FailApprovalDeps) {
  return async (requestId: string): Promise<Reply | undefined> => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const request = await deps.store.get(requestId);
      if (request?.status !== 'APPROVED' && request?.status !== 'EXECUTING') return undefined;
      if (request.status === 'EXECUTING' && request.revealViewId) return revealRecovering;
      const reply = request.status === 'APPROVED' ? notStarted : unknownOutcome;
      await appendAudit(deps, request, 'result', {
        status: 'FAILED',
        cause: 'dead-lettered',
        from: request.status,
      });
      if (
        await deps.store.update(request.id, request.version, { status: 'FAILED', result: reply })
      ) {
        deps.log.warn('dead-lettered approval failed', { approvalId: request.id });
        await refreshMessage(deps, request.id);
        return reply;
      }
    }
    return undefined;
  };
}
