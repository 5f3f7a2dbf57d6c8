import {
  commandName,
  type FlagSpec,
  formatUsage,
  type OperationDefinition,
} from '../operations/operation.ts';
import { closest, nearest } from '../suggest.ts';
import { missingMessage, readableIssue } from './schema-messages.ts';
import { type Token, tokenize } from './tokenize.ts';
import { type ArgValue, decodeValue } from './values.ts';

/** Flags every command accepts, handled here rather than by each operation. */
export interface CommandOptions {
  /** Share the result in the channel instead of only with the requester. */
  public: boolean;
  /** Why the requester asks, shown to approvers. */
  reason?: string;
}

export interface ParsedCommand {
  operation: OperationDefinition;
  args: Record<string, unknown>;
  options: CommandOptions;
}

/** Why a command could not be parsed: the exact problem, and how to fix it. */
export interface CommandError {
  code: 'COMMAND.USAGE' | 'COMMAND.UNKNOWN';
  message: string;
  usage?: string;
  example?: string;
  suggestions?: string[];
}

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; error: CommandError };

/** Slack caps slash-command text at 4,000 characters; anything longer did not come from Slack. */
export const maxCommandLength = 4000;
const globalFlags = ['public', 'reason'];
const booleanWords = /^(true|false|yes|no|on|off)$/i;

/**
 * Parses slash-command text against the catalogue. Never throws on any input: empty text is
 * `help`, `--help` anywhere asks for the usage of the command it follows.
 */
export function parseCommand(text: string, catalogue: readonly OperationDefinition[]): ParseResult {
  if (text.length > maxCommandLength) {
    return usageError(`The command is longer than ${maxCommandLength} characters.`);
  }
  const tokenized = tokenize(text);
  if (!tokenized.ok) return usageError(tokenized.message);
  const tokens = tokenized.tokens;
  const isHelpFlag = (t: Token) => t.flagLike && /^--help(=|$)/i.test(t.text);
  const wantsHelp = tokens.some(isHelpFlag);
  const words = tokens.filter((t) => !isHelpFlag(t));
  const operation = matchOperation(words, catalogue);
  if (tokens.length === 0 || wantsHelp) return helpFor(operation, words, catalogue);
  if (!operation) return { ok: false, error: unknownCommand(words, catalogue) };
  return parseArguments(operation, words.slice(operation.words.length));
}

const usageError = (message: string): ParseResult => ({
  ok: false,
  error: { code: 'COMMAND.USAGE', message },
});

function helpFor(
  operation: OperationDefinition | undefined,
  tokens: readonly Token[],
  catalogue: readonly OperationDefinition[],
): ParseResult {
  const help = catalogue.find((op) => op.id === 'help');
  if (!help) return { ok: false, error: unknownCommand(tokens, catalogue) };
  const typed = tokens.filter((t) => !t.flagLike).map((t) => t.text);
  const group = typed[0]?.toLowerCase();
  const isGroup = group !== undefined && catalogue.some((op) => op.words[0] === group);
  const topic = operation ? [...operation.words] : isGroup ? [group] : typed.slice(0, 2);
  const parsed = help.schema.safeParse(topic.length > 0 ? { topic } : {});
  if (!parsed.success) return { ok: false, error: unknownCommand(tokens, catalogue) };
  const args = withoutUndefined(parsed.data);
  return { ok: true, command: { operation: help, args, options: { public: false } } };
}

function matchOperation(
  tokens: readonly Token[],
  catalogue: readonly OperationDefinition[],
): OperationDefinition | undefined {
  const words = tokens.map((t) => (t.flagLike ? '' : t.text.toLowerCase()));
  let best: OperationDefinition | undefined;
  for (const op of catalogue) {
    const matches = op.words.every((word, i) => words[i] === word);
    if (matches && (!best || op.words.length > best.words.length)) best = op;
  }
  return best;
}

function unknownCommand(
  tokens: readonly Token[],
  catalogue: readonly OperationDefinition[],
): CommandError {
  const names = catalogue.map(commandName);
  const typedWords = tokens.filter((t) => !t.flagLike).map((t) => t.text.slice(0, 40));
  const typed = typedWords.slice(0, 2).join(' ');
  const group = typedWords[0]?.toLowerCase() ?? '';
  const inGroup = names.filter((name) => name.startsWith(`${group} `));
  const shown = (suggestions: string[]) => suggestions.map((s) => `\`${s}\``).join(', ');
  if (typed === '') {
    return {
      code: 'COMMAND.UNKNOWN',
      message: 'Type a command, e.g. `space list`, or `help` for the list.',
      suggestions: [],
    };
  }
  if (inGroup.length > 0 && typedWords.length === 1) {
    return {
      code: 'COMMAND.UNKNOWN',
      message: `Which \`${group}\` command? ${shown(inGroup)}.`,
      suggestions: inGroup,
    };
  }
  const bySubcommand = names.filter((name) => name.split(' ').slice(1).includes(group));
  const suggestions =
    inGroup.length > 0
      ? nearest(typed, inGroup).slice(0, 3)
      : bySubcommand.length > 0
        ? bySubcommand
        : closest(typed, names);
  const fallback = suggestions.length > 0 ? suggestions : inGroup;
  const message =
    `Unknown command "${typed}".` +
    (fallback.length > 0
      ? ` Did you mean ${shown(fallback)}?`
      : ' Type `help` for the list of commands.');
  return { code: 'COMMAND.UNKNOWN', message, suggestions: fallback };
}

function parseArguments(operation: OperationDefinition, tokens: readonly Token[]): ParseResult {
  const fail = (message: string): ParseResult => ({
    ok: false,
    error: {
      code: 'COMMAND.USAGE',
      message,
      usage: formatUsage(operation),
      example: operation.examples[0],
    },
  });
  const raw: Record<string, ArgValue> = {};
  const options: CommandOptions = { public: false };
  const positionals: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (!token.flagLike) {
      positionals.push(token.text);
      continue;
    }
    const [name, inline] = splitFlag(token.text.slice(2));
    if (name === '') return fail(`"${token.text}" is not an option: options look like --name.`);
    const spec = operation.flags.find((f) => f.name === name);
    if (!spec && !globalFlags.includes(name)) {
      const near = closest(name, [...operation.flags.map((f) => f.name), 'public', 'reason'], 1)[0];
      return fail(
        `${commandName(operation)} has no option --${name.slice(0, 40)}.` +
          (near ? ` Did you mean --${near}?` : ''),
      );
    }
    const isBoolean = name === 'public' || spec?.kind === 'boolean';
    let value = inline;
    if (value === undefined && isBoolean) {
      const next = tokens[i + 1];
      if (next && !next.flagLike && booleanWords.test(next.text)) {
        value = next.text;
        i += 1;
      } else value = 'true';
    }
    if (value === undefined) {
      const next = tokens[i + 1];
      if (!next || next.flagLike) return fail(`--${name} needs a value: ${describe(spec, name)}.`);
      value = next.text;
      i += 1;
    }
    if (!spec) {
      const decoded = decodeValue(name === 'public' ? 'boolean' : 'text', value, `--${name}`);
      if (!decoded.ok) return fail(decoded.message);
      if (name === 'public') options.public = decoded.value as boolean;
      else if (options.reason !== undefined) return fail('--reason is given twice.');
      else options.reason = decoded.value as string;
      continue;
    }
    const decoded = decodeFlag(spec, value);
    if (!decoded.ok) return fail(decoded.message);
    const previous = raw[name];
    if (previous !== undefined && !(Array.isArray(previous) && Array.isArray(decoded.value))) {
      return fail(`--${name} is given twice.`);
    }
    raw[name] = Array.isArray(previous)
      ? [...previous, ...(decoded.value as string[])]
      : decoded.value;
  }
  const assigned = assignPositionals(operation, positionals, raw);
  if (assigned !== undefined) return fail(assigned);
  const parsed = operation.schema.safeParse(raw, { error: readableIssue });
  if (!parsed.success) return fail(describeSchemaIssue(operation, parsed.error.issues[0]));
  return { ok: true, command: { operation, args: withoutUndefined(parsed.data), options } };
}

/** Drops keys whose value is undefined, so a parsed command deep-equals its reparsed text. */
const withoutUndefined = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));

const describe = (spec: FlagSpec | undefined, name: string): string =>
  spec?.description ?? (name === 'reason' ? 'why you ask' : 'a value');

function decodeFlag(spec: FlagSpec, value: string) {
  const decoded = decodeValue(spec.kind, value, `--${spec.name}`);
  const choices = spec.choices;
  if (!decoded.ok || !choices) return decoded;
  const canonical: string[] = [];
  for (const item of Array.isArray(decoded.value) ? decoded.value : [String(decoded.value)]) {
    const choice = choices.find((c) => c.toLowerCase() === item.toLowerCase());
    if (choice === undefined) {
      return {
        ok: false as const,
        message: `--${spec.name} is one of ${choices.join(', ')}, not "${item.slice(0, 40)}".`,
      };
    }
    canonical.push(choice);
  }
  return { ok: true as const, value: spec.kind === 'list' ? canonical : (canonical[0] as string) };
}

function splitFlag(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at === -1
    ? [text.toLowerCase(), undefined]
    : [text.slice(0, at).toLowerCase(), text.slice(at + 1)];
}

function assignPositionals(
  operation: OperationDefinition,
  values: readonly string[],
  raw: Record<string, ArgValue>,
): string | undefined {
  const specs = operation.positionals;
  for (const [index, spec] of specs.entries()) {
    const isLast = index === specs.length - 1;
    const taken =
      spec.kind === 'list' && isLast ? values.slice(index) : values.slice(index, index + 1);
    if (taken.length === 0) {
      if (spec.required) return `${spec.placeholder} is missing: ${spec.description}.`;
      continue;
    }
    const decoded = decodeValue(spec.kind, taken.join(','), spec.placeholder);
    if (!decoded.ok) return decoded.message;
    raw[spec.name] = decoded.value;
  }
  const lastIsList = specs.at(-1)?.kind === 'list';
  const extra = values.slice(specs.length);
  if (extra.length === 0 || lastIsList) return undefined;
  const shown = `"${(extra[0] as string).slice(0, 40)}"`;
  if (specs.length === 0)
    return `Unexpected ${shown}: ${commandName(operation)} takes only options.`;
  const previous = values[specs.length - 1] as string;
  return (
    `Unexpected ${shown}. If it belongs to the value before it, put that value in quotes: ` +
    `"${`${previous} ${extra.join(' ')}`.slice(0, 60)}".`
  );
}

function describeSchemaIssue(
  operation: OperationDefinition,
  issue: { path: PropertyKey[]; message: string } | undefined,
): string {
  if (!issue) return 'The command is not valid.';
  const key = String(issue.path[0] ?? '');
  const positional = operation.positionals.find((p) => p.name === key);
  const flag = operation.flags.find((f) => f.name === key);
  if (!positional && !flag) return sentence(issue.message);
  const label = positional ? positional.placeholder.replace(/,…$/, '') : `--${key}`;
  const item = typeof issue.path[1] === 'number' ? ` (value ${issue.path[1] + 1})` : '';
  if (issue.message === missingMessage) {
    return `${label} is missing: ${(positional ?? flag)?.description}.`;
  }
  return `${label}${item}: ${issue.message.replace(/\.$/, '')}.`;
}

const sentence = (text: string): string => {
  const trimmed = text.replace(/\.$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
};
