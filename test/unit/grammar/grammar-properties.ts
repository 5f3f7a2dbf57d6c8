import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { formatCommand } from '../../../src/domain/grammar/format-command.ts';
import { type ParseResult, parseCommand } from '../../../src/domain/grammar/parse-command.ts';
import { encodeToken } from '../../../src/domain/grammar/tokenize.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import type { FlagSpec, PositionalSpec } from '../../../src/domain/operations/operation.ts';
import { encodeResourceId } from '../../../src/domain/operations/resource-ids.ts';

/**
 * The grammar's properties, shared by the unit test (5,000 runs) and `npm run bench`
 * (100,000 runs): the parser never throws, errors read well, and a parsed command formatted and
 * parsed again is the same command.
 */

const parse = (text: string): ParseResult => parseCommand(text, catalogue);

/** Zod's own wording leaking into a reply would mean an issue the error map did not cover. */
const zodWording = /Invalid input|Too (big|small)|expected (string|number|array|one of)/;

/** The parser returns a result for any text, and every error is a sentence people can act on. */
export function parsesWithoutThrowing(text: string): boolean {
  const result = parse(text);
  if (result.ok) return typeof result.command.operation.id === 'string';
  const { error } = result;
  return error.message.length > 0 && !zodWording.test(error.message);
}

/** A command that parses, formatted and parsed again, is the same command. */
export function roundTrips(text: string): boolean {
  const first = parse(text);
  if (!first.ok) return true;
  const { operation, args, options } = first.command;
  const again = parse(formatCommand(operation, args, options));
  return (
    again.ok &&
    again.command.operation === operation &&
    isDeepStrictEqual(again.command.args, args) &&
    isDeepStrictEqual(again.command.options, options)
  );
}

/**
 * The worker validates queued args again with the same schema: parsed args, through JSON (the
 * queue), must pass the schema unchanged.
 */
export function survivesTheQueue(text: string): boolean {
  const first = parse(text);
  if (!first.ok) return true;
  const { operation, args } = first.command;
  const queued: unknown = JSON.parse(JSON.stringify(args));
  const again = operation.schema.safeParse(queued);
  return again.success && isDeepStrictEqual(again.data, args);
}

// --- Generators: command-like text built from the catalogue's own words and flags -------------

const tricky = fc.constantFrom(
  'Acme ML',
  'production',
  "O'Brien",
  'say "hi"',
  'a\\b',
  '<b>',
  'R&D',
  '–dash',
  '--flag',
  'x=y',
  'a,b',
  ' padded ',
  '',
  'ünïcödé',
  '💥 emoji',
  'tab\there',
  'line\nbreak',
  '“smart”',
  'true',
  '&amp;lt;',
  'a&amp;amp;b',
  '&lt;@U1&gt;',
  '—x',
);

const text = fc.oneof(
  { weight: 4, arbitrary: tricky },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

const email = fc.oneof(
  fc.constantFrom('alice@example.com', 'Bob@Example.com', 'x@y.io'),
  fc.emailAddress(),
  fc.constantFrom('a@b', '@jane', 'nope'),
);
const mention = fc.stringMatching(/^[UW][A-Z0-9]{2,8}$/).map((id) => `<@${id}>`);
const userRef = fc.oneof(email, mention, tricky, fc.constant(encodeResourceId('User', '7:aB')));
const idOf = (type: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.nat(99_999).map((n) => encodeResourceId(type, `${n}`)) },
    { weight: 1, arbitrary: fc.constantFrom(encodeResourceId('Space', '1'), 'abc', '') },
  );
const role = fc.constantFrom(
  'admin',
  'Member',
  'read-only',
  'readOnly',
  'READ_ONLY',
  'annotator',
  'viewer',
);
const duration = fc.oneof(
  fc.tuple(fc.nat(400), fc.constantFrom('m', 'h', 'd', 'H', 'w')).map(([n, u]) => `${n}${u}`),
  fc.constantFrom('8h', '1h', '90d', 'soon'),
);
const boolean = fc.constantFrom('true', 'false', 'yes', 'no', 'On', 'maybe');

const idTypes: Record<string, string> = {
  model: 'Model',
  metric: 'CustomMetric',
  monitor: 'Monitor',
  prompt: 'Prompt',
  version: 'PromptVersion',
  dashboard: 'Dashboard',
};

function valueFor(spec: PositionalSpec | FlagSpec): fc.Arbitrary<string> {
  if ('choices' in spec && spec.choices) {
    return fc.oneof(fc.constantFrom(...spec.choices), fc.constantFrom('ACTIVE', 'bogus'));
  }
  const type = idTypes[spec.name];
  if (type) return idOf(type);
  switch (spec.kind) {
    case 'role':
      return role;
    case 'duration':
      return duration;
    case 'boolean':
      return boolean;
    case 'integer':
      return fc.nat(2000).map(String);
    case 'list':
      return fc
        .array(
          spec.name === 'users'
            ? userRef
            : spec.name === 'topic'
              ? fc.constantFrom('space', 'list', 'org')
              : text,
          {
            minLength: 1,
            maxLength: 4,
          },
        )
        .map((items) => items.join(','));
    case 'text':
      if (spec.name === 'user') return userRef;
      if (spec.name === 'email') return email;
      if (spec.name === 'key') return fc.oneof(text, idOf('ApiKey'));
      return text;
  }
}

/** How a value is typed: encoded like Slack sends it, raw, or in another quote style. */
const typed = (value: fc.Arbitrary<string>) =>
  fc.tuple(value, fc.nat(9)).map(([v, style]) => {
    if (style < 5) return encodeToken(v);
    if (style < 7) return v;
    if (style === 7) return `'${v}'`;
    if (style === 8) return `“${v}”`;
    return /^[^\s@]+@[^\s@]+$/.test(v) ? `<mailto:${v}|${v}>` : encodeToken(v);
  });

const flagText = (spec: FlagSpec) =>
  fc.tuple(typed(valueFor(spec)), fc.nat(5)).map(([value, style]) => {
    if (spec.kind === 'boolean' && style < 2) return `--${spec.name}`;
    if (style === 2) return `--${spec.name}=${value}`;
    if (style === 3) return `—${spec.name} ${value}`;
    if (style === 4) return `--${spec.name.toUpperCase()} ${value}`;
    return `--${spec.name} ${value}`;
  });

const globalOption = fc.constantFrom(
  '--public',
  '--public=false',
  '--reason "on call"',
  '--help',
  '--bogus x',
  '"',
);

const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\u00a0');

/** Text shaped like a command: one operation's words, positionals and flags, sometimes noisy. */
export const commandText: fc.Arbitrary<string> = fc
  .constantFrom(...catalogue)
  .chain((op) =>
    fc.tuple(
      fc.constant(op.words.map((w) => w)),
      fc.boolean(),
      fc.tuple(...op.positionals.map((p) => fc.option(typed(valueFor(p)), { freq: 5 }))),
      op.flags.length > 0
        ? fc.shuffledSubarray(op.flags.map(flagText)).chain((arbs) => fc.tuple(...arbs))
        : fc.constant([] as string[]),
      fc.array(globalOption, { maxLength: 1 }),
    ),
  )
  .map(([words, upper, positionals, flags, extra]) => [
    ...(upper ? words.map((w) => w.toUpperCase()) : words),
    ...positionals.filter((p): p is string => p !== null),
    ...flags,
    ...extra,
  ])
  .chain((parts) =>
    fc
      .array(separator, { minLength: parts.length, maxLength: parts.length })
      .map((seps) => parts.map((part, i) => `${part}${seps[i]}`).join('')),
  );

export interface GrammarProperty {
  name: string;
  property: fc.IPropertyWithHooks<[string]>;
}

/** Every grammar property, over plain, full-Unicode and command-like strings. */
export const grammarProperties = (): GrammarProperty[] => [
  { name: 'never throws: fc.string()', property: fc.property(fc.string(), parsesWithoutThrowing) },
  {
    name: 'never throws: full Unicode',
    property: fc.property(fc.string({ unit: 'binary' }), parsesWithoutThrowing),
  },
  {
    name: 'never throws: UTF-16 code units (lone surrogates)',
    property: fc.property(
      fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)) }),
      parsesWithoutThrowing,
    ),
  },
  { name: 'never throws: command-like', property: fc.property(commandText, parsesWithoutThrowing) },
  { name: 'round-trips: command-like', property: fc.property(commandText, roundTrips) },
  {
    name: 'args survive the queue: command-like',
    property: fc.property(commandText, survivesTheQueue),
  },
];

/** Runs each property; returns the failures instead of throwing, for the bench. */
export function checkGrammarProperties(numRuns: number, seed: number) {
  return grammarProperties().map(({ name, property }) => {
    const details = fc.check(property, { numRuns, seed });
    return { name, failed: details.failed, counterexample: details.counterexample, seed };
  });
}
