/**
 * Deep links into the Arize UI (reference §2.6), on the app host (ARIZE_APP_URL). Ids are
 * percent-encoded: base64 ids end in `=`, which a URL path or query must not carry raw.
 */
export type UiTarget =
  | { kind: 'org'; orgId: string }
  | { kind: 'space'; orgId: string; spaceId: string }
  | { kind: 'model'; orgId: string; spaceId: string; modelId: string }
  | { kind: 'metric'; orgId: string; spaceId: string; modelId: string; metricId: string }
  | { kind: 'monitor'; orgId: string; spaceId: string; monitorId: string }
  | { kind: 'prompt'; orgId: string; spaceId: string; promptId: string }
  | { kind: 'prompt-version'; orgId: string; spaceId: string; promptId: string; versionId: string }
  | { kind: 'dashboard'; orgId: string; spaceId: string; dashboardId: string };

const enc = encodeURIComponent;

export function buildUiUrl(appUrl: string, target: UiTarget): string {
  const org = `${appUrl.replace(/\/+$/, '')}/organizations/${enc(target.orgId)}`;
  if (target.kind === 'org') return org;
  const space = `${org}/spaces/${enc(target.spaceId)}`;
  switch (target.kind) {
    case 'space':
      return space;
    case 'model':
      return `${space}/models/${enc(target.modelId)}`;
    case 'metric':
      return `${space}/models/${enc(target.modelId)}/custom_metrics/${enc(target.metricId)}`;
    case 'monitor':
      return `${space}/monitors/${enc(target.monitorId)}`;
    case 'prompt':
      return `${space}/prompt-hub/${enc(target.promptId)}`;
    case 'prompt-version':
      return `${space}/prompt-hub/${enc(target.promptId)}?version=${enc(target.versionId)}`;
    case 'dashboard':
      return `${space}/dashboards/${enc(target.dashboardId)}`;
  }
}
