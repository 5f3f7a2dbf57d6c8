import { ErrorCodes, isAppError } from '../../domain/errors.ts';
import { orgAddUser, orgRemoveUser } from '../../domain/operations/org-operations.ts';
import {
  spaceAddUser,
  spaceRemoveUser,
} from '../../domain/operations/space-membership-operations.ts';
import type { ListItem } from '../../domain/reply.ts';
import { defineExecutor } from './executor.ts';
import { itemFailure, roleText, scoped, userLabel } from './reply-parts.ts';
import { resolveSpaces, resolveUsers } from './targets.ts';

const isNotFound = (error: unknown): boolean =>
  isAppError(error) && error.code === ErrorCodes.arizeNotFound;

const tally = (items: readonly ListItem[]): string => {
  const failed = items.filter((i) => i.fields?.some((f) => f.value.startsWith('failed'))).length;
  return failed === 0
    ? `all ${items.length} done`
    : `${items.length - failed} done, ${failed} failed`;
};

export const membershipExecutors = {
  [orgAddUser.id]: defineExecutor(orgAddUser, async (args, ctx) => {
    const org = await ctx.resolver.organization(args.org);
    const users = await resolveUsers(ctx, args.users);
    const items: ListItem[] = [];
    for (const user of users) {
      let result: string;
      try {
        const membership = await ctx.gateway.addOrganizationUser(org.id, user.id, args.role);
        result = `${roleText(membership.role)} in ${org.name}`;
      } catch (error) {
        result = itemFailure(error);
      }
      items.push({
        title: userLabel(user),
        id: user.id,
        fields: [{ label: 'result', value: result }],
      });
    }
    return {
      kind: 'list',
      title: `Organization ${org.name}: ${roleText(args.role)} role`,
      context: `${tally(items)}. The previous organization role is not readable over the API.`,
      empty: 'No users.',
      items,
    };
  }),

  [orgRemoveUser.id]: defineExecutor(orgRemoveUser, async (args, ctx) => {
    const org = await ctx.resolver.organization(args.org);
    const users = await resolveUsers(ctx, args.users);
    const items: ListItem[] = [];
    for (const user of users) {
      let result: string;
      try {
        await ctx.gateway.removeOrganizationUser(org.id, user.id);
        result = `removed from ${org.name} and all its spaces`;
      } catch (error) {
        result = isNotFound(error) ? `was not a member of ${org.name}` : itemFailure(error);
      }
      items.push({
        title: userLabel(user),
        id: user.id,
        fields: [{ label: 'result', value: result }],
      });
    }
    return {
      kind: 'list',
      title: `Removed from organization ${org.name}`,
      context: `${tally(items)}. Removal from an organization also removes its space memberships.`,
      empty: 'No users.',
      items,
    };
  }),

  [spaceAddUser.id]: defineExecutor(spaceAddUser, async (args, ctx) => {
    const spaces = await resolveSpaces(ctx, args.space, args.org, spaceAddUser.risk(args));
    const users = await resolveUsers(ctx, args.users);
    const pairs = users.flatMap((user) => spaces.value.map((space) => ({ user, space })));
    const outcomes = await ctx.gateway.upsertSpaceMemberships(
      pairs.map(({ user, space }) => ({ userId: user.id, spaceId: space.id })),
      args.role,
    );
    const items = pairs.map(({ user, space }, i): ListItem => {
      const outcome = outcomes[i];
      const result = !outcome
        ? 'failed: no outcome reported'
        : outcome.ok
          ? `${roleText(outcome.membership.role)} in ${space.name}`
          : `failed: ${outcome.message}${
              outcome.code === ErrorCodes.arizeInvalid ? hintOrgMember(space.name) : ''
            }`;
      return {
        title: `${userLabel(user)} → ${space.name}`,
        fields: [{ label: 'result', value: result }],
      };
    });
    return {
      kind: 'list',
      title: `Space ${roleText(args.role)} role`,
      context: `${tally(items)}.${spaces.fromContext ? ` Spaces ${scoped('', true).trim()}.` : ''}`,
      empty: 'No users.',
      items,
    };
  }),

  [spaceRemoveUser.id]: defineExecutor(spaceRemoveUser, async (args, ctx) => {
    const spaces = await resolveSpaces(ctx, args.space, args.org, spaceRemoveUser.risk(args));
    const users = await resolveUsers(ctx, args.users);
    const items: ListItem[] = [];
    for (const user of users) {
      for (const space of spaces.value) {
        let result: string;
        try {
          await ctx.gateway.removeSpaceUser(space.id, user.id);
          result = `removed from ${space.name}`;
        } catch (error) {
          result = isNotFound(error) ? `was not a member of ${space.name}` : itemFailure(error);
        }
        items.push({
          title: `${userLabel(user)} → ${space.name}`,
          fields: [{ label: 'result', value: result }],
        });
      }
    }
    return {
      kind: 'list',
      title: 'Removed from spaces',
      context: `${tally(items)}. Access through an organization or account admin role remains.`,
      empty: 'No users.',
      items,
    };
  }),
};

const hintOrgMember = (space: string): string =>
  ` (if they are not in the organization of ${space} yet, run org add-user first)`;
