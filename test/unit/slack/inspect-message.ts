import { runCommandActionId, type SlackMessage } from '../../../src/adapters/slack/render-reply.ts';

/** A text object found anywhere in a block tree, with the JSON pointer it sits at. */
export interface FoundText {
  pointer: string;
  type: 'plain_text' | 'mrkdwn';
  text: unknown;
  emoji: unknown;
  keys: string[];
}

export interface MessageTree {
  texts: FoundText[];
  buttonValues: string[];
  /** String leaves outside text objects that are not one of the renderer's constants. */
  strayStrings: { pointer: string; value: string }[];
}

const blockAndElementTypes = new Set([
  'section',
  'header',
  'context',
  'divider',
  'actions',
  'button',
]);
const styles = new Set(['primary', 'danger']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Walks any block tree generically: every object whose `type` is `plain_text` or `mrkdwn` is a
 * text object; every other string must be a renderer constant or a button's `value` (which Slack
 * never displays), so untrusted text cannot hide in a field this walk does not know about.
 */
export function inspectBlocks(blocks: unknown): MessageTree {
  const tree: MessageTree = { texts: [], buttonValues: [], strayStrings: [] };
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, `${pointer}/${i}`);
      });
      return;
    }
    if (!isRecord(node)) return;
    if (node.type === 'plain_text' || node.type === 'mrkdwn') {
      tree.texts.push({
        pointer,
        type: node.type,
        text: node.text,
        emoji: node.emoji,
        keys: Object.keys(node),
      });
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${key}`;
      if (typeof value !== 'string') {
        walk(value, at);
      } else if (key === 'value' && node.type === 'button') {
        tree.buttonValues.push(value);
      } else if (!isConstant(key, value)) {
        tree.strayStrings.push({ pointer: at, value });
      }
    }
  };
  walk(blocks, '');
  return tree;
}

const isConstant = (key: string, value: string): boolean =>
  (key === 'type' && blockAndElementTypes.has(value)) ||
  (key === 'action_id' && value === runCommandActionId) ||
  (key === 'style' && styles.has(value));

/**
 * True when Slack's mrkdwn parser can find no markup-opening character in `text`: no `<` or `>`
 * at all, and every `&` starts one of the three escapes (or is an escape cut short by truncation
 * right before the closing `…`, which renders as literal text).
 */
export function isInertMrkdwn(text: string): boolean {
  if (/[<>]/.test(text)) return false;
  const chars = [...text];
  const truncated = chars.at(-1) === '…';
  for (const match of text.matchAll(/&/g)) {
    const rest = text.slice(match.index);
    if (/^&(amp|lt|gt);/.test(rest)) continue;
    if (truncated && /^&(a|am|amp|l|lt|g|gt)?…$/.test(rest)) continue;
    return false;
  }
  return true;
}

/** Characters as the renderer counts them: UTF-16 units, the stricter reading of Slack's limits. */
export const length = (text: string): number => text.length;

/** Every Slack limit this renderer promises, as a list of broken ones (empty when within). */
export function limitProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  const over = (what: string, text: unknown, max: number) => {
    if (typeof text !== 'string') problems.push(`${what}: not a string`);
    else if (length(text) > max) problems.push(`${what}: ${length(text)} > ${max}`);
    else if (text.length === 0) problems.push(`${what}: empty`);
  };
  if (message.blocks.length > 50) problems.push(`blocks: ${message.blocks.length} > 50`);
  over('fallback text', message.text, 3000);
  message.blocks.forEach((block, i) => {
    const text = (block.text as { text?: unknown } | undefined)?.text;
    if (block.type === 'header') over(`/${i} header`, text, 150);
    if (block.type === 'section') {
      if (block.text !== undefined) over(`/${i} section text`, text, 3000);
      const fields = (block.fields ?? []) as { text: unknown }[];
      if (fields.length > 10) problems.push(`/${i} fields: ${fields.length} > 10`);
      fields.forEach((field, j) => {
        over(`/${i}/fields/${j}`, field.text, 2000);
      });
      if (block.text === undefined && fields.length === 0) problems.push(`/${i}: no text`);
    }
    if (block.type === 'context') {
      const elements = block.elements as { text: unknown }[];
      if (elements.length > 10) problems.push(`/${i} context elements: ${elements.length} > 10`);
      elements.forEach((element, j) => {
        over(`/${i}/elements/${j}`, element.text, 3000);
      });
    }
    if (block.type === 'actions') {
      const elements = block.elements as { text: { text: unknown }; value: unknown }[];
      if (elements.length > 25) problems.push(`/${i} actions: ${elements.length} > 25`);
      elements.forEach((button, j) => {
        over(`/${i}/elements/${j} button text`, button.text.text, 75);
        over(`/${i}/elements/${j} button value`, button.value, 2000);
      });
    }
  });
  return problems;
}
