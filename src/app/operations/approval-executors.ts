import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { momentField } from '../../domain/moments.ts';
import { approvals, cancel } from '../../domain/operations/approval-operations.ts';
import type { ExecutionContext } from './executor.ts';
import { defineExecutor } from './executor.ts';

const approvalsOf = (ctx: ExecutionContext) => {
  if (!ctx.approvals) {
    throw new AppError(ErrorCodes.usage, 'Approvals are not enabled for this bot.');
  }
  return ctx.approvals;
};

export const approvalExecutors = {
  [approvals.id]: defineExecutor(approvals, async (args, ctx) => {
    const pending = await approvalsOf(ctx).listPending(
      args.mine ? { requesterUserId: ctx.requester.userId } : {},
    );
    return {
      kind: 'list',
      title: args.mine ? 'Your pending approval requests' : 'Pending approval requests',
      context: 'Newest first. Withdraw one of yours with /arize cancel REQUEST.',
      empty: args.mine ? 'You have no pending requests.' : 'No request is waiting for approval.',
      items: pending.map((request) => ({
        title: `${request.id}: /arize ${request.commandText}`,
        fields: [
          {
            label: 'asked by',
            value: request.requester.userId,
            people: [request.requester.userId],
          },
          { label: 'approvals', value: `${request.approvals.length} of ${request.quorum}` },
          momentField('expires', request.expiresAt, ctx.clock.now()),
          ...(request.reason ? [{ label: 'reason', value: request.reason }] : []),
        ],
      })),
    };
  }),
  [cancel.id]: defineExecutor(cancel, async (args, ctx) => {
    const outcome = await approvalsOf(ctx).cancel(args.request, ctx.requester);
    if (!outcome.ok) throw new AppError(ErrorCodes.usage, outcome.error.message);
    return { kind: 'text', text: `${args.request}: ${outcome.value}` };
  }),
};
