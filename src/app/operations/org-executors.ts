import type { Organization, Space } from '../../domain/arize.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { formatCommand } from '../../domain/grammar/format-command.ts';
import {
  orgCreate,
  orgDelete,
  orgGet,
  orgList,
  orgUpdate,
} from '../../domain/operations/org-operations.ts';
import { buildUiUrl } from '../../domain/operations/ui-urls.ts';
import type { Field } from '../../domain/reply.ts';
import { defineExecutor, type ExecutionContext } from './executor.ts';
import { listAll, pageSize } from './paging.ts';
import { orgFields, scoped } from './reply-parts.ts';
import { resolveOrg } from './targets.ts';

export const orgExecutors = {
  [orgList.id]: defineExecutor(orgList, async (args, { gateway }) => {
    const page = await gateway.listOrganizations({
      name: args.name,
      cursor: args.cursor,
      limit: pageSize,
    });
    return {
      kind: 'list',
      title: 'Organizations',
      ...(args.name ? { context: `matching "${args.name}"` } : {}),
      empty: 'No organizations found.',
      items: page.items.map((org) => ({
        title: org.name,
        id: org.id,
        fields: org.description ? [{ label: 'description', value: org.description }] : [],
      })),
      ...(page.nextCursor
        ? {
            more: {
              label: 'More organizations',
              command: formatCommand(orgList, { ...args, cursor: page.nextCursor }),
            },
          }
        : {}),
    };
  }),

  [orgGet.id]: defineExecutor(orgGet, async (args, ctx) => {
    const org = await resolveOrg(ctx, args.org, orgGet.risk(args), 'ORG');
    const spaces = await ctx.gateway.listSpaces({ orgId: org.value.id, limit: pageSize });
    const names = spaces.items.map((s) => s.name).join(', ');
    return {
      kind: 'detail',
      title: org.value.name,
      ...(org.fromContext ? { context: scoped('Organization', true) } : {}),
      url: buildUiUrl(ctx.appUrl, { kind: 'org', orgId: org.value.id }),
      fields: [
        ...orgFields(org.value, ctx.clock.now()),
        { label: 'spaces', value: (names || 'none') + (spaces.nextCursor ? ', …' : '') },
      ],
    };
  }),

  [orgCreate.id]: defineExecutor(orgCreate, async (args, ctx) => {
    const steps: Field[] = [];
    const org = await createOrFind(
      () => ctx.gateway.createOrganization({ name: args.name, description: args.description }),
      () => findByName(ctx.gateway.listOrganizations({ name: args.name, limit: 100 }), args.name),
    );
    steps.push({ label: 'step 1: organization', value: outcome(org) });
    let space: Space | undefined;
    if (args.space !== undefined) {
      const spaceName = args.space;
      const orgId = org.value.id;
      try {
        const made = await createOrFind(
          () => ctx.gateway.createSpace({ orgId, name: spaceName }),
          () =>
            findByName(ctx.gateway.listSpaces({ orgId, name: spaceName, limit: 100 }), spaceName),
        );
        space = made.value;
        steps.push({ label: 'step 2: first space', value: outcome(made) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        steps.push({ label: 'step 2: first space', value: `failed: ${error.message}` });
      }
    }
    const saved = await saveContext(ctx, org.value, space);
    const failed = args.space !== undefined && space === undefined;
    return {
      kind: 'detail',
      title: failed
        ? `Organization ${org.value.name} is ready; its first space is not`
        : `Organization ${org.value.name} is ready`,
      url: buildUiUrl(ctx.appUrl, { kind: 'org', orgId: org.value.id }),
      context: failed
        ? 'Run the same command again to finish: steps already done are kept and skipped.'
        : saved,
      fields: [...steps, { label: 'your context', value: saved }],
    };
  }),

  [orgUpdate.id]: defineExecutor(orgUpdate, async (args, ctx) => {
    const org = await resolveOrg(ctx, args.org, orgUpdate.risk(args), 'ORG');
    const updated = await ctx.gateway.updateOrganization(org.value.id, {
      name: args.name,
      description: args.description,
    });
    const fields: Field[] = [];
    if (args.name !== undefined) {
      fields.push({ label: 'name', value: `${org.value.name} → ${updated.name}` });
    }
    if (args.description !== undefined) {
      fields.push({ label: 'description', value: updated.description || '(cleared)' });
    }
    return {
      kind: 'detail',
      title: `Updated organization ${updated.name}`,
      ...(org.fromContext ? { context: scoped('Organization', true) } : {}),
      url: buildUiUrl(ctx.appUrl, { kind: 'org', orgId: updated.id }),
      fields: [...fields, { label: 'id', value: updated.id }],
    };
  }),

  [orgDelete.id]: defineExecutor(orgDelete, async (args, ctx) => {
    const org = await ctx.resolver.organization(args.org);
    const { items: spaces } = await listAll((cursor) =>
      ctx.gateway.listSpaces({ orgId: org.id, cursor, limit: 100 }),
    );
    await ctx.gateway.deleteOrganization(org.id);
    const clearedContext = ctx.context.orgId === org.id && ctx.contextStore !== undefined;
    if (clearedContext) await ctx.contextStore?.set(ctx.requester, {});
    return {
      kind: 'detail',
      title: `Deleted organization ${org.name}`,
      context: 'This cannot be undone.',
      fields: [
        { label: 'id', value: org.id },
        {
          label: `spaces deleted with it (${spaces.length})`,
          value: spaces.map((s) => s.name).join(', ') || 'none',
        },
        {
          label: 'also deleted',
          value:
            "the spaces' models, monitors, dashboards and datasets; all memberships; the " +
            "organization's API keys, integrations and SSO settings",
        },
        ...(clearedContext ? [{ label: 'your context', value: 'cleared' }] : []),
      ],
    };
  }),
};

type Made<T> = { value: T; created: boolean };

/** Creates, or on a conflict finds the one already there: re-running resumes a half-done create. */
async function createOrFind<T>(
  create: () => Promise<T>,
  find: () => Promise<T | undefined>,
): Promise<Made<T>> {
  try {
    return { value: await create(), created: true };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== ErrorCodes.arizeConflict) throw error;
    const existing = await find();
    if (existing === undefined) throw error;
    return { value: existing, created: false };
  }
}

const outcome = (made: Made<{ name: string; id: string }>): string =>
  `${made.created ? 'created' : 'already there, kept'}: ${made.value.name} (${made.value.id})`;

async function findByName<T extends { name: string }>(
  page: Promise<{ items: T[] }>,
  name: string,
): Promise<T | undefined> {
  return (await page).items.find((item) => item.name === name);
}

async function saveContext(
  ctx: ExecutionContext,
  org: Organization,
  space: Space | undefined,
): Promise<string> {
  if (!ctx.contextStore) return 'not saved (no context store here)';
  await ctx.contextStore.set(ctx.requester, {
    orgId: org.id,
    orgName: org.name,
    ...(space ? { spaceId: space.id, spaceName: space.name } : {}),
  });
  return `now ${org.name}${space ? ` / ${space.name}` : ''}`;
}
