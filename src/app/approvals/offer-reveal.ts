import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { defaultRevealWindowMs } from '../../domain/approvals/reveal-refusal.ts';
import type { Reply } from '../../domain/reply.ts';
import { appendAudit } from '../append-audit.ts';
import type {
  ApprovalMessenger,
  ApprovalStore,
  AuditLog,
  ChatNotifier,
  Clock,
  Log,
  RevealMessenger,
} from '../ports.ts';
import { tellRequester } from './execution-steps.ts';
import { refreshMessage } from './refresh-message.ts';
import { secretNoun } from './reveal-views.ts';

export interface OfferRevealDeps {
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  notifier: Pick<ChatNotifier, 'reply'>;
  reveals: RevealMessenger;
  clock: Clock;
  log: Log;
  /** How long the requester has to click Reveal (default 30 minutes). */
  revealWindowMs?: number;
}

/**
 * The execute step of an approved secret operation (worker): nothing is created yet.
 *
 * Primary course:
 * 1. Audit, then set `revealBy` on the APPROVED request (one conditional write: a concurrent
 *    delivery that loses it stops; a later redelivery finds it set and goes on from there).
 * 2. Send the requester a direct message with the Reveal button; record where it is.
 * 3. Redraw the approval message (it says a direct message was sent) and tell the requester.
 */
export function makeOfferReveal(deps: OfferRevealDeps) {
  return async (request: ApprovalRequest): Promise<void> => {
    const current = await withRevealBy(deps, request);
    if (!current) return;
    if (current.revealMessage) {
      deps.log.info('reveal already offered', { approvalId: current.id });
      return;
    }
    const message = await deps.reveals.offer(current);
    const saved = await deps.store.update(current.id, current.version, { revealMessage: message });
    if (!saved) deps.log.warn('reveal message not recorded', { approvalId: current.id });
    await refreshMessage(deps, current.id);
    await tellRequester(deps, current, offeredReply(current));
    deps.log.info('reveal offered', { approvalId: current.id });
  };
}

async function withRevealBy(
  deps: OfferRevealDeps,
  request: ApprovalRequest,
): Promise<ApprovalRequest | undefined> {
  if (request.revealBy) return request;
  const now = deps.clock.now().getTime();
  const revealBy = new Date(now + (deps.revealWindowMs ?? defaultRevealWindowMs)).toISOString();
  await appendAudit(deps, request, 'reveal-offered', { revealBy });
  const saved = await deps.store.update(request.id, request.version, { revealBy });
  // Lost: another delivery is offering it right now (one DM, not two).
  if (!saved) deps.log.info('reveal offered by another delivery', { approvalId: request.id });
  return saved;
}

/** What the requester is told where they asked. */
export const offeredReply = (request: ApprovalRequest): Reply => ({
  kind: 'detail',
  title: `Approved: I sent you a direct message with a Reveal button (request ${request.id})`,
  context: `Click Reveal by ${request.revealBy}: your ${secretNoun(request)} is created only then and shown to you once, in a private window. Until you click, nothing exists.`,
  fields: [{ label: 'command', value: `/arize ${request.commandText}` }],
});
