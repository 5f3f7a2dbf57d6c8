import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { ArizeGateway, Log } from '../ports.ts';
import type { CapturedSecret } from './capture-secrets.ts';
import { failedOutcome, type Outcome } from './execution-steps.ts';

const notShown = 'could not be shown to you (the window was closed, or Slack refused to update it)';

/**
 * What becomes of a secret that was created but never reached its window. No live key is left
 * without an owner: an API key is revoked at once. A temporary password cannot be revoked, but
 * nobody has seen it (arize-ops kept no copy), so the user exists and cannot sign in with it:
 * the result says so and names the two ways on (a reset link, or deleting the user). The bot
 * does neither on its own: both act on a person the requester may need to talk to first.
 */
export async function undeliveredOutcome(
  gateway: ArizeGateway,
  log: Log,
  request: ApprovalRequest,
  secret: CapturedSecret,
): Promise<Outcome & { revoked?: boolean }> {
  if (secret.kind === 'temporary-password') {
    return failedOutcome(
      `User ${secret.email} (${secret.userId}) was created with a temporary password, but the password ${notShown}. arize-ops kept no copy, so nobody knows it: the user exists and cannot sign in with it.`,
      `Run /arize user reset-password ${secret.email} to e-mail them a link to set their own password (valid 30 minutes), or /arize user delete ${secret.email} if they should not have access.`,
    );
  }
  const what = secret.refreshed
    ? `API key ${secret.keyName} (${secret.keyId}) was refreshed, but its new secret ${notShown}`
    : `API key ${secret.keyName} (${secret.keyId}) was created, but it ${notShown}`;
  try {
    await gateway.revokeApiKey(secret.keyId);
  } catch (error: unknown) {
    log.error('undelivered key not revoked', {
      approvalId: request.id,
      keyId: secret.keyId,
      error: error instanceof Error ? error.message : 'unknown',
    });
    return {
      ...failedOutcome(
        `${what}, and revoking it failed: it is live and nobody has its secret.`,
        `Revoke it now: /arize key revoke ${secret.keyId}. Then run /arize ${request.commandText} again.`,
      ),
      revoked: false,
    };
  }
  return {
    ...failedOutcome(
      secret.refreshed
        ? `${what}, so the key was revoked: neither its old nor its new secret works now.`
        : `${what}, so the key was revoked at once: it never worked for anyone.`,
      secret.refreshed
        ? 'Create a new key with /arize key create, and update whatever used the old one.'
        : `Run /arize ${request.commandText} again to ask for a new one.`,
    ),
    revoked: true,
  };
}
