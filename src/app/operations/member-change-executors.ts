import { ErrorCodes, isAppError } from '../../domain/errors.ts';
import {
  memberChangesOf,
  spaceChangeMembers,
} from '../../domain/operations/space-change-operations.ts';
import type { ListItem } from '../../domain/reply.ts';
import { defineExecutor } from './executor.ts';
import { itemFailure, roleText, userLabel } from './reply-parts.ts';
import { resolveSpace, resolveUsers } from './targets.ts';

export const memberChangeExecutors = {
  // Role changes first, then removals, each item's outcome reported on its own.
  [spaceChangeMembers.id]: defineExecutor(spaceChangeMembers, async (args, ctx) => {
    const risk = spaceChangeMembers.risk(args);
    const space = (await resolveSpace(ctx, args.space, args.org, risk)).value;
    const items: ListItem[] = [];
    for (const change of memberChangesOf(args)) {
      const users = await resolveUsers(ctx, change.users);
      if (change.role === 'remove') {
        for (const user of users) {
          let result: string;
          try {
            await ctx.gateway.removeSpaceUser(space.id, user.id);
            result = `removed from ${space.name}`;
          } catch (error) {
            const notFound = isAppError(error) && error.code === ErrorCodes.arizeNotFound;
            result = notFound ? `was not a member of ${space.name}` : itemFailure(error);
          }
          items.push({ title: userLabel(user), fields: [{ label: 'result', value: result }] });
        }
        continue;
      }
      const outcomes = await ctx.gateway.upsertSpaceMemberships(
        users.map((user) => ({ userId: user.id, spaceId: space.id })),
        change.role,
      );
      users.forEach((user, i) => {
        const outcome = outcomes[i];
        const result = !outcome
          ? 'failed: no outcome reported'
          : outcome.ok
            ? `${roleText(outcome.membership.role)} in ${space.name}`
            : `failed: ${outcome.message}`;
        items.push({ title: userLabel(user), fields: [{ label: 'result', value: result }] });
      });
    }
    const failed = items.filter((i) => i.fields?.some((f) => f.value.startsWith('failed'))).length;
    return {
      kind: 'list',
      title: `Members of space ${space.name} changed`,
      context:
        failed === 0
          ? `all ${items.length} done.`
          : `${items.length - failed} done, ${failed} failed.`,
      empty: 'No changes.',
      items,
    };
  }),
};
