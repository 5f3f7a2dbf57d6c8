import * as z from 'zod';
import { idOf, orgFlag, orgPositional, refOf, spacePositional } from './arguments.ts';
import { defineOperation, type FlagSpec, fixedRisk, type PositionalSpec } from './operation.ts';
import { encodeResourceId, type IdKind, idTypes } from './resource-ids.ts';
import type { UiTarget } from './ui-urls.ts';

const readOnly = { ...fixedRisk('read'), retry: 'idempotent' as const };

export const urlOrg = defineOperation({
  id: 'url.org',
  words: ['url', 'org'],
  summary: 'A link to an organization in the Arize UI.',
  positionals: [orgPositional(false, 'organization name or id (default: your context)')],
  flags: [],
  schema: z.object({ org: refOf('org').optional() }),
  ...readOnly,
  examples: ['url org "Acme ML"'],
});

export const urlSpace = defineOperation({
  id: 'url.space',
  words: ['url', 'space'],
  summary: 'A link to a space in the Arize UI.',
  positionals: [spacePositional(false, 'space name or id (default: your context)')],
  flags: [orgFlag('the organization to look the space name up in, when ambiguous')],
  schema: z.object({ space: refOf('space').optional(), org: refOf('org').optional() }),
  ...readOnly,
  examples: ['url space fraud-detection'],
});

interface IdArg {
  name: string;
  placeholder: string;
  kind: IdKind;
  description: string;
}

const spaceScopeFlags: FlagSpec[] = [
  {
    name: 'space',
    placeholder: 'SPACE',
    kind: 'text',
    description: 'space name or id (default: your context)',
  },
  orgFlag('the organization to look the space name up in, when ambiguous'),
];

/** A link to something inside a space, named by ids that must decode to the right type. */
function spaceLink<const K extends Exclude<UiTarget['kind'], 'org' | 'space'>>(
  kind: K,
  summary: string,
  ids: readonly IdArg[],
) {
  const positionals: PositionalSpec[] = ids.map((id) => ({
    name: id.name,
    placeholder: id.placeholder,
    kind: 'text',
    required: true,
    description: id.description,
  }));
  const shape = Object.fromEntries(ids.map((id) => [id.name, idOf(id.kind)]));
  const exampleIds = ids.map((id, i) => encodeResourceId(idTypes[id.kind][0], `${i + 1}`));
  return defineOperation({
    id: `url.${kind}`,
    words: ['url', kind],
    summary,
    positionals,
    flags: spaceScopeFlags,
    schema: z.object({
      ...shape,
      space: refOf('space').optional(),
      org: refOf('org').optional(),
    }) as z.ZodType<Record<string, string | undefined>>,
    ...readOnly,
    examples: [`url ${kind} ${exampleIds.join(' ')} --space fraud-detection`],
  });
}

const model: IdArg = {
  name: 'model',
  placeholder: 'MODEL',
  kind: 'model',
  description: 'model id',
};
const prompt: IdArg = {
  name: 'prompt',
  placeholder: 'PROMPT',
  kind: 'prompt',
  description: 'prompt id',
};

export const urlModel = spaceLink('model', 'A link to a model in the Arize UI.', [model]);
export const urlMetric = spaceLink('metric', 'A link to a custom metric of a model.', [
  model,
  { name: 'metric', placeholder: 'METRIC', kind: 'metric', description: 'custom metric id' },
]);
export const urlMonitor = spaceLink('monitor', 'A link to a monitor in the Arize UI.', [
  { name: 'monitor', placeholder: 'MONITOR', kind: 'monitor', description: 'monitor id' },
]);
export const urlPrompt = spaceLink('prompt', 'A link to a prompt in the Prompt Hub.', [prompt]);
export const urlPromptVersion = spaceLink(
  'prompt-version',
  'A link to one version of a prompt in the Prompt Hub.',
  [
    prompt,
    {
      name: 'version',
      placeholder: 'VERSION',
      kind: 'promptVersion',
      description: 'prompt version id',
    },
  ],
);
export const urlDashboard = spaceLink('dashboard', 'A link to a dashboard in the Arize UI.', [
  { name: 'dashboard', placeholder: 'DASHBOARD', kind: 'dashboard', description: 'dashboard id' },
]);
