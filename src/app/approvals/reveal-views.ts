import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { Reply } from '../../domain/reply.ts';
import type { WindowView } from '../modal-view.ts';
import type { CapturedSecret } from './capture-secrets.ts';

/** What the secret of a request is called, for people. */
export function secretNoun(request: Pick<ApprovalRequest, 'operationId'>): string {
  if (request.operationId === 'key.refresh') return 'new API key secret';
  if (request.operationId === 'key.create') return 'API key';
  return 'temporary password';
}

const title = (request: Pick<ApprovalRequest, 'operationId'>): string =>
  request.operationId === 'user.invite' ? 'Temporary password' : 'Your API key';

/** The window the Reveal click opens at once: no secret yet. */
export const openingView = (request: ApprovalRequest): WindowView => ({
  kind: 'window',
  title: title(request),
  body: {
    kind: 'progress',
    text: `Creating your ${secretNoun(request)} for /arize ${request.commandText}… It appears here in a few seconds, once. Keep this window open: closing it before then cancels it.`,
  },
});

/** What a second, losing click's window says. */
export const alreadyRevealingView = (request: ApprovalRequest): WindowView => ({
  kind: 'window',
  title: title(request),
  body: {
    kind: 'error',
    code: 'REVEAL.IN_PROGRESS',
    message: `Your ${secretNoun(request)} is being shown in another window: a secret is shown once only. Nothing was created here.`,
  },
});

/** The window when the reveal could not be started: nothing was created. */
export const notStartedView = (request: ApprovalRequest): WindowView => ({
  kind: 'window',
  title: title(request),
  body: {
    kind: 'error',
    code: 'REVEAL.NOT_STARTED',
    message: `Your ${secretNoun(request)} could not be started, and nothing was created. Close this window and click Reveal again.`,
  },
});

/** The secret, shown once, with what it is and a warning to store it now. */
export const secretView = (
  request: ApprovalRequest,
  secret: CapturedSecret,
  summary: Reply,
): WindowView => ({
  kind: 'window',
  title: title(request),
  body: summary,
  secret: {
    label: secret.kind === 'api-key' ? 'API key (shown once)' : 'Temporary password (shown once)',
    value: secret.value,
    warning:
      secret.kind === 'api-key'
        ? 'Copy it into your secret manager now. arize-ops keeps no copy: once this window is closed it cannot be shown again (refresh the key to get a new one).'
        : `Give it to ${secret.email} through a private channel now. arize-ops keeps no copy: once this window is closed it cannot be shown again (use user reset-password to send them a link instead).`,
  },
  close: 'I stored it',
});

/** The window when there is no secret to show: what happened instead. */
export const endedView = (request: ApprovalRequest, reply: Reply): WindowView => ({
  kind: 'window',
  title: title(request),
  body: reply,
});
