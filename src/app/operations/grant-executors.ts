import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { endActionText } from '../../domain/grants/grant.ts';
import { momentField } from '../../domain/moments.ts';
import { grants } from '../../domain/operations/grant-operations.ts';
import { defineExecutor } from './executor.ts';
import { roleText } from './reply-parts.ts';

export const grantExecutors = {
  [grants.id]: defineExecutor(grants, async (args, ctx) => {
    if (!ctx.grants) {
      throw new AppError(ErrorCodes.usage, 'Time-bound grants cannot be read here.');
    }
    const space = args.space
      ? await ctx.resolver.space(
          args.space,
          args.org ? { orgId: (await ctx.resolver.organization(args.org)).id } : {},
        )
      : undefined;
    const me = ctx.requester.userId;
    const listed = (await ctx.grants.listActive())
      .filter((g) => !space || g.spaceId === space.id)
      .filter((g) => !args.mine || g.subject.slackUserId === me || g.requesterUserId === me);
    const scope = [args.mine ? 'yours' : undefined, space ? `in ${space.name}` : undefined]
      .filter(Boolean)
      .join(', ');
    return {
      kind: 'list',
      title: `Active time-bound grants${scope ? ` (${scope})` : ''}`,
      context: 'Soonest end first. Each ends by itself; End access now is on its messages.',
      empty: 'No active time-bound grant.',
      items: listed.map((grant) => ({
        title: `${grant.subject.email}: ${roleText(grant.role)} in ${grant.spaceName}`,
        id: grant.id,
        fields: [
          momentField('ends', grant.endsAt, ctx.clock.now()),
          { label: 'then', value: endActionText(grant.previous) },
          { label: 'status', value: grant.status === 'ENDING' ? 'ending now' : 'active' },
          { label: 'request', value: grant.requestId },
        ],
      })),
    };
  }),
};
