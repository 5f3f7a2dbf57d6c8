import { type RevealRefusal, revealRefusal } from '../../domain/approvals/reveal-refusal.ts';
import { refusalOf } from '../../domain/identity.ts';
import type { Requester, RevealSecretJob } from '../../domain/job.ts';
import { mayRequest, type Policy } from '../../domain/policy/policy.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { appendAudit } from '../append-audit.ts';
import type {
  ApprovalStore,
  AuditLog,
  Clock,
  JobQueue,
  Log,
  ModalPresenter,
  SlackDirectory,
} from '../ports.ts';
import { alreadyRevealingView, notStartedView, openingView } from './reveal-views.ts';

/** A click on Reveal in the requester's direct message. */
export interface RevealClick {
  requestId: string;
  clicker: Requester;
  /** Valid 3 seconds and once: opens the window at once. Never logged. */
  triggerId: string;
  /** The click's response URL, for the job (a dead-lettered job is reported there). */
  responseUrl: string;
}

/** Why a click opened nothing; shown to the clicker only. */
export type RevealStartRefusal =
  | RevealRefusal
  | { code: 'REVEAL.NOT_FOUND' | 'REVEAL.NOT_OPENED'; message: string };

export interface StartRevealDeps {
  store: ApprovalStore;
  audit: AuditLog;
  queue: JobQueue;
  modals: ModalPresenter;
  clock: Clock;
  log: Log;
  /**
   * The current policy and Slack's directory: a requester removed from the secret requesters, or
   * turned guest, deactivated or bot since the approval, can no longer reveal.
   */
  policy: Policy;
  directory: SlackDirectory;
}

/**
 * The Reveal click (ack path: DynamoDB and Slack only, no Arize, nothing slow).
 *
 * Primary course:
 * 1. Read the request; authorize at click time: only the requester (same team), still allowed to
 *    ask for secrets under the current policy and still a full member of the workspace, only
 *    APPROVED, inside its reveal window, and not claimed by an earlier click.
 * 2. Open the window at once with the click's trigger id ("Creating your key…", no secret).
 * 3. Claim the reveal for this window: one conditional write of its view id; a concurrent click
 *    that loses says so in its own window and enqueues nothing.
 * 4. Audit the click and enqueue the `reveal-secret` job (one fixed id per request).
 */
export function makeStartReveal(deps: StartRevealDeps) {
  return async (click: RevealClick): Promise<Result<string, RevealStartRefusal>> => {
    const request = await deps.store.get(click.requestId);
    if (!request) return err({ code: 'REVEAL.NOT_FOUND', message: 'No such request.' });
    const refusal = revealRefusal(request, click.clicker, deps.clock.now());
    if (refusal) return err(refusal);
    const stillAllowed = await requesterRefusal(deps, click.clicker);
    if (stillAllowed) return err({ code: 'REVEAL.NOT_ALLOWED', message: stillAllowed });
    let viewId: string;
    try {
      ({ viewId } = await deps.modals.open(click.triggerId, openingView(request)));
    } catch (error: unknown) {
      deps.log.warn('reveal window not opened', {
        approvalId: request.id,
        error: error instanceof Error ? error.message : 'unknown',
      });
      return err({
        code: 'REVEAL.NOT_OPENED',
        message:
          'Slack did not let me open the window in time; nothing was created. Click Reveal again.',
      });
    }
    const claimed = await deps.store.update(request.id, request.version, { revealViewId: viewId });
    if (!claimed) {
      await deps.modals.update(viewId, alreadyRevealingView(request)).catch(() => undefined);
      deps.log.info('reveal claimed by another click', { approvalId: request.id });
      return err({
        code: 'REVEAL.IN_PROGRESS',
        message: 'It is already being revealed in another window: a secret is shown once only.',
      });
    }
    // Audited after the claim: with concurrent clicks only the write decides whose window it is.
    await appendAudit(deps, claimed, 'reveal-clicked', { viewId }, { actor: click.clicker.userId });
    try {
      await deps.queue.enqueue(revealJobFor(claimed, viewId, click.responseUrl, deps.clock.now()));
    } catch (error: unknown) {
      // Nothing was created: give the claim back (an empty view id) so Reveal can be clicked again.
      await deps.store.update(claimed.id, claimed.version, { revealViewId: '' });
      await deps.modals.update(viewId, notStartedView(request)).catch(() => undefined);
      throw error;
    }
    deps.log.info('reveal started', { approvalId: request.id });
    return ok('Opening it now: your secret appears in the window, once.');
  };
}

/** The reveal job of a request; its id is fixed so a re-enqueue is the same job. */
export function revealJobFor(
  request: Parameters<typeof openingView>[0],
  viewId: string,
  responseUrl: string,
  now: Date,
): RevealSecretJob {
  return {
    id: `reveal-${request.id}`,
    kind: 'reveal-secret',
    requestId: request.id,
    viewId,
    operationId: request.operationId,
    args: request.args,
    commandText: request.commandText,
    public: false,
    requester: request.requester,
    channelId: request.revealMessage?.channel ?? '',
    responseUrl,
    enqueuedAt: now.toISOString(),
  };
}

/** Why the requester may no longer reveal (policy or Slack changed since approval), if so. */
async function requesterRefusal(
  deps: StartRevealDeps,
  clicker: Requester,
): Promise<string | undefined> {
  if (!mayRequest(deps.policy, clicker, 'secret')) {
    return 'You may no longer ask for secrets under the current policy, so nothing was created.';
  }
  const identity = refusalOf(await deps.directory.person(clicker.userId), deps.policy.teamId);
  return identity ? `Refused: ${identity} Nothing was created.` : undefined;
}
