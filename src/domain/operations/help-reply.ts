import type { Reply } from '../reply.ts';
import { nearest } from '../suggest.ts';
import { commandName, formatUsage, type OperationDefinition } from './operation.ts';
import { riskSummary } from './risk-summary.ts';

const hint = 'Type `/arize help GROUP` or `/arize help COMMAND` for usage and examples.';

/** What `help` shows: the groups, one group's commands, or one command in full. */
export function helpReply(
  catalogue: readonly OperationDefinition[],
  topic: readonly string[] = [],
): Reply {
  const wanted = topic.join(' ').toLowerCase();
  if (wanted === '') return groupsReply(catalogue);
  const exact = catalogue.find((op) => commandName(op) === wanted);
  if (exact) return commandReply(exact);
  const matching = catalogue.filter(
    (op) => op.words[0] === wanted || commandName(op).startsWith(`${wanted}`),
  );
  const [only] = matching;
  if (matching.length === 1 && only) return commandReply(only);
  if (matching.length > 1) {
    return {
      kind: 'list',
      title: `Commands for "${wanted}"`,
      context: hint,
      empty: '',
      items: matching.map((op) => ({
        title: formatUsage(op),
        fields: [
          { label: 'what it does', value: op.summary },
          { label: 'risk', value: riskSummary(op) },
        ],
      })),
    };
  }
  const names = [...new Set(catalogue.flatMap((op) => [op.words[0] as string, commandName(op)]))];
  const near = nearest(wanted, names).slice(0, 3);
  return {
    kind: 'error',
    code: 'COMMAND.UNKNOWN',
    message:
      `There is no command "${wanted}".` +
      (near.length > 0 ? ` Did you mean ${near.map((n) => `\`${n}\``).join(', ')}?` : ''),
    hint: 'Type `/arize help` for the list of commands.',
  };
}

function groupsReply(catalogue: readonly OperationDefinition[]): Reply {
  const groups = new Map<string, OperationDefinition[]>();
  for (const op of catalogue) {
    const group = op.words[0] as string;
    groups.set(group, [...(groups.get(group) ?? []), op]);
  }
  return {
    kind: 'list',
    title: 'Commands',
    context: hint,
    empty: '',
    items: [...groups].map(([group, ops]) => ({
      title: group,
      fields: [
        {
          label: ops.length === 1 ? 'what it does' : 'commands',
          value:
            ops.length === 1
              ? (ops[0] as OperationDefinition).summary
              : ops.map((op) => op.words.slice(1).join(' ')).join(', '),
        },
      ],
    })),
  };
}

function commandReply(op: OperationDefinition): Reply {
  return {
    kind: 'detail',
    title: commandName(op),
    fields: [
      { label: 'what it does', value: op.summary },
      { label: 'usage', value: formatUsage(op) },
      ...op.positionals.map((p) => ({ label: p.placeholder, value: p.description })),
      ...op.flags.map((f) => ({ label: `--${f.name}`, value: f.description })),
      { label: 'risk', value: riskSummary(op) },
      { label: 'examples', value: op.examples.map((e) => `/arize ${e}`).join('\n') },
    ],
  };
}
