import type { AuditLog, AuditRecord, Clock } from './ports.ts';

/** Who caused an audited event, and how its id is told apart from the same event's others. */
export interface AuditOptions {
  /** The Slack user who caused it, when a person did. */
  actor?: string | undefined;
  /** What follows `#` in the id (default: the event), e.g. `vote#U1`: one vote per person. */
  key?: string;
}

/**
 * Appends the audit record of an event about a request or a grant: the one place a record is
 * made. Its id is deterministic (`subject#key`), so a retry adds nothing; its `requestId` is the
 * subject's request (a grant's) or the subject itself (a request).
 */
export function appendAudit(
  deps: { audit: AuditLog; clock: Clock },
  subject: { id: string; requestId?: string },
  event: AuditRecord['event'],
  detail: AuditRecord['detail'],
  options: AuditOptions = {},
): Promise<void> {
  return deps.audit.append({
    id: `${subject.id}#${options.key ?? event}`,
    requestId: subject.requestId ?? subject.id,
    event,
    at: deps.clock.now().toISOString(),
    ...(options.actor ? { actor: options.actor } : {}),
    detail,
  });
}
