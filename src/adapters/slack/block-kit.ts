/**
 * Block Kit builders that keep untrusted text harmless: every string from Arize or a person goes
 * into `plain_text` (no mentions, links or formatting are parsed there, and emoji codes stay
 * literal); only the fallback `text`, which Slack parses as mrkdwn, is escaped.
 */
export const limits = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  fallbackText: 3000,
} as const;

export type Block = Record<string, unknown>;

/**
 * Cuts text to at most `max` UTF-16 units, ending in `…`. Slack's "characters" are counted here in
 * UTF-16 units, the stricter of the two readings (an emoji is two), and a surrogate pair is never
 * split, so the result fits whichever way Slack counts.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > max - 1) break;
    kept += char;
  }
  return `${kept}…`;
}

/** Escapes the three characters Slack's mrkdwn parser treats as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const plainText = (text: string, max: number = limits.sectionText) => ({
  type: 'plain_text',
  text: truncate(text === '' ? ' ' : text, max),
  emoji: false,
});

export const header = (text: string): Block => ({
  type: 'header',
  text: plainText(text, limits.headerText),
});

export const section = (text: string, fields: string[] = []): Block => ({
  type: 'section',
  text: plainText(text),
  ...(fields.length > 0
    ? { fields: fields.slice(0, limits.fields).map((field) => plainText(field, limits.fieldText)) }
    : {}),
});

/** A section of fields only (Slack requires text or fields, not both). */
export const fieldsSection = (fields: string[]): Block => ({
  type: 'section',
  fields: fields.slice(0, limits.fields).map((field) => plainText(field, limits.fieldText)),
});

export const context = (text: string): Block => ({
  type: 'context',
  elements: [plainText(text, limits.sectionText)],
});

export const divider = (): Block => ({ type: 'divider' });

export const button = (
  label: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): Block => ({
  type: 'button',
  text: plainText(label, limits.buttonText),
  action_id: actionId,
  value: truncate(value, limits.buttonValue),
  ...(style ? { style } : {}),
});

export const actions = (elements: Block[]): Block => ({ type: 'actions', elements });

/** The notification text Slack shows beside the blocks: escaped, since Slack parses it. */
export const fallbackText = (text: string): string =>
  truncate(escapeMrkdwn(text), limits.fallbackText);
