import { buildUiUrl, type UiTarget } from '../../domain/operations/ui-urls.ts';
import {
  urlDashboard,
  urlMetric,
  urlModel,
  urlMonitor,
  urlOrg,
  urlPrompt,
  urlPromptVersion,
  urlSpace,
} from '../../domain/operations/url-operations.ts';
import type { Reply } from '../../domain/reply.ts';
import { defineExecutor, type ExecutionContext } from './executor.ts';
import { scoped } from './reply-parts.ts';
import { orgIdOfSpace, resolveOrg, resolveSpace } from './targets.ts';

type InSpace = Record<string, string | undefined>;

const linkReply = (title: string, url: string, fromContext: boolean): Reply => ({
  kind: 'detail',
  title,
  url,
  ...(fromContext ? { context: scoped('Space', true) } : {}),
  fields: [{ label: 'link', value: url }],
});

/** A link inside a space: resolves the space (and its org), then fills the template. */
function inSpace(
  build: (args: InSpace, ids: { orgId: string; spaceId: string }) => UiTarget,
  what: string,
) {
  return async (args: InSpace, ctx: ExecutionContext): Promise<Reply> => {
    const space = await resolveSpace(ctx, args.space, args.org, 'read', '--space SPACE');
    const orgId = await orgIdOfSpace(ctx, space.value);
    const url = buildUiUrl(ctx.appUrl, build(args, { orgId, spaceId: space.value.id }));
    return linkReply(`${what} in ${space.value.name}`, url, space.fromContext);
  };
}

const id = (args: InSpace, name: string): string => args[name] as string;

export const urlExecutors = {
  [urlOrg.id]: defineExecutor(urlOrg, async (args, ctx) => {
    const org = await resolveOrg(ctx, args.org, 'read', 'ORG');
    const url = buildUiUrl(ctx.appUrl, { kind: 'org', orgId: org.value.id });
    return {
      kind: 'detail',
      title: `Organization ${org.value.name}`,
      url,
      ...(org.fromContext ? { context: scoped('Organization', true) } : {}),
      fields: [{ label: 'link', value: url }],
    };
  }),
  [urlSpace.id]: defineExecutor(urlSpace, async (args, ctx) => {
    const space = await resolveSpace(ctx, args.space, args.org, 'read');
    const orgId = await orgIdOfSpace(ctx, space.value);
    const url = buildUiUrl(ctx.appUrl, { kind: 'space', orgId, spaceId: space.value.id });
    return linkReply(`Space ${space.value.name}`, url, space.fromContext);
  }),
  [urlModel.id]: defineExecutor(
    urlModel,
    inSpace((a, ids) => ({ kind: 'model', ...ids, modelId: id(a, 'model') }), 'Model'),
  ),
  [urlMetric.id]: defineExecutor(
    urlMetric,
    inSpace(
      (a, ids) => ({ kind: 'metric', ...ids, modelId: id(a, 'model'), metricId: id(a, 'metric') }),
      'Custom metric',
    ),
  ),
  [urlMonitor.id]: defineExecutor(
    urlMonitor,
    inSpace((a, ids) => ({ kind: 'monitor', ...ids, monitorId: id(a, 'monitor') }), 'Monitor'),
  ),
  [urlPrompt.id]: defineExecutor(
    urlPrompt,
    inSpace((a, ids) => ({ kind: 'prompt', ...ids, promptId: id(a, 'prompt') }), 'Prompt'),
  ),
  [urlPromptVersion.id]: defineExecutor(
    urlPromptVersion,
    inSpace(
      (a, ids) => ({
        kind: 'prompt-version',
        ...ids,
        promptId: id(a, 'prompt'),
        versionId: id(a, 'version'),
      }),
      'Prompt version',
    ),
  ),
  [urlDashboard.id]: defineExecutor(
    urlDashboard,
    inSpace(
      (a, ids) => ({ kind: 'dashboard', ...ids, dashboardId: id(a, 'dashboard') }),
      'Dashboard',
    ),
  ),
};
