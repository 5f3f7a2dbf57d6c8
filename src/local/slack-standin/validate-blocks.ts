/**
 * Block Kit checks shared by the Web API and response URLs, so tests meet Slack's limits here before
 * they meet them in production. Errors carry Slack-style `[ERROR] … [json-pointer:/…]` messages.
 */
export type BlockValidation =
  | { ok: true; blocks: unknown[] }
  | {
      ok: false;
      error: 'invalid_blocks' | 'invalid_blocks_format' | 'msg_too_long' | 'no_text';
      messages: string[];
    };

const MESSAGE_BLOCKS_MAX = 50;
const MODAL_BLOCKS_MAX = 100;
const MESSAGE_TEXT_MAX = 40_000;

const KNOWN_BLOCKS = new Set([
  'section',
  'header',
  'context',
  'divider',
  'actions',
  'image',
  'input',
  'rich_text',
  'file',
  'video',
  'markdown',
]);
const INTERACTIVE_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'timepicker',
  'overflow',
  'radio_buttons',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
]);

/** Elements an input block may hold (buttons and overflow menus may not). */
const INPUT_ELEMENTS = new Set([
  ...[...INTERACTIVE_ELEMENTS].filter((type) => type !== 'button' && type !== 'overflow'),
  'rich_text_input',
  'file_input',
]);
const TEXT_INPUT_MAX = 3000;

type Issues = string[];
type Rec = Record<string, unknown>;

const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (issues: Issues, pointer: string, message: string): void => {
  issues.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
};

const checkLength = (issues: Issues, pointer: string, value: unknown, max: number, min = 0) => {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    fail(issues, pointer, 'must be a string');
    return;
  }
  if (value.length > max) fail(issues, pointer, `must be less than ${max + 1} characters`);
  else if (value.length < min) fail(issues, pointer, `must be at least ${min} characters`);
};

const checkText = (
  issues: Issues,
  pointer: string,
  value: unknown,
  max: number,
  types: readonly string[] = ['plain_text', 'mrkdwn'],
): void => {
  if (!isRecord(value)) {
    fail(issues, pointer, 'must be a text object');
    return;
  }
  if (typeof value.type !== 'string' || !types.includes(value.type)) {
    fail(issues, `${pointer}/type`, `must be one of ${types.join(', ')}`);
    return;
  }
  if (typeof value.text !== 'string') {
    fail(issues, `${pointer}/text`, 'must be a string');
    return;
  }
  checkLength(issues, `${pointer}/text`, value.text, max, 1);
};

const checkConfirm = (issues: Issues, pointer: string, value: unknown): void => {
  if (value === undefined) return;
  if (!isRecord(value)) {
    fail(issues, pointer, 'must be a confirmation object');
    return;
  }
  checkText(issues, `${pointer}/title`, value.title, 100, ['plain_text']);
  checkText(issues, `${pointer}/text`, value.text, 300);
  checkText(issues, `${pointer}/confirm`, value.confirm, 30, ['plain_text']);
  checkText(issues, `${pointer}/deny`, value.deny, 30, ['plain_text']);
};

const checkElement = (issues: Issues, pointer: string, element: unknown): void => {
  if (!isRecord(element) || typeof element.type !== 'string') {
    fail(issues, pointer, 'must be an element object');
    return;
  }
  if (element.type === 'image') return;
  if (!INTERACTIVE_ELEMENTS.has(element.type)) {
    fail(issues, `${pointer}/type`, `unknown element type ${element.type}`);
    return;
  }
  checkLength(issues, `${pointer}/action_id`, element.action_id, 255);
  checkConfirm(issues, `${pointer}/confirm`, element.confirm);
  if (element.type !== 'button') return;
  checkText(issues, `${pointer}/text`, element.text, 75, ['plain_text']);
  checkLength(issues, `${pointer}/value`, element.value, 2000);
  checkLength(issues, `${pointer}/url`, element.url, 3000);
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
    fail(issues, `${pointer}/style`, 'must be primary or danger');
  }
};

const checkTextList = (
  issues: Issues,
  pointer: string,
  items: unknown,
  max: number,
  maxLen: number,
) => {
  if (!Array.isArray(items) || items.length === 0) {
    fail(issues, pointer, 'must be a non-empty array');
    return;
  }
  if (items.length > max) fail(issues, pointer, `must contain at most ${max} items`);
  for (const [i, item] of items.entries()) {
    if (isRecord(item) && item.type === 'image') continue;
    checkText(issues, `${pointer}/${i}`, item, maxLen);
  }
};

const checkSection = (issues: Issues, pointer: string, block: Rec): void => {
  if (block.text === undefined && block.fields === undefined) {
    fail(issues, pointer, 'must provide either text or fields');
  }
  if (block.text !== undefined) checkText(issues, `${pointer}/text`, block.text, 3000);
  if (block.fields !== undefined)
    checkTextList(issues, `${pointer}/fields`, block.fields, 10, 2000);
  if (block.accessory !== undefined) checkElement(issues, `${pointer}/accessory`, block.accessory);
};

const checkActions = (issues: Issues, pointer: string, elements: unknown): void => {
  if (!Array.isArray(elements) || elements.length === 0) {
    fail(issues, pointer, 'must be a non-empty array');
    return;
  }
  if (elements.length > 25) fail(issues, pointer, 'must contain at most 25 items');
  for (const [i, element] of elements.entries()) checkElement(issues, `${pointer}/${i}`, element);
};

const checkLengthBound = (issues: Issues, pointer: string, value: unknown, min: number) => {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value))
    fail(issues, pointer, 'must be an integer');
  else if (value < min || value > TEXT_INPUT_MAX) {
    fail(issues, pointer, `must be between ${min} and ${TEXT_INPUT_MAX}`);
  }
};

const checkTextInput = (issues: Issues, pointer: string, element: Rec): void => {
  checkLength(issues, `${pointer}/action_id`, element.action_id, 255);
  if (element.placeholder !== undefined) {
    checkText(issues, `${pointer}/placeholder`, element.placeholder, 150, ['plain_text']);
  }
  checkLength(issues, `${pointer}/initial_value`, element.initial_value, TEXT_INPUT_MAX);
  checkLengthBound(issues, `${pointer}/min_length`, element.min_length, 0);
  checkLengthBound(issues, `${pointer}/max_length`, element.max_length, 1);
  if (element.multiline !== undefined && typeof element.multiline !== 'boolean') {
    fail(issues, `${pointer}/multiline`, 'must be a boolean');
  }
};

/** An input block: a plain_text label, an optional hint and exactly one input element. */
const checkInput = (issues: Issues, pointer: string, block: Rec): void => {
  checkText(issues, `${pointer}/label`, block.label, 2000, ['plain_text']);
  if (block.hint !== undefined)
    checkText(issues, `${pointer}/hint`, block.hint, 2000, ['plain_text']);
  for (const flag of ['optional', 'dispatch_action'] as const) {
    if (block[flag] !== undefined && typeof block[flag] !== 'boolean') {
      fail(issues, `${pointer}/${flag}`, 'must be a boolean');
    }
  }
  const element = block.element;
  if (!isRecord(element) || typeof element.type !== 'string') {
    fail(issues, `${pointer}/element`, 'must be an element object');
    return;
  }
  if (!INPUT_ELEMENTS.has(element.type)) {
    fail(issues, `${pointer}/element/type`, `${element.type} is not allowed in an input block`);
    return;
  }
  if (element.type === 'plain_text_input') checkTextInput(issues, `${pointer}/element`, element);
  else checkLength(issues, `${pointer}/element/action_id`, element.action_id, 255);
};

const checkBlock = (issues: Issues, pointer: string, block: unknown): void => {
  if (!isRecord(block) || typeof block.type !== 'string') {
    fail(issues, pointer, 'must be a block object');
    return;
  }
  if (!KNOWN_BLOCKS.has(block.type)) {
    fail(issues, `${pointer}/type`, `unknown block type ${block.type}`);
    return;
  }
  checkLength(issues, `${pointer}/block_id`, block.block_id, 255);
  if (block.type === 'section') checkSection(issues, pointer, block);
  else if (block.type === 'header') {
    checkText(issues, `${pointer}/text`, block.text, 150, ['plain_text']);
  } else if (block.type === 'context') {
    checkTextList(issues, `${pointer}/elements`, block.elements, 10, 3000);
  } else if (block.type === 'actions') checkActions(issues, `${pointer}/elements`, block.elements);
  else if (block.type === 'input') checkInput(issues, pointer, block);
};

/** Parses `blocks` as Slack does: a JSON array, or (form-encoded calls) a string holding one. */
export const parseBlocks = (
  raw: unknown,
): { ok: true; blocks: unknown[] | undefined } | { ok: false } => {
  if (raw === undefined || raw === null || raw === '') return { ok: true, blocks: undefined };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false };
    }
  }
  return Array.isArray(value) ? { ok: true, blocks: value } : { ok: false };
};

const checkBlocks = (issues: Issues, blocks: readonly unknown[], max: number, root: string) => {
  if (blocks.length > max) fail(issues, root, `must contain at most ${max} items`);
  for (const [i, block] of blocks.entries()) checkBlock(issues, `${root}/${i}`, block);
};

/** Validates a message's `text` and `blocks` (raw request values) against Slack's limits. */
export const validateMessage = (
  text: unknown,
  rawBlocks: unknown,
  options: { requireContent?: boolean } = {},
): BlockValidation => {
  const parsed = parseBlocks(rawBlocks);
  if (!parsed.ok) {
    return {
      ok: false,
      error: 'invalid_blocks_format',
      messages: ['[ERROR] blocks must be a JSON array'],
    };
  }
  const blocks = parsed.blocks ?? [];
  if (typeof text === 'string' && text.length > MESSAGE_TEXT_MAX) {
    return { ok: false, error: 'msg_too_long', messages: [] };
  }
  if (
    options.requireContent !== false &&
    !(typeof text === 'string' && text !== '') &&
    blocks.length === 0
  ) {
    return { ok: false, error: 'no_text', messages: [] };
  }
  const issues: Issues = [];
  checkBlocks(issues, blocks, MESSAGE_BLOCKS_MAX, '/blocks');
  return issues.length > 0
    ? { ok: false, error: 'invalid_blocks', messages: issues }
    : { ok: true, blocks };
};

/** Validates a modal view (views.open / update / push); returns Slack-style messages on failure. */
export const validateView = (view: unknown): string[] => {
  const issues: Issues = [];
  if (!isRecord(view)) {
    fail(issues, '/view', 'must be a view object');
    return issues;
  }
  if (view.type !== 'modal') fail(issues, '/view/type', 'must be modal');
  checkText(issues, '/view/title', view.title, 24, ['plain_text']);
  if (view.submit !== undefined) checkText(issues, '/view/submit', view.submit, 24, ['plain_text']);
  if (view.close !== undefined) checkText(issues, '/view/close', view.close, 24, ['plain_text']);
  checkLength(issues, '/view/callback_id', view.callback_id, 255);
  checkLength(issues, '/view/private_metadata', view.private_metadata, 3000);
  checkLength(issues, '/view/external_id', view.external_id, 255);
  if (!Array.isArray(view.blocks)) fail(issues, '/view/blocks', 'must be an array');
  else {
    checkBlocks(issues, view.blocks, MODAL_BLOCKS_MAX, '/view/blocks');
    const hasInput = view.blocks.some((b) => isRecord(b) && b.type === 'input');
    // Slack: "submit … Required if an input block is included".
    if (hasInput && view.submit === undefined) {
      fail(issues, '/view/submit', 'is required when the view has an input block');
    }
  }
  return issues;
};
