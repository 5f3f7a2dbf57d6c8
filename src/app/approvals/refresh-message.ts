import type { ApprovalMessenger, ApprovalStore, Log } from '../ports.ts';

/**
 * Redraws the approval message from a fresh read, only when this version is newer than the last
 * one drawn: a late "1 of 2 approvals" never overwrites "Succeeded". Slack failures are logged,
 * never thrown: the state is already stored, and the next change redraws.
 */
export async function refreshMessage(
  deps: { store: ApprovalStore; messenger: ApprovalMessenger; log: Log },
  requestId: string,
  options: { again?: boolean } = {},
): Promise<void> {
  try {
    const request = await deps.store.get(requestId);
    if (!request?.channel || !request.ts) return;
    // `again`: a worker may have claimed this version and stopped before drawing it.
    const drawnOrClaimed = options.again && request.renderedVersion === request.version;
    if (!drawnOrClaimed && !(await deps.store.claimRender(requestId, request.version))) return;
    await deps.messenger.update(request.channel, request.ts, request);
  } catch (error: unknown) {
    deps.log.warn('approval message not updated', {
      approvalId: requestId,
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
}
