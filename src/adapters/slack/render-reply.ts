import type { Field, ListItem, Reply } from '../../domain/reply.ts';
import {
  actions,
  type Block,
  button,
  context,
  divider,
  escapeMrkdwn,
  fallbackText,
  fieldsSection,
  header,
  limits,
  link,
  mention,
  mrkdwnText,
  plainText,
  section,
  slackDate,
  type TextObject,
} from './block-kit.ts';

/** The action id of buttons that run a command (e.g. "More"); the value is the command text. */
export const runCommandActionId = 'run-command';

/**
 * The action id of an item's command button (`ListItem.command`): the value is the command text,
 * run for the clicker; its answer is a new message, never a replacement of the list.
 */
export const runCommandAsideActionId = 'run-command-aside';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Renders a reply as a Block Kit message within Slack's limits. */
export function renderReply(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case 'text':
    case 'progress':
      return { text: fallbackText(reply.text), blocks: [section(reply.text)] };
    case 'detail':
      return renderDetail(reply);
    case 'error':
      return {
        text: fallbackText(reply.message),
        blocks: [
          section(`⚠️ ${reply.message}`),
          ...(reply.usage ? [section(`Usage: ${reply.usage}`)] : []),
          ...(reply.hint ? [context(reply.hint)] : []),
        ],
      };
    case 'list':
      return renderList(reply);
  }
}

function renderDetail(reply: Extract<Reply, { kind: 'detail' }>): SlackMessage {
  const fixed = 2 + (reply.context ? 1 : 0) + (reply.url ? 1 : 0);
  const sections = chunk(reply.fields, limits.fields);
  const shown = sections.slice(0, limits.blocks - fixed);
  const hidden = reply.fields.length - shown.length * limits.fields;
  return {
    text: fallbackText(reply.title),
    blocks: [
      header(reply.title),
      ...(reply.context ? [context(reply.context)] : []),
      ...shown.map((fields) => fieldsSection(fields.map((field) => fieldText(field, '\n')))),
      // Slack refuses a message of more than 50 blocks; say what did not fit instead.
      ...(hidden > 0 ? [context(`…and ${hidden} more fields not shown.`)] : []),
      ...(reply.url ? [context(link(reply.url, reply.urlLabel ?? arizeLinkLabel))] : []),
    ],
  };
}

const arizeLinkLabel = 'Open in Arize';

function renderList(reply: Extract<Reply, { kind: 'list' }>): SlackMessage {
  const fixed = 3 + (reply.context ? 1 : 0) + (reply.more ? 1 : 0);
  const { blocks: itemBlocks, shown } = fitItems(reply.items, limits.blocks - fixed);
  const hidden = reply.items.length - shown;
  const summary = `${reply.title}: ${reply.items.length === 0 ? reply.empty : reply.items.map((i) => i.title).join(', ')}`;
  const blocks: Block[] = [
    header(reply.title),
    ...(reply.context ? [context(reply.context)] : []),
    divider(),
    ...(reply.items.length === 0 ? [section(reply.empty)] : itemBlocks),
    ...(hidden > 0 ? [context(`…and ${hidden} more not shown.`)] : []),
    ...(reply.more ? [moreBlock(reply.more)] : []),
  ];
  return { text: fallbackText(summary), blocks: blocks.slice(0, limits.blocks) };
}

/**
 * The items that fit in `room` blocks, in order: each item is a section and, when it has an id or
 * a link, a small context line under it; a list spanning organizations puts a line with the
 * organization's name before each run of its items.
 */
function fitItems(items: readonly ListItem[], room: number): { blocks: Block[]; shown: number } {
  const blocks: Block[] = [];
  let group: string | undefined;
  let shown = 0;
  for (const item of items) {
    const heading = item.group !== undefined && item.group !== group ? [groupLine(item.group)] : [];
    const next = [...heading, ...renderItem(item)];
    if (blocks.length + next.length > room) break;
    blocks.push(...next);
    group = item.group ?? group;
    shown += 1;
  }
  return { blocks, shown };
}

const groupLine = (name: string): Block => section(`Organization: ${name}`);

/**
 * The "More" button runs the next page's command, which must fit in a button's value whole: a
 * truncated command would run something else, so a longer one is described instead.
 */
function moreBlock(more: { label: string; command: string }): Block {
  if (more.command.length <= limits.buttonValue) {
    return actions([button(more.label, runCommandActionId, more.command)]);
  }
  return context(
    'There are more results, but this command is too long to carry on a "More" button: narrow it (fewer names or filters) to page through them.',
  );
}

function renderItem(item: ListItem): Block[] {
  const small = [
    ...(item.id ? [`id: ${item.id}`] : []),
    ...(item.url ? [link(item.url, arizeLinkLabel)] : []),
  ];
  const fields = (item.fields ?? []).map((field) => fieldText(field, ': '));
  const block = section(item.title, fields);
  // A command cut to fit a button would run something else: a longer one gets no button.
  if (item.command && item.command.text.length <= limits.buttonValue) {
    block.accessory = button(item.command.label, runCommandAsideActionId, item.command.text);
  }
  return [block, ...(small.length > 0 ? [context(...small)] : [])];
}

/**
 * A field as Slack shows it: plain text, except a moment (in the reader's own time zone, with the
 * words beside it) and people (as mentions), whose untrusted parts are escaped.
 */
export function fieldText(field: Field, separator: string): TextObject {
  const label = field.label ? `${field.label}${separator}` : '';
  const date = field.at === undefined ? undefined : slackDate(field.at);
  if (date) return mrkdwnText(`${escapeMrkdwn(label)}${date} (${escapeMrkdwn(field.value)})`);
  if (field.people && field.people.length > 0) {
    return mrkdwnText(`${escapeMrkdwn(label)}${field.people.map(mention).join(', ')}`);
  }
  return plainText(`${label}${field.value}`, limits.fieldText);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
