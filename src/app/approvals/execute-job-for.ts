import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { ExecuteApprovalJob } from '../../domain/job.ts';

/** The execute job of an approved request; its id is fixed so a re-enqueue is the same job. */
export function executeJobFor(request: ApprovalRequest, now: Date): ExecuteApprovalJob {
  return {
    id: `execute-${request.id}`,
    kind: 'execute-approval',
    requestId: request.id,
    operationId: request.operationId,
    args: request.args,
    commandText: request.commandText,
    public: false,
    requester: request.requester,
    channelId: request.channel ?? '',
    responseUrl: request.responseUrl,
    enqueuedAt: now.toISOString(),
  };
}
