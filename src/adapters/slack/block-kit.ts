import { utcText } from '../../domain/moments.ts';

/**
 * Block Kit builders that keep untrusted text harmless: every string from Arize or a person goes
 * into `plain_text` (no mentions, links or formatting are parsed there, and emoji codes stay
 * literal); the fallback `text`, which Slack parses as mrkdwn, is escaped, and so is every
 * untrusted part of the few mrkdwn texts the bot writes for mentions and moments.
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

/**
 * A mrkdwn text object: only for text the bot wrote itself around escaped untrusted parts
 * (`escapeMrkdwn`), for what plain text cannot show: mentions and moments.
 */
export const mrkdwnText = (text: string, max: number = limits.fieldText) => ({
  type: 'mrkdwn',
  text: truncateMarkup(text, max),
});

/** A text object for a section's text or fields: a string becomes plain text. */
export type TextObject = ReturnType<typeof plainText> | ReturnType<typeof mrkdwnText>;
const textObject = (text: string | TextObject, max: number): TextObject =>
  typeof text === 'string' ? plainText(text, max) : text;

/**
 * Cuts mrkdwn like `truncate`, but never inside `<…>` or an entity: a cut token would show its
 * markup, so the text ends before it instead.
 */
function truncateMarkup(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max).slice(0, -1);
  const open = Math.max(cut.lastIndexOf('<'), cut.lastIndexOf('&'));
  const closed = Math.max(cut.lastIndexOf('>'), cut.lastIndexOf(';'));
  return `${open > closed ? cut.slice(0, open) : cut}…`;
}

/**
 * A link Slack shows as its label. Only an http(s) URL without whitespace or mrkdwn's delimiters
 * becomes one; anything else is shown as plain text, never as markup.
 */
export function link(url: string, label: string): TextObject {
  if (!/^https?:\/\/[^\s<>|]+$/.test(url)) return plainText(url, limits.fieldText);
  return mrkdwnText(`<${url.replace(/&/g, '&amp;')}|${escapeMrkdwn(label)}>`);
}

/** A Slack user (`U…`, `W…`) or user group (`S…`) id as a mention; anything else is not one. */
export const mention = (id: string): string =>
  /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : /^S[A-Z0-9]+$/.test(id) ? `<!subteam^${id}>` : '?';

/**
 * A moment Slack shows in the reader's own time zone (`<!date^…>`), with the UTC minute where it
 * cannot (notifications, old clients); undefined for a string that is not a moment.
 */
export function slackDate(iso: string): string | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${utcText(new Date(ms))}>`;
}

export const header = (text: string): Block => ({
  type: 'header',
  text: plainText(text, limits.headerText),
});

export const section = (text: string, fields: (string | TextObject)[] = []): Block => ({
  type: 'section',
  text: plainText(text),
  ...(fields.length > 0
    ? { fields: fields.slice(0, limits.fields).map((field) => textObject(field, limits.fieldText)) }
    : {}),
});

/** A section of fields only (Slack requires text or fields, not both). */
export const fieldsSection = (fields: (string | TextObject)[]): Block => ({
  type: 'section',
  fields: fields.slice(0, limits.fields).map((field) => textObject(field, limits.fieldText)),
});

export const context = (...texts: (string | TextObject)[]): Block => ({
  type: 'context',
  elements: texts
    .slice(0, limits.contextElements)
    .map((text) => textObject(text, limits.sectionText)),
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
