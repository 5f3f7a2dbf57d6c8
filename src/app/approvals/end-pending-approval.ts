import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { appendAudit } from '../append-audit.ts';
import type { ApprovalStore, AuditLog, Clock, Log } from '../ports.ts';
import {
  alreadyDecided,
  busy,
  type DecisionRefusal,
  maxDecisionAttempts,
} from './decision-refusal.ts';

/** What ending a pending request needs: its store, the audit trail, the time and the log. */
export interface EndPendingApprovalDeps {
  store: ApprovalStore;
  audit: AuditLog;
  clock: Clock;
  log: Log;
}

const events = { REJECTED: 'rejected', CANCELLED: 'cancelled', EXPIRED: 'expired' } as const;

/**
 * Ends a pending request (rejected, cancelled or expired). Its audit record follows the
 * conditional write (the vote record preceded it): with concurrent clicks only the write itself
 * decides whose decision it was.
 */
export async function endPendingApproval(
  deps: EndPendingApprovalDeps,
  request: ApprovalRequest,
  status: 'REJECTED' | 'CANCELLED' | 'EXPIRED',
  actor: string | undefined,
  changes: { rejectedBy?: string; rejectReason?: string },
  message: string,
): Promise<Result<string, DecisionRefusal>> {
  for (let attempt = 0; attempt < maxDecisionAttempts; attempt += 1) {
    const current = await deps.store.get(request.id);
    if (!current) return err({ code: 'APPROVAL.NOT_FOUND', message: 'No such approval request.' });
    if (current.status !== 'PENDING') return err(alreadyDecided(current.status));
    if (await deps.store.update(request.id, current.version, { status, ...changes })) {
      const detail: Record<string, string> = changes.rejectReason
        ? { reason: changes.rejectReason }
        : {};
      await appendAudit(deps, request, events[status], detail, { actor });
      deps.log.info('approval decided', { approvalId: request.id, decision: status });
      return ok(message);
    }
  }
  return err(busy);
}
