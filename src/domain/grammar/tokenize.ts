/**
 * Splits slash-command text as Slack delivers it into tokens, shell-like: whitespace separates,
 * "double", 'single' and “smart” quotes group (at a token's start, after `=`, and double ones
 * after a comma), `\"` and `\\` escape inside double quotes. Slack's markup (`<@U123|jane>`,
 * `<mailto:a@b.com|a@b.com>`) and entities (`&lt;`) are decoded per token.
 */
export interface Token {
  text: string;
  /** True when the token starts with an unquoted `--` (or a dash autocorrected from it). */
  flagLike: boolean;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; message: string };

/** Opening quote → the characters that close it. Phones and Slack turn `"` into “…”. */
const closingQuotes: Record<string, string> = {
  '"': '"',
  "'": "'",
  '“': '”“',
  '”': '”',
  '„': '“”',
  '‘': '’‘',
};

const doubleQuotes = '"“”„';

/** macOS and iOS autocorrect `--` into an em or en dash; treat a leading one as `--`. */
const dashes = /^[—–]/;

const isSpace = (char: string): boolean => /\s/u.test(char);

export function tokenize(input: string): TokenizeResult {
  const tokens: Token[] = [];
  let text = '';
  let started = false;
  let flagLike = false;
  let i = 0;
  const finish = () => {
    if (started) tokens.push({ text: decodeSlackText(text), flagLike });
    text = '';
    started = false;
    flagLike = false;
  };
  while (i < input.length) {
    const char = input[i] as string;
    if (isSpace(char)) {
      finish();
      i += 1;
      continue;
    }
    const close = closingQuotes[char];
    // A quote opens a group only at the start of a token, after `=` (`--name="Jane Doe"`) or, if
    // double, after a list's comma (`production,"Acme ML"`); inside a word it is an apostrophe
    // (O'Brien, Bob’s).
    const afterComma = input[i - 1] === ',' && doubleQuotes.includes(char);
    const opensGroup = !started || afterComma || (text.endsWith('=') && flagLike);
    if (close !== undefined && opensGroup) {
      const end = readQuoted(input, i + 1, close, char === '"');
      if (end === undefined) {
        return {
          ok: false,
          message: `Unclosed quote ${char} in the command: close it or remove it.`,
        };
      }
      started = true;
      text += end.value;
      i = end.next;
      continue;
    }
    const end = char === '<' ? input.indexOf('>', i) : -1;
    if (end !== -1) {
      // Slack markup is atomic: `<http://x|a b>` holds spaces and quotes that are not ours.
      text += input.slice(i, end + 1);
      started = true;
      i = end + 1;
      continue;
    }
    if (!started) {
      if (input.startsWith('--', i)) flagLike = true;
      else if (dashes.test(char) && i + 1 < input.length && !isSpace(input[i + 1] as string)) {
        flagLike = true;
        text = '--';
        started = true;
        i += 1;
        continue;
      }
    }
    text += char;
    started = true;
    i += 1;
  }
  finish();
  return { ok: true, tokens };
}

function readQuoted(
  input: string,
  start: number,
  close: string,
  escapes: boolean,
): { value: string; next: number } | undefined {
  let value = '';
  for (let i = start; i < input.length; i += 1) {
    const char = input[i] as string;
    if (escapes && char === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
      value += input[i + 1];
      i += 1;
      continue;
    }
    if (close.includes(char)) return { value, next: i + 1 };
    value += char;
  }
  return undefined;
}

/**
 * Decodes Slack's markup and entities: `<@U1|jane>` → `<@U1>`, `<mailto:a@b|a@b>` → `a@b`,
 * `<http://acme.io|acme.io>` → `acme.io` (what was typed, before Slack linked it).
 */
export function decodeSlackText(text: string): string {
  const decoded = text.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (/^@[UW]/.test(target)) return `<${target}>`;
    if (target.startsWith('mailto:')) return target.slice('mailto:'.length);
    if (target.startsWith('#C')) return label !== undefined ? `#${label}` : target;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    return label ?? target;
  });
  return decoded.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Encodes a value so that `tokenize` returns it unchanged, as Slack would deliver it typed. */
export function encodeToken(value: string): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const needsQuotes =
    escaped === '' ||
    /[\s"'“”„‘’\\]/u.test(escaped) ||
    escaped.startsWith('--') ||
    dashes.test(escaped);
  if (!needsQuotes) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
