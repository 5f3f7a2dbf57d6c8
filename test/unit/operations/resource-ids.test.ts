import { describe, expect, it } from 'vitest';
import {
  decodeResourceId,
  encodeResourceId,
  idProblem,
  refProblem,
} from '../../../src/domain/operations/resource-ids.ts';
import { buildUiUrl } from '../../../src/domain/operations/ui-urls.ts';

describe('decodeResourceId', () => {
  it.each([
    ['T3JnYW5pemF0aW9uOjE6YUJjRA==', { type: 'Organization', rest: '1:aBcD' }],
    ['QWNjb3VudE9yZ2FuaXphdGlvbjox', { type: 'AccountOrganization', rest: '1' }],
    ['U3BhY2U6MTIzNDU=', { type: 'Space', rest: '12345' }],
    ['QXBpS2V5OjEwMDE6YUJjRA==', { type: 'ApiKey', rest: '1001:aBcD' }],
  ])('decodes %s', (id, decoded) => {
    expect(decodeResourceId(id)).toEqual(decoded);
  });

  it.each([
    ['', 'empty'],
    ['production', 'a name'],
    ['U3BhY2U6MTIzNDU', 'missing padding'],
    ['U3BhY2U6MTIzNDV=', 'non-canonical padding bits'],
    ['cHJvZHVjdGlvbg==', 'base64 without a type'],
    ['OlNwYWNl', 'an empty type'],
    ['/w==', 'bytes that are not UTF-8'],
    [`${'QUFB'.repeat(51)}`, 'longer than any id'],
  ])('refuses %s (%s)', (value) => {
    expect(decodeResourceId(value)).toBeUndefined();
  });

  it('encodes what it decodes, including non-ASCII', () => {
    const id = encodeResourceId('Model', 'é:1');
    expect(decodeResourceId(id)).toEqual({ type: 'Model', rest: 'é:1' });
  });
});

describe('id checks', () => {
  const space = encodeResourceId('Space', '1');
  it.each([
    [encodeResourceId('Model', '3'), 'model', undefined],
    [space, 'model', 'is a Space id, not a model id'],
    ['abc', 'model', 'must be a model id (base64 of Model:…)'],
    [encodeResourceId('AccountOrganization', '1'), 'org', undefined],
    [encodeResourceId('Organization', '1:x'), 'org', undefined],
    [encodeResourceId('PromptVersion', '9'), 'promptVersion', undefined],
  ] as const)('idProblem(%s, %s) → %j', (value, kind, problem) => {
    expect(idProblem(value, kind)).toBe(problem);
  });

  it.each([
    ['production', 'space', undefined],
    [space, 'space', undefined],
    [space, 'org', 'is a Space id, not an organization id'],
    [encodeResourceId('User', '1'), 'key', 'is a User id, not an API key id'],
  ] as const)('refProblem(%s, %s) → %j', (value, kind, problem) => {
    expect(refProblem(value, kind)).toBe(problem);
  });
});

describe('buildUiUrl', () => {
  const ids = { orgId: 'T3JnOjE=', spaceId: 'U3BhY2U6Mg==' };
  const space = 'https://app.arize.com/organizations/T3JnOjE%3D/spaces/U3BhY2U6Mg%3D%3D';
  it.each([
    [{ kind: 'org', orgId: 'T3JnOjE=' }, 'https://app.arize.com/organizations/T3JnOjE%3D'],
    [{ kind: 'space', ...ids }, space],
    [{ kind: 'model', ...ids, modelId: 'TW9kZWw6Mw==' }, `${space}/models/TW9kZWw6Mw%3D%3D`],
    [
      { kind: 'metric', ...ids, modelId: 'M', metricId: 'C+/' },
      `${space}/models/M/custom_metrics/C%2B%2F`,
    ],
    [{ kind: 'monitor', ...ids, monitorId: 'Mo' }, `${space}/monitors/Mo`],
    [{ kind: 'prompt', ...ids, promptId: 'P=' }, `${space}/prompt-hub/P%3D`],
    [
      { kind: 'prompt-version', ...ids, promptId: 'P', versionId: 'V&x=1' },
      `${space}/prompt-hub/P?version=V%26x%3D1`,
    ],
    [{ kind: 'dashboard', ...ids, dashboardId: 'D' }, `${space}/dashboards/D`],
  ] as const)('builds %j', (target, url) => {
    expect(buildUiUrl('https://app.arize.com/', target)).toBe(url);
  });
});
