import { formatUsage, type OperationDefinition } from '../operations/operation.ts';
import { closest } from '../suggest.ts';
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

const globalFlags = ['public', 'reason'];

/** Parses slash-command text against the catalogue. Never throws on any input. */
export function parseCommand(text: string, catalogue: readonly OperationDefinition[]): ParseResult {
  const tokenized = tokenize(text);
  if (!tokenized.ok)
    return { ok: false, error: { code: 'COMMAND.USAGE', message: tokenized.message } };
  const tokens = tokenized.tokens;
  const operation = matchOperation(tokens, catalogue);
  if (!operation) return { ok: false, error: unknownCommand(tokens, catalogue) };
  return parseArguments(operation, tokens.slice(operation.words.length));
}

function matchOperation(
  tokens: readonly Token[],
  catalogue: readonly OperationDefinition[],
): OperationDefinition | undefined {
  const words = tokens.map((t) => (t.flagLike ? '' : t.text.toLowerCase()));
  const matches = catalogue.filter((op) => op.words.every((word, i) => words[i] === word));
  return matches.sort((a, b) => b.words.length - a.words.length)[0];
}

function unknownCommand(
  tokens: readonly Token[],
  catalogue: readonly OperationDefinition[],
): CommandError {
  const names = catalogue.map((op) => op.words.join(' '));
  const typed = tokens
    .filter((t) => !t.flagLike)
    .slice(0, 2)
    .map((t) => t.text)
    .join(' ');
  const group = tokens[0]?.text.toLowerCase() ?? '';
  const inGroup = names.filter((name) => name.startsWith(`${group} `));
  const suggestions = inGroup.length > 0 ? closest(typed, inGroup, 8) : closest(typed, names);
  const fallback = inGroup.length > 0 ? inGroup : [];
  const shown = suggestions.length > 0 ? suggestions : fallback;
  const message =
    typed === ''
      ? 'Type a command, e.g. `space list`.'
      : `Unknown command "${typed}".` +
        (shown.length > 0 ? ` Did you mean ${shown.map((s) => `\`${s}\``).join(', ')}?` : '');
  return { code: 'COMMAND.UNKNOWN', message, suggestions: shown };
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
    const [name = '', inline] = splitFlag(token.text.slice(2));
    const spec = operation.flags.find((f) => f.name === name);
    if (!spec && !globalFlags.includes(name)) {
      const near = closest(name, [...operation.flags.map((f) => f.name), ...globalFlags], 1)[0];
      return fail(`Unknown option --${name}.` + (near ? ` Did you mean --${near}?` : ''));
    }
    const isBoolean = name === 'public' || spec?.kind === 'boolean';
    let value = inline;
    if (value === undefined && isBoolean) {
      const next = tokens[i + 1];
      const nextIsBoolean =
        next && !next.flagLike && /^(true|false|yes|no|on|off)$/i.test(next.text);
      if (nextIsBoolean) {
        value = next.text;
        i += 1;
      } else value = 'true';
    }
    if (value === undefined) {
      const next = tokens[i + 1];
      if (!next || next.flagLike) return fail(`--${name} needs a value.`);
      value = next.text;
      i += 1;
    }
    if (name === 'public' || name === 'reason') {
      const decoded = decodeValue(name === 'public' ? 'boolean' : 'text', value, `--${name}`);
      if (!decoded.ok) return fail(decoded.message);
      if (name === 'public') options.public = decoded.value as boolean;
      else options.reason = decoded.value as string;
      continue;
    }
    const flag = spec as NonNullable<typeof spec>;
    const decoded = decodeValue(flag.kind, value, `--${name}`);
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
  const parsed = operation.schema.safeParse(raw);
  if (!parsed.success) return fail(describeSchemaIssue(operation, parsed.error.issues[0]));
  return { ok: true, command: { operation, args: parsed.data, options } };
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
  const extra = values.slice(specs.length);
  const lastIsList = specs.at(-1)?.kind === 'list';
  if (extra.length > 0 && !lastIsList) return `Unexpected "${extra[0]}".`;
  return undefined;
}

function describeSchemaIssue(
  operation: OperationDefinition,
  issue: { path: PropertyKey[]; message: string } | undefined,
): string {
  if (!issue) return 'The command is not valid.';
  const key = String(issue.path[0] ?? '');
  const positional = operation.positionals.find((p) => p.name === key);
  const label = positional ? positional.placeholder : key ? `--${key}` : 'The command';
  return `${label}: ${issue.message}`;
}
