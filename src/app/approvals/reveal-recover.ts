import type { Reply } from '../../domain/reply.ts';
import type {
  ApprovalMessenger,
  ApprovalStore,
  ArizeGateway,
  AuditLog,
  Clock,
  Log,
} from '../ports.ts';
import { auditStep, failedOutcome } from './execution-steps.ts';
import { refreshMessage } from './refresh-message.ts';

export interface RecoverRevealDeps {
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  gateway: ArizeGateway;
  clock: Clock;
  log: Log;
}

/**
 * Ends a reveal that stopped mid-way (for the sweep: an EXECUTING request whose lease has passed
 * and that a Reveal click started). Its secret can never be shown again, so it is never
 * "succeeded": a key it created is revoked; otherwise the result says plainly what to check.
 *
 * Primary course:
 * 1. Read the request; only an EXECUTING one with a reveal window is recovered here.
 * 2. Revoke the key the reveal recorded, if any.
 * 3. Audit, store FAILED with a result that says what happened (no secret), redraw the message.
 */
export function makeRecoverReveal(deps: RecoverRevealDeps) {
  return async (requestId: string): Promise<Reply | undefined> => {
    const request = await deps.store.get(requestId);
    if (request?.status !== 'EXECUTING' || !request.revealViewId) return undefined;
    let outcome = failedOutcome(
      'The reveal stopped before anything was shown to you, and the bot cannot tell whether the secret was created.',
      `Check with /arize key list or /arize user get before asking again; revoke a key named as in /arize ${request.commandText} if one appeared.`,
    );
    let revoked: boolean | undefined;
    if (request.revealedKeyId) {
      try {
        await deps.gateway.revokeApiKey(request.revealedKeyId);
        revoked = true;
        outcome = failedOutcome(
          `The reveal stopped before API key ${request.revealedKeyId} could be shown to you, so it was revoked: nobody has its secret.`,
          `Run /arize ${request.commandText} again to ask for a new one.`,
        );
      } catch (error: unknown) {
        revoked = false;
        deps.log.error('interrupted reveal key not revoked', {
          approvalId: request.id,
          keyId: request.revealedKeyId,
          error: error instanceof Error ? error.message : 'unknown',
        });
        outcome = failedOutcome(
          `The reveal stopped before API key ${request.revealedKeyId} could be shown to you, and revoking it failed: it is live and nobody has its secret.`,
          `Revoke it now: /arize key revoke ${request.revealedKeyId}.`,
        );
      }
    }
    await auditStep(deps, request, 'result', {
      status: 'FAILED',
      cause: 'reveal interrupted',
      delivered: false,
      ...(revoked !== undefined ? { revoked } : {}),
    });
    const saved = await deps.store.update(request.id, request.version, {
      status: 'FAILED',
      result: outcome.reply,
    });
    if (!saved) return undefined;
    await refreshMessage(deps, request.id);
    return outcome.reply;
  };
}
