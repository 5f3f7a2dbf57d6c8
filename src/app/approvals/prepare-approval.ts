import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { neverListRefusal } from '../../domain/approvals/never-list-refusal.ts';
import { projectionHash } from '../../domain/approvals/plan.ts';
import { AppError } from '../../domain/errors.ts';
import type { PrepareApprovalJob } from '../../domain/job.ts';
import { momentField } from '../../domain/moments.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import { approvalRuleFor, type Policy, policySha } from '../../domain/policy/policy.ts';
import type { Reply } from '../../domain/reply.ts';
import { counted } from '../../domain/words.ts';
import { appendAudit } from '../append-audit.ts';
import { checkRequester } from '../check-requester.ts';
import type { ExecutionContext } from '../operations/executor.ts';
import type {
  ApprovalMessenger,
  ApprovalStore,
  AuditLog,
  Clock,
  Log,
  SlackDirectory,
} from '../ports.ts';
import { approvalCommandOf } from './approval-command.ts';

export interface PrepareApprovalDeps {
  catalogue: readonly OperationDefinition[];
  store: ApprovalStore;
  audit: AuditLog;
  messenger: ApprovalMessenger;
  directory: SlackDirectory;
  policy: Policy;
  clock: Clock;
  log: Log;
}

/**
 * Turns an approval job into a posted request (worker). Expected refusals are thrown as
 * `AppError` and become the requester's reply.
 *
 * Primary course:
 * 1. Check the requester is a person of this workspace (not a bot, guest or deleted user).
 * 2. Resolve targets and read pre-state through the gateway; build the plan and its hash.
 * 3. Refuse plans that touch the never-list.
 * 4. Audit, then store the request PENDING (a redelivery finds it and only finishes posting).
 * 5. Post the message with Approve / Reject to the approvals channel; save channel + ts.
 * 6. Tell the requester where it went.
 */
export function makePrepareApproval(deps: PrepareApprovalDeps) {
  return async (job: PrepareApprovalJob, ctx: ExecutionContext): Promise<Reply> => {
    let request = await deps.store.get(job.requestId);
    if (!request) {
      request = await createRequest(deps, job, ctx);
      await appendAudit(
        deps,
        request,
        'requested',
        {
          operation: request.operationId,
          command: request.commandText,
          // The targets pinned to their Arize ids: what execution acts on (never a secret).
          arizeArgs: JSON.stringify(request.args),
          planHash: request.planHash,
          policySha: request.policySha,
          ...(request.reason ? { reason: request.reason } : {}),
        },
        { actor: request.requester.userId },
      );
      if (!(await deps.store.create(request))) {
        request = (await deps.store.get(job.requestId)) ?? request;
      }
    }
    const channel = deps.policy.approvalsChannel;
    if (!channel)
      throw new AppError('POLICY.NEEDS_APPROVAL', 'No approvals channel is configured.');
    if (!request.ts) {
      const posted = await deps.messenger.post(channel, request);
      const saved = await deps.store.update(request.id, request.version, posted);
      if (!saved) deps.log.warn('approval message ts not saved', { approvalId: request.id });
      request = { ...request, ...posted };
    }
    const link = await deps.messenger
      .permalink(request.channel ?? channel, request.ts as string)
      .catch(() => undefined);
    return {
      kind: 'detail',
      title: `Approval request ${request.id} posted`,
      context: `Needs ${counted(request.quorum, 'approval')} from someone other than you.`,
      fields: [
        { label: 'command', value: `/arize ${request.commandText}` },
        { label: 'effect', value: request.plan.effect },
        { label: 'where', value: `the approvals channel (${request.channel ?? channel})` },
        { label: 'approvers', value: request.approvers.join(', '), people: request.approvers },
        momentField('expires', request.expiresAt, deps.clock.now()),
      ],
      ...(link ? { url: link, urlLabel: 'Open the approval request' } : {}),
    };
  };
}

async function createRequest(
  deps: PrepareApprovalDeps,
  job: PrepareApprovalJob,
  ctx: ExecutionContext,
): Promise<ApprovalRequest> {
  await checkRequester(deps, job.requester);
  const command = approvalCommandOf(job, deps.catalogue);
  if (!command) throw new AppError('COMMAND.USAGE', 'The queued command is no longer valid.');
  const { operation, args, risk, steps } = command;
  const planned = await steps.plan(args, ctx);
  const never = neverListRefusal(deps.policy, planned.plan);
  if (never) throw new AppError('POLICY.NOT_ALLOWED', `Refused: ${never} Nothing was run.`);
  // A self-service plan carries its rule's approvers (the arize:* ones read from Arize just now).
  const rule = planned.plan.selfService ?? approvalRuleFor(deps.policy, operation.id, risk);
  const now = deps.clock.now();
  return {
    id: job.requestId,
    status: 'PENDING',
    version: 1,
    operationId: operation.id,
    args: planned.args,
    commandText: job.commandText,
    ...(job.reason ? { reason: job.reason } : {}),
    requester: job.requester,
    responseUrl: job.responseUrl,
    plan: planned.plan,
    planHash: projectionHash(planned.plan.projection),
    policySha: policySha(deps.policy),
    quorum: rule.quorum,
    approvers: rule.approvers,
    approvals: [],
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.policy.expiryMinutes * 60_000).toISOString(),
  };
}
