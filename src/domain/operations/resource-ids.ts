/**
 * Arize global ids are base64 of `Type:n[:salt]` (reference §1.2). The SDKs tell an id from a
 * name by strict base64 decoding that yields text with ':'; this module does the same, purely.
 */
export interface ResourceId {
  /** The type before the first ':', e.g. `Space`. */
  type: string;
  /** What follows the type, e.g. `12:aB`. */
  rest: string;
}

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const decodedShape = /^([A-Za-z][A-Za-z0-9_]*):(.+)$/s;
const maxIdLength = 200;

/** Decodes an Arize id, or undefined when the text is not one (then it is a name). */
export function decodeResourceId(value: string): ResourceId | undefined {
  if (value.length === 0 || value.length > maxIdLength || !strictBase64.test(value)) {
    return undefined;
  }
  const binary = atob(value);
  // Non-canonical padding bits decode too; the SDKs re-encode and compare, so do we.
  if (btoa(binary) !== value) return undefined;
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const match = decodedShape.exec(text);
  return match ? { type: match[1] as string, rest: match[2] as string } : undefined;
}

/** Encodes `Type:rest` as an Arize-style id (tests and examples). */
export function encodeResourceId(type: string, rest: string): string {
  const bytes = new TextEncoder().encode(`${type}:${rest}`);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The id types each kind of target may have. Orgs are `Organization` in REST and
 * `AccountOrganization` in GraphQL and UI links. The UI-only types (model, monitor, …) are
 * Arize's GraphQL node types as far as they could be confirmed; keep them in this one table.
 */
export const idTypes = {
  org: ['Organization', 'AccountOrganization'],
  space: ['Space'],
  user: ['User'],
  key: ['ApiKey'],
  model: ['Model'],
  metric: ['CustomMetric'],
  monitor: ['Monitor'],
  prompt: ['Prompt'],
  promptVersion: ['PromptVersion'],
  dashboard: ['Dashboard'],
} as const satisfies Record<string, readonly string[]>;
export type IdKind = keyof typeof idTypes;

const kindNames: Record<IdKind, string> = {
  org: 'organization',
  space: 'space',
  user: 'user',
  key: 'API key',
  model: 'model',
  metric: 'custom metric',
  monitor: 'monitor',
  prompt: 'prompt',
  promptVersion: 'prompt version',
  dashboard: 'dashboard',
};

/** Why `value` cannot be an id of `kind`, or undefined when it is one. */
export function idProblem(value: string, kind: IdKind): string | undefined {
  const decoded = decodeResourceId(value);
  const expected = idTypes[kind][0];
  if (!decoded) return `must be ${named(kind)} id (base64 of ${expected}:…)`;
  return wrongTypeProblem(decoded, kind);
}

/**
 * Why a name-or-id value cannot name a `kind`: only when it is an id of another type (a name is
 * left to the resolver).
 */
export function refProblem(value: string, kind: IdKind): string | undefined {
  const decoded = decodeResourceId(value);
  return decoded ? wrongTypeProblem(decoded, kind) : undefined;
}

function wrongTypeProblem(decoded: ResourceId, kind: IdKind): string | undefined {
  const types: readonly string[] = idTypes[kind];
  if (types.includes(decoded.type)) return undefined;
  return `is ${withArticle(decoded.type.slice(0, 40))} id, not ${named(kind)} id`;
}

const withArticle = (word: string): string => `${/^([aeio]|un)/i.test(word) ? 'an' : 'a'} ${word}`;
const named = (kind: IdKind): string => withArticle(kindNames[kind]);
