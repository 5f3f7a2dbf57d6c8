import type { OperationDefinition } from '../operations/operation.ts';
import type { CommandOptions } from './parse-command.ts';
import { encodeToken } from './tokenize.ts';
import { type ArgValue, encodeValue } from './values.ts';

/** The text of a command as Slack would deliver it typed; `parseCommand` returns the same command. */
export function formatCommand(
  operation: OperationDefinition,
  args: Record<string, unknown>,
  options: CommandOptions = { public: false },
): string {
  const parts = [...operation.words];
  for (const spec of operation.positionals) {
    const value = args[spec.name] as ArgValue | undefined;
    if (value !== undefined) parts.push(encodeToken(encodeValue(spec.kind, value)));
  }
  for (const spec of operation.flags) {
    const value = args[spec.name] as ArgValue | undefined;
    if (value === undefined) continue;
    if (spec.kind === 'boolean')
      parts.push(value === true ? `--${spec.name}` : `--${spec.name}=false`);
    else parts.push(`--${spec.name}`, encodeToken(encodeValue(spec.kind, value)));
  }
  if (options.public) parts.push('--public');
  if (options.reason !== undefined) parts.push('--reason', encodeToken(options.reason));
  return parts.join(' ');
}
