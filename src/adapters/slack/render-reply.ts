import type { ListItem, Reply } from '../../domain/reply.ts';
import {
  actions,
  type Block,
  button,
  context,
  divider,
  fallbackText,
  fieldsSection,
  header,
  limits,
  section,
} from './block-kit.ts';

/** The action id of buttons that run a command (e.g. "More"); the value is the command text. */
export const runCommandActionId = 'run-command';

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
      ...shown.map((fields) =>
        fieldsSection(fields.map((f) => (f.label ? `${f.label}\n${f.value}` : f.value))),
      ),
      // Slack refuses a message of more than 50 blocks; say what did not fit instead.
      ...(hidden > 0 ? [context(`…and ${hidden} more fields not shown.`)] : []),
      ...(reply.url ? [context(reply.url)] : []),
    ],
  };
}

function renderList(reply: Extract<Reply, { kind: 'list' }>): SlackMessage {
  const fixed = 3 + (reply.context ? 1 : 0) + (reply.more ? 1 : 0);
  const room = limits.blocks - fixed;
  const shown = reply.items.slice(0, room);
  const hidden = reply.items.length - shown.length;
  const summary = `${reply.title}: ${reply.items.length === 0 ? reply.empty : reply.items.map((i) => i.title).join(', ')}`;
  const blocks: Block[] = [
    header(reply.title),
    ...(reply.context ? [context(reply.context)] : []),
    divider(),
    ...(shown.length === 0 ? [section(reply.empty)] : shown.map(renderItem)),
    ...(hidden > 0 ? [context(`…and ${hidden} more not shown.`)] : []),
    ...(reply.more ? [moreBlock(reply.more)] : []),
  ];
  return { text: fallbackText(summary), blocks: blocks.slice(0, limits.blocks) };
}

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

function renderItem(item: ListItem): Block {
  const fields = [
    ...(item.fields ?? []).map((f) => (f.label ? `${f.label}: ${f.value}` : f.value)),
    ...(item.id ? [`id: ${item.id}`] : []),
    ...(item.url ? [item.url] : []),
  ];
  return section(item.title, fields);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
