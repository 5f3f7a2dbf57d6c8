import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { Reply } from '../../domain/reply.ts';
import { appendAudit } from '../append-audit.ts';
import type {
  ApprovalMessenger,
  ApprovalStore,
  ArizeGateway,
  AuditLog,
  Clock,
  Log,
} from '../ports.ts';
import { failedOutcome, type Outcome } from './execution-steps.ts';
import { refreshMessage } from './refresh-message.ts';

export interface RecoverRevealDeps {
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  gateway: ArizeGateway;
  clock: Clock;
  log: Log;
}

/** Keys created this long before the reveal's lease still count as its own (clock skew). */
const createdSkewMs = 60_000;

/**
 * Ends a reveal that stopped mid-way (for the sweep: an EXECUTING request whose lease has passed
 * and that a Reveal click started). A secret that never reached its window is never "succeeded":
 * a key it created is revoked, so no live key is left that nobody has.
 *
 * Primary course:
 * 1. Read the request; only an EXECUTING one with a reveal window is recovered here. Claim the
 *    recovery with one conditional write, so of two concurrent sweeps only one revokes.
 * 2. Shown already (`revealDelivered`): SUCCEEDED, saying the outcome was recorded late; nothing
 *    is revoked (the requester holds that key).
 * 3. Otherwise revoke the key it recorded; for a `key create` stopped before the id was recorded,
 *    the active keys of that name created since the reveal began.
 * 4. Audit, store the outcome (no secret), redraw the message.
 */
export function makeRecoverReveal(deps: RecoverRevealDeps) {
  return async (requestId: string): Promise<Reply | undefined> => {
    const found = await deps.store.get(requestId);
    if (found?.status !== 'EXECUTING' || !found.revealViewId) return undefined;
    const request = await deps.store.update(found.id, found.version, {
      recoveries: (found.recoveries ?? 0) + 1,
    });
    if (!request) return undefined;
    const { outcome, revoked } = request.revealDelivered
      ? { outcome: deliveredOutcome(request), revoked: undefined }
      : await revokeWhatWasMade(deps, request);
    await appendAudit(deps, request, 'result', {
      status: outcome.status,
      cause: 'reveal interrupted',
      delivered: request.revealDelivered === true,
      ...(revoked !== undefined ? { revoked: revoked.join(',') || 'none' } : {}),
    });
    const saved = await deps.store.update(request.id, request.version, {
      status: outcome.status,
      result: outcome.reply,
    });
    if (!saved) return undefined;
    await refreshMessage(deps, request.id);
    return outcome.reply;
  };
}

const deliveredOutcome = (request: ApprovalRequest): Outcome => ({
  status: 'SUCCEEDED',
  reply: {
    kind: 'text',
    text: `The secret of /arize ${request.commandText} was shown to you once; the bot stopped before recording it, so this is recorded late. arize-ops keeps no copy.`,
  },
});

/** Revokes what the stopped reveal made; the outcome says plainly what is left to check. */
async function revokeWhatWasMade(
  deps: RecoverRevealDeps,
  request: ApprovalRequest,
): Promise<{ outcome: Outcome; revoked: string[] | undefined }> {
  const keyIds = request.revealedKeyId
    ? [request.revealedKeyId]
    : await unrecordedKeys(deps, request);
  if (keyIds === undefined) {
    return {
      outcome: failedOutcome(
        'The reveal stopped before anything was shown to you, and the bot cannot tell whether the secret was created.',
        `Check with /arize key list or /arize user get before asking again; revoke a key named as in /arize ${request.commandText} if one appeared.`,
      ),
      revoked: undefined,
    };
  }
  if (keyIds.length === 0) {
    return {
      outcome: failedOutcome(
        'The reveal stopped before the key was created: nothing was made.',
        `Run /arize ${request.commandText} again to ask for a new one.`,
      ),
      revoked: [],
    };
  }
  const failed: string[] = [];
  for (const keyId of keyIds) {
    try {
      await deps.gateway.revokeApiKey(keyId);
    } catch (error: unknown) {
      failed.push(keyId);
      deps.log.error('interrupted reveal key not revoked', {
        approvalId: request.id,
        keyId,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
  const revoked = keyIds.filter((id) => !failed.includes(id));
  const outcome =
    failed.length === 0
      ? failedOutcome(
          `The reveal stopped before API key ${keyIds.join(', ')} was confirmed shown to you, so it was revoked: it no longer works.`,
          `Run /arize ${request.commandText} again to ask for a new one.`,
        )
      : failedOutcome(
          `The reveal stopped before API key ${failed.join(', ')} was confirmed shown to you, and revoking it failed: it may be live with nobody holding its secret.`,
          `Revoke it now: ${failed.map((id) => `/arize key revoke ${id}`).join('; ')}.`,
        );
  return { outcome, revoked };
}

/**
 * A `key create` whose worker stopped between Arize creating the key and recording its id: the
 * active keys of that name in that space created since the reveal took its lease. Undefined when
 * this cannot be told (another operation, or the keys cannot be listed).
 */
async function unrecordedKeys(
  deps: RecoverRevealDeps,
  request: ApprovalRequest,
): Promise<string[] | undefined> {
  const { space, name } = request.args;
  if (request.operationId !== 'key.create' || typeof space !== 'string' || typeof name !== 'string')
    return undefined;
  const since = Date.parse(request.statusChangedAt ?? request.createdAt) - createdSkewMs;
  try {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.gateway.listApiKeys({ spaceId: space, status: 'ACTIVE', cursor });
      for (const key of page.items) {
        if (key.name === name && Date.parse(key.createdAt) >= since) ids.push(key.id);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return ids;
  } catch {
    return undefined;
  }
}
