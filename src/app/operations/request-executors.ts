import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { momentField } from '../../domain/moments.ts';
import { requestExtend, requestSpace } from '../../domain/operations/request-operations.ts';
import { durationInWords } from '../../domain/words.ts';
import { requesterUser } from '../approvals/request-plans.ts';
import { defineExecutor } from './executor.ts';
import { roleText, userLabel } from './reply-parts.ts';
import { resolveSpace } from './targets.ts';

/**
 * The self-service operations. Each runs only as an approved request (its risk is privilege),
 * on the arguments the plan pinned; the grant around it is recorded by the approval's execution.
 */
export const requestExecutors = {
  [requestSpace.id]: defineExecutor(requestSpace, async (args, ctx) => {
    const user = await requesterUser(ctx);
    const space = (await resolveSpace(ctx, args.space, args.org, 'privilege')).value;
    const [outcome] = await ctx.gateway.upsertSpaceMemberships(
      [{ userId: user.id, spaceId: space.id }],
      args.role,
    );
    const result = !outcome
      ? 'failed: no outcome reported'
      : outcome.ok
        ? `${roleText(outcome.membership.role)} in ${space.name} for ${durationInWords(args.for)}`
        : `failed: ${outcome.message}${
            outcome.code === ErrorCodes.arizeInvalid
              ? ` (you are not in the organization of ${space.name}: ask an admin for org add-user first)`
              : ''
          }`;
    return {
      kind: 'list',
      title: `Access to space ${space.name}: ${roleText(args.role)} role`,
      context: outcome?.ok
        ? 'It ends by itself; you are told when it starts and 15 minutes before it ends.'
        : 'Nothing was granted.',
      empty: 'No users.',
      items: [
        {
          title: `${userLabel(user)} → ${space.name}`,
          fields: [{ label: 'result', value: result }],
        },
      ],
    };
  }),

  [requestExtend.id]: defineExecutor(requestExtend, async (args, ctx) => {
    if (!ctx.grantExtension) {
      throw new AppError(ErrorCodes.usage, 'Grants cannot be extended here: nothing was changed.');
    }
    // An approved request carries the end it moves and by how much, pinned by its plan.
    const found = await ctx.grantExtension.get(args.grant);
    if (!found) throw new AppError(ErrorCodes.usage, `No time-bound grant ${args.grant}.`);
    const from = args.from ?? found.endsAt;
    const seconds =
      args.for ?? Math.round((Date.parse(found.endsAt) - Date.parse(found.startsAt)) / 1000);
    const moved = await ctx.grantExtension.extend({
      grantId: args.grant,
      from,
      seconds,
      actor: ctx.requester.userId,
    });
    if (!moved.ok) throw new AppError(ErrorCodes.usage, moved.error);
    const grant = moved.value;
    return {
      kind: 'detail',
      title: `Access extended: ${roleText(grant.role)} in space ${grant.spaceName} for ${grant.subject.email}`,
      fields: [
        momentField('ends', grant.endsAt, ctx.clock.now()),
        momentField('was', from, ctx.clock.now()),
        { label: 'grant', value: grant.id },
      ],
    };
  }),
};
