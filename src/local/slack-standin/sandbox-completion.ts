import { OrgRoles } from '../../domain/arize.ts';
import { tokenize } from '../../domain/grammar/tokenize.ts';
import { catalogue } from '../../domain/operations/catalogue.ts';
import type {
  FlagSpec,
  OperationDefinition,
  PositionalSpec,
} from '../../domain/operations/operation.ts';

/** The names in the emulated account the composer offers for ORG, SPACE and USER values. */
export interface CompletionNames {
  orgs: readonly string[];
  spaces: ReadonlyArray<{ name: string; org: string }>;
  users: ReadonlyArray<{ email: string; name: string }>;
}

/** One choice: accepting it replaces the text from `Completion.from` with `insert` and a space. */
export interface CompletionItem {
  insert: string;
  label: string;
  detail: string;
}

export interface Completion {
  /** Where in the typed text the word being completed starts. */
  from: number;
  items: CompletionItem[];
}

const MAX_ITEMS = 12;
const ROLES = OrgRoles.map((role) => role.toLowerCase().replace('_', '-'));

/** Where the last word starts, or the end when the text ends in a space (a new word). */
function currentWordStart(text: string): number {
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === '"') quoted = !quoted;
    else if (!quoted && /\s/u.test(char)) start = i + 1;
  }
  return start;
}

const quoteIfSpaced = (value: string): string => (/\s/u.test(value) ? `"${value}"` : value);

/** Items whose label starts with the word first, then those that contain it; case-insensitive. */
function matching(items: CompletionItem[], word: string): CompletionItem[] {
  const needle = word.replace(/^"/, '').toLowerCase();
  const label = (item: CompletionItem) => item.label.toLowerCase();
  const starts = items.filter((item) => label(item).startsWith(needle));
  const contains = items.filter((item) => !starts.includes(item) && label(item).includes(needle));
  return [...starts, ...contains];
}

function nextWords(head: string[]): CompletionItem[] {
  const below = catalogue.filter(
    (op) => op.words.length > head.length && head.every((word, i) => op.words[i] === word),
  );
  const words = [...new Set(below.map((op) => op.words[head.length] as string))];
  return words.map((word) => {
    const exact = below.find(
      (op) => op.words.length === head.length + 1 && op.words.at(-1) === word,
    );
    const more = below.filter((op) => op.words[head.length] === word).length;
    return { insert: word, label: word, detail: exact?.summary ?? `${more} commands` };
  });
}

function valuesFor(spec: FlagSpec | PositionalSpec, names: CompletionNames): CompletionItem[] {
  const item = (value: string, detail: string) => ({
    insert: quoteIfSpaced(value),
    label: value,
    detail,
  });
  if ('choices' in spec && spec.choices) return spec.choices.map((c) => item(c, spec.description));
  if (spec.kind === 'role') return ROLES.map((role) => item(role, 'role'));
  if (spec.kind === 'boolean') return ['true', 'false'].map((b) => item(b, spec.description));
  if (spec.name === 'org') return names.orgs.map((org) => item(org, 'organization'));
  if (spec.name === 'space' || spec.name === 'spaces') {
    const orgsOf = new Map<string, string[]>();
    for (const space of names.spaces) {
      orgsOf.set(space.name, [...(orgsOf.get(space.name) ?? []), space.org]);
    }
    return [...orgsOf].map(([name, orgs]) => item(name, `space in ${orgs.join(', ')}`));
  }
  if (spec.name === 'user' || spec.name === 'users' || spec.placeholder?.startsWith('USER')) {
    return names.users.map((user) => item(user.email, user.name));
  }
  return [];
}

/** Choices for a value; `offset` is where in the word the part being completed starts. */
interface Candidates {
  offset: number;
  items: CompletionItem[];
}

/**
 * A spec's values for the word typed; in a list (`alice@example.com,ca`) only the part after the
 * last comma is completed, without the values already listed, and an open quote is closed.
 */
function valueChoices(
  spec: FlagSpec | PositionalSpec,
  word: string,
  names: CompletionNames,
): Candidates {
  const items = valuesFor(spec, names);
  const comma = spec.kind === 'list' ? word.lastIndexOf(',') : -1;
  if (comma < 0) return { offset: 0, items };
  const before = word.slice(0, comma);
  const listed = new Set(before.split(',').map((v) => v.replace(/"/g, '').trim().toLowerCase()));
  const inQuote = (before.match(/"/g)?.length ?? 0) % 2 === 1;
  const fresh = items.filter((item) => !listed.has(item.label.toLowerCase()));
  return {
    offset: comma + 1,
    items: inQuote ? fresh.map((item) => ({ ...item, insert: `${item.label}"` })) : fresh,
  };
}

const flagItem = (flag: FlagSpec): CompletionItem => ({
  insert: `--${flag.name}`,
  label: `--${flag.name}${flag.placeholder ? ` ${flag.placeholder}` : ''}`,
  detail: flag.description,
});

/** Past the command words: a flag's value, the next positional's values, or the unused flags. */
function argumentItems(
  op: OperationDefinition,
  rest: Array<{ text: string; flagLike: boolean }>,
  word: string,
  names: CompletionNames,
): Candidates {
  let pending: FlagSpec | undefined;
  let positional = 0;
  const used = new Set<string>();
  for (const token of rest) {
    if (token.flagLike) {
      const [name = '', value] = token.text.slice(2).split('=');
      const flag = op.flags.find((f) => f.name === name);
      used.add(name);
      pending = flag && flag.kind !== 'boolean' && value === undefined ? flag : undefined;
    } else if (pending) pending = undefined;
    else positional += 1;
  }
  if (pending) return valueChoices(pending, word, names);
  const flags = op.flags.filter((f) => !used.has(f.name)).map(flagItem);
  const spec = op.positionals[positional];
  if (word.startsWith('-') || !spec) return { offset: 0, items: flags };
  const values = valueChoices(spec, word, names);
  return values.offset > 0 ? values : { offset: 0, items: [...values.items, ...flags] };
}

/**
 * What the sandbox composer offers for the text typed so far (the caret at its end): command
 * words from the catalogue, then the command's flags and values, names from the emulated account.
 */
export function completeCommand(typed: string, names: CompletionNames): Completion {
  const prefix = /^\s*\/arize(?:\s+|$)/i.exec(typed)?.[0].length ?? 0;
  const text = typed.slice(prefix);
  const from = currentWordStart(text);
  const word = text.slice(from);
  const head = tokenize(text.slice(0, from));
  if (!head.ok) return { from: prefix + from, items: [] };
  const tokens = head.tokens;
  const op = catalogue
    .filter((o) => o.words.every((w, i) => tokens[i]?.text.toLowerCase() === w))
    .sort((a, b) => b.words.length - a.words.length)[0];
  const words = tokens.map((t) => t.text.toLowerCase());
  const { offset, items } = op
    ? argumentItems(op, tokens.slice(op.words.length), word, names)
    : { offset: 0, items: nextWords(words) };
  const part = word.slice(offset);
  return { from: prefix + from + offset, items: matching(items, part).slice(0, MAX_ITEMS) };
}
