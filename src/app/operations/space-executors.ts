import type { Organization } from '../../domain/arize.ts';
import { formatCommand } from '../../domain/grammar/format-command.ts';
import { momentField } from '../../domain/moments.ts';
import { spaceMembers } from '../../domain/operations/space-membership-operations.ts';
import {
  spaceCreate,
  spaceDelete,
  spaceGet,
  spaceList,
  spaceUpdate,
} from '../../domain/operations/space-operations.ts';
import { buildUiUrl } from '../../domain/operations/ui-urls.ts';
import type { Field } from '../../domain/reply.ts';
import { defineExecutor, type ExecutionContext } from './executor.ts';
import { pageSize } from './paging.ts';
import { roleText, scoped, spaceFields } from './reply-parts.ts';
import { spacesAcrossOrganizations } from './spaces-across-organizations.ts';
import { orgIdOfSpace, resolveOrg, resolveSpace } from './targets.ts';

export const spaceExecutors = {
  [spaceList.id]: defineExecutor(spaceList, async (args, ctx) => {
    const org =
      args.org !== undefined || ctx.context.orgId
        ? await resolveOrg(ctx, args.org, spaceList.risk(args))
        : undefined;
    const listed = org
      ? await spacesOf(ctx, org.value, args)
      : await spacesAcrossOrganizations(ctx.gateway, { ...args, limit: pageSize });
    const scope = [
      org ? `in ${scoped(org.value.name, org.fromContext)}` : 'in all organizations',
      args.name ? `matching "${args.name}"` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      kind: 'list',
      title: 'Spaces',
      context: scope,
      empty: 'No spaces found.',
      items: listed.spaces.map(({ space, org: inOrg }) => ({
        title: space.name,
        id: space.id,
        fields: spaceFields(space).filter((f) => f.label !== 'id'),
        url: buildUiUrl(ctx.appUrl, { kind: 'space', orgId: inOrg.id, spaceId: space.id }),
        ...(org ? {} : { group: inOrg.name }),
      })),
      ...(listed.nextCursor
        ? {
            more: {
              label: 'More spaces',
              command: formatCommand(spaceList, { ...args, cursor: listed.nextCursor }),
            },
          }
        : {}),
    };
  }),

  [spaceGet.id]: defineExecutor(spaceGet, async (args, ctx) => {
    const space = await resolveSpace(ctx, args.space, args.org, spaceGet.risk(args));
    const orgId = await orgIdOfSpace(ctx, space.value);
    return {
      kind: 'detail',
      title: space.value.name,
      ...(space.fromContext ? { context: scoped('Space', true) } : {}),
      url: buildUiUrl(ctx.appUrl, { kind: 'space', orgId, spaceId: space.value.id }),
      fields: [
        ...spaceFields(space.value),
        { label: 'organization id', value: orgId },
        momentField('created', space.value.createdAt, ctx.clock.now()),
      ],
    };
  }),

  [spaceCreate.id]: defineExecutor(spaceCreate, async (args, ctx) => {
    const org = await resolveOrg(ctx, args.org, spaceCreate.risk(args));
    const space = await ctx.gateway.createSpace({
      orgId: org.value.id,
      name: args.name,
      description: args.description,
      isPrivate: args.private,
    });
    return {
      kind: 'detail',
      title: `Created space ${space.name}`,
      context: `in ${scoped(org.value.name, org.fromContext)}`,
      url: buildUiUrl(ctx.appUrl, { kind: 'space', orgId: org.value.id, spaceId: space.id }),
      fields: spaceFields(space),
    };
  }),

  [spaceUpdate.id]: defineExecutor(spaceUpdate, async (args, ctx) => {
    const space = await resolveSpace(ctx, args.space, args.org, spaceUpdate.risk(args));
    const updated = await ctx.gateway.updateSpace(space.value.id, {
      name: args.name,
      description: args.description,
      isPrivate: args.private,
    });
    const changes: Field[] = [];
    if (args.name !== undefined) {
      changes.push({ label: 'name', value: `${space.value.name} → ${updated.name}` });
    }
    if (args.description !== undefined) {
      changes.push({ label: 'description', value: updated.description || '(cleared)' });
    }
    if (args.private !== undefined) {
      const was = space.value.isPrivate ? 'private' : 'public';
      changes.push({
        label: 'visibility',
        value: `${was} → ${updated.isPrivate ? 'private' : 'public'}`,
      });
    }
    return {
      kind: 'detail',
      title: `Updated space ${updated.name}`,
      ...(space.fromContext ? { context: scoped('Space', true) } : {}),
      fields: [...changes, { label: 'id', value: updated.id }],
    };
  }),

  [spaceDelete.id]: defineExecutor(spaceDelete, async (args, ctx) => {
    const space = await resolveSpace(ctx, args.space, args.org, spaceDelete.risk(args));
    await ctx.gateway.deleteSpace(space.value.id);
    const clearContext = ctx.context.spaceId === space.value.id && ctx.contextStore;
    if (clearContext) {
      const { spaceId: _id, spaceName: _name, ...rest } = ctx.context;
      await clearContext.set(ctx.requester, rest);
    }
    return {
      kind: 'detail',
      title: `Deleted space ${space.value.name}`,
      context: 'This cannot be undone.',
      fields: [
        { label: 'id', value: space.value.id },
        {
          label: 'also deleted',
          value: 'its models, monitors, dashboards, datasets, custom metrics and memberships',
        },
        ...(clearContext ? [{ label: 'your context', value: 'space cleared' }] : []),
      ],
    };
  }),

  [spaceMembers.id]: defineExecutor(spaceMembers, async (args, ctx) => {
    const space = await resolveSpace(ctx, args.space, args.org, spaceMembers.risk(args));
    const page = await ctx.gateway.listSpaceMembers(space.value.id, {
      cursor: args.cursor,
      limit: pageSize,
    });
    return {
      kind: 'list',
      title: `Members of ${space.value.name}`,
      ...(space.fromContext ? { context: scoped('Space', true) } : {}),
      empty: 'No members.',
      items: page.items.map((member) => ({
        title: `${member.user.name} (${member.user.email})`,
        id: member.user.id,
        fields: [
          { label: 'role', value: roleText(member.role) },
          { label: 'access through', value: accessText(member.membership) },
        ],
      })),
      ...(page.nextCursor
        ? {
            more: {
              label: 'More members',
              command: formatCommand(spaceMembers, { ...args, cursor: page.nextCursor }),
            },
          }
        : {}),
    };
  }),
};

const accessTexts: Record<string, string> = {
  EXPLICIT_MEMBERSHIP: 'space membership',
  ACCOUNT_ADMIN: 'account admin role',
  ORGANIZATION_ADMIN: 'organization admin role',
  PUBLIC_MEMBERSHIP: 'public space in their organization',
};
const accessText = (membership: string): string =>
  Object.hasOwn(accessTexts, membership) ? (accessTexts[membership] as string) : membership;

/** One page of the spaces of one organization. */
async function spacesOf(
  ctx: ExecutionContext,
  org: Organization,
  args: { name?: string; cursor?: string },
) {
  const page = await ctx.gateway.listSpaces({
    orgId: org.id,
    name: args.name,
    cursor: args.cursor,
    limit: pageSize,
  });
  return { spaces: page.items.map((space) => ({ space, org })), nextCursor: page.nextCursor };
}
