import type * as z from 'zod';

/** How much harm an operation can do; the highest part of a command wins. */
export const Risks = ['read', 'write', 'privilege', 'destructive', 'secret'] as const;
export type Risk = (typeof Risks)[number];

export const riskRank = (risk: Risk): number => Risks.indexOf(risk);
/** The highest of some risks (read when there are none). */
export function highestRisk(): 'read';
export function highestRisk<R extends Risk>(...risks: [R, ...R[]]): R;
export function highestRisk(...risks: Risk[]): Risk {
  return risks.reduce((high, risk) => (riskRank(risk) > riskRank(high) ? risk : high), 'read');
}

/**
 * How an execution may be retried: idempotent (upserts, deletes: a 404 on a retried delete is
 * success), reconcile (creates: look up by name before retrying), never.
 */
export const RetryClasses = ['idempotent', 'reconcile', 'never'] as const;
export type RetryClass = (typeof RetryClasses)[number];

/** The `risks` and `risk` of an operation whose risk does not depend on its arguments. */
export const fixedRisk = <const R extends Risk>(risk: R) => ({
  risks: [risk] as const,
  risk: (): R => risk,
});

/** The kinds of value a flag or positional takes; the grammar decodes and checks each. */
export const ValueKinds = ['text', 'list', 'boolean', 'duration', 'role', 'integer'] as const;
export type ValueKind = (typeof ValueKinds)[number];

export interface PositionalSpec {
  name: string;
  /** Shown in usage, e.g. SPACE or USER,… */
  placeholder: string;
  kind: Exclude<ValueKind, 'boolean'>;
  required: boolean;
  description: string;
}

export interface FlagSpec {
  name: string;
  /** Shown in usage; a boolean flag with a placeholder is shown as `--private true|false`. */
  placeholder?: string;
  kind: ValueKind;
  description: string;
  required?: boolean;
  /** Allowed values (case-insensitive) for text or list flags with a fixed set, e.g. --mode. */
  choices?: readonly string[];
}

/** A catalogue entry: everything about an operation that is not I/O. */
export interface OperationDefinition<
  Args = Record<string, unknown>,
  Id extends string = string,
  R extends Risk = Risk,
> {
  id: Id;
  /** The words that name it, e.g. ['space', 'list']. */
  words: readonly string[];
  summary: string;
  positionals: readonly PositionalSpec[];
  flags: readonly FlagSpec[];
  schema: z.ZodType<Args>;
  /**
   * Every risk `risk()` can return, declared so the type system knows which operations can need
   * approval (and so which must register a plan, a post-state check and an Undo inverse).
   */
  risks: readonly R[];
  /** The highest risk of the parts of this command, e.g. `user invite --role admin` → privilege. */
  risk(args: Args): R;
  retry: RetryClass;
  examples: readonly string[];
  /**
   * Asked for oneself under the policy's self-service rules: anyone may send it, and the worker
   * checks the rule (groups read live) before a plan is made.
   */
  selfService?: boolean;
  /** Only the policy's admins (the people it lets request every risk) may send it. */
  adminOnly?: boolean;
  /** How many items (users, or users × spaces pairs) the command touches; policy caps it. */
  itemCount?(args: Args): number;
}

/**
 * Defines an operation with its argument type inferred from the schema, its id kept literal, and
 * `risk()` checked against the declared `risks` (returning an undeclared risk does not compile).
 */
export function defineOperation<
  S extends z.ZodType<Record<string, unknown>>,
  const Id extends string,
  const R extends Risk,
>(
  definition: Omit<OperationDefinition<z.infer<S>>, 'schema' | 'id' | 'risks' | 'risk'> & {
    id: Id;
    schema: S;
    risks: readonly R[];
    risk(args: z.infer<S>): NoInfer<R>;
  },
): OperationDefinition<z.infer<S>, Id, R> {
  return definition as unknown as OperationDefinition<z.infer<S>, Id, R>;
}

/** The words of a command as typed, e.g. `space list`. */
export const commandName = (operation: Pick<OperationDefinition, 'words'>): string =>
  operation.words.join(' ');

/** The usage line generated from a definition: `space list [--org ORG] [--name S]`. */
export function formatUsage(operation: OperationDefinition): string {
  const positionals = operation.positionals.map((p) =>
    p.required ? p.placeholder : `[${p.placeholder}]`,
  );
  const flags = operation.flags.map((f) => {
    const text =
      f.kind === 'boolean' && f.placeholder === undefined
        ? `--${f.name}`
        : `--${f.name} ${f.placeholder ?? 'VALUE'}`;
    return f.required ? text : `[${text}]`;
  });
  return [...operation.words, ...positionals, ...flags].join(' ');
}
