import { AppError, ErrorCodes, isAppError } from '../../domain/errors.ts';
import { use, whoami } from '../../domain/operations/context-operations.ts';
import type { Field } from '../../domain/reply.ts';
import type { ActiveContext } from '../ports.ts';
import { defineExecutor, type ExecutionContext } from './executor.ts';
import { roleText, userLabel } from './reply-parts.ts';
import { orgIdOfSpace, resolveOrg, resolveSpace } from './targets.ts';

const describeContext = (context: ActiveContext): string => {
  const org = context.orgName ?? context.orgId;
  const space = context.spaceName ?? context.spaceId;
  if (!org && !space) return 'none';
  return [org ? `organization ${org}` : '', space ? `space ${space}` : '']
    .filter(Boolean)
    .join(', ');
};

async function chosenContext(
  ctx: ExecutionContext,
  args: { org?: string; space?: string },
): Promise<ActiveContext> {
  if (args.space !== undefined) {
    const space = await resolveSpace(ctx, args.space, args.org, 'read');
    const orgId = await orgIdOfSpace(ctx, space.value);
    const org = await ctx.resolver.organization(orgId);
    return {
      orgId: org.id,
      orgName: org.name,
      spaceId: space.value.id,
      spaceName: space.value.name,
    };
  }
  const org = await resolveOrg(ctx, args.org, 'read');
  return { orgId: org.value.id, orgName: org.value.name };
}

export const contextExecutors = {
  [use.id]: defineExecutor(use, async (args, ctx) => {
    if (args.org === undefined && args.space === undefined && !args.clear) {
      return {
        kind: 'detail',
        title: 'Your context',
        context: 'Commands that allow it use these when you omit --org or --space.',
        fields: [{ label: 'context', value: describeContext(ctx.context) }],
      };
    }
    if (!ctx.contextStore) {
      throw new AppError(ErrorCodes.internal, 'Your context cannot be saved here.', {
        hint: 'Name the organization and space in each command instead.',
      });
    }
    const next = args.clear ? {} : await chosenContext(ctx, args);
    await ctx.contextStore.set(ctx.requester, next);
    return {
      kind: 'detail',
      title: args.clear ? 'Context cleared' : 'Context set',
      context: 'Deletes, removals and API keys never use it: they always need explicit targets.',
      fields: [
        { label: 'was', value: describeContext(ctx.context) },
        { label: 'now', value: describeContext(next) },
      ],
    };
  }),

  [whoami.id]: defineExecutor(whoami, async (_args, ctx) => {
    const fields: Field[] = [
      { label: 'Slack team', value: ctx.requester.teamId },
      { label: 'Slack user', value: ctx.requester.userId },
    ];
    fields.push(...(await arizeIdentity(ctx)));
    fields.push({ label: 'context', value: describeContext(ctx.context) });
    fields.push(
      ...(ctx.describePermissions
        ? await ctx.describePermissions(ctx.requester)
        : [{ label: 'permissions', value: 'not reported: no policy is attached to this bot yet' }]),
    );
    return { kind: 'detail', title: 'Who you are to arize-ops', fields };
  }),
};

async function arizeIdentity(ctx: ExecutionContext): Promise<Field[]> {
  if (!ctx.slackEmailOf) {
    return [{ label: 'e-mail', value: 'unknown: the Slack e-mail lookup is not available here' }];
  }
  const email = await ctx.slackEmailOf(ctx.requester.userId);
  try {
    const user = await ctx.resolver.user({ kind: 'email', email });
    return [
      { label: 'e-mail', value: email },
      { label: 'Arize user', value: `${userLabel(user)}, ${roleText(user.role)}` },
    ];
  } catch (error) {
    if (!isAppError(error) || error.code !== ErrorCodes.arizeNotFound) throw error;
    return [
      { label: 'e-mail', value: email },
      { label: 'Arize user', value: 'none with this e-mail' },
    ];
  }
}
