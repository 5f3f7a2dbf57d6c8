import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { reportAccess } from '../../domain/operations/report-operations.ts';
import { defineExecutor } from './executor.ts';

export const reportExecutors = {
  [reportAccess.id]: defineExecutor(reportAccess, async (args, ctx) => {
    if (!ctx.accessReport) {
      throw new AppError(ErrorCodes.arizeNotConfigured, 'Access reports cannot be sent from here.');
    }
    // Only --org narrows the report: a context org does not silently shrink "the account".
    const org = args.org ? await ctx.resolver.organization(args.org) : undefined;
    const sent = await ctx.accessReport({
      userId: ctx.requester.userId,
      runId: `${ctx.requester.teamId}#${ctx.requester.userId}@${ctx.clock.now().toISOString()}`,
      ...(org ? { org: { id: org.id, name: org.name } } : {}),
    });
    return {
      kind: 'text',
      text: `Sent the access report of ${org ? org.name : 'the account'} (${sent.spaces} space(s), ${sent.memberships} membership(s)) in a direct message from the bot, with ${sent.csvName} in its thread.`,
    };
  }),
};
