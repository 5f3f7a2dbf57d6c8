import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { Reply } from '../../domain/reply.ts';
import { appendAudit } from '../append-audit.ts';
import type { AuditLog, AuditRecord } from '../ports.ts';
import { failedOutcome } from './execution-steps.ts';

/** What the sweep did to one request (or why it did nothing). */
export const SweepActions = [
  'expired',
  'requeued',
  'not-started',
  'not-revealed',
  'reveal-ended',
  'succeeded',
  'rerun',
  'outcome-unknown',
  'lost-race',
  'deferred',
] as const;
export type SweepAction = (typeof SweepActions)[number];

export interface SweepOutcome {
  requestId: string;
  action: SweepAction;
}

const failure = (message: string, hint?: string): Reply => failedOutcome(message, hint).reply;

/** The replies the sweep stores and sends; each says plainly whether anything may have run. */
export const sweepReplies = {
  expired: (request: ApprovalRequest): Reply =>
    failure(
      `Expired: nobody approved ${request.id} (${request.commandText}) in time. Nothing was run.`,
      'Run the command again to ask for a fresh approval.',
    ),
  notStarted: failure(
    'Not run: no worker picked up the approved change after several attempts.',
    'Run the command again to ask for a fresh approval.',
  ),
  notRevealed: failure(
    'Not revealed in time, so the secret was never created (no key, no password).',
    'Run the command again to ask for a fresh approval, then click Reveal.',
  ),
  outcomeUnknown: failure(
    'The outcome is unknown: the worker stopped while running the approved change, and arize-ops cannot tell whether it took effect.',
    'Check the target in Arize before trying again.',
  ),
  succeeded: (request: ApprovalRequest): Reply => ({
    kind: 'text',
    text: `Done: ${request.commandText} took effect (the worker stopped before it could report; arize-ops read the result back).`,
  }),
};

/** Appends an audit record of a sweep step at its scheduled time; a repeated sweep adds nothing. */
export function auditSweep(
  audit: AuditLog,
  request: ApprovalRequest,
  key: string,
  event: AuditRecord['event'],
  at: Date,
  detail: Record<string, string | number | boolean>,
): Promise<void> {
  return appendAudit(
    { audit, clock: { now: () => at } },
    request,
    event,
    { by: 'sweep', ...detail },
    { key },
  );
}

export { tellRequester } from './execution-steps.ts';
