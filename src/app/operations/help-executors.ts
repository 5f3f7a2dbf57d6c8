import { help } from '../../domain/operations/help-operations.ts';
import { formatUsage } from '../../domain/operations/operation.ts';
import { defineExecutor } from './executor.ts';

export const helpExecutors = {
  [help.id]: defineExecutor(help, async (args, { catalogue }) => {
    const topic = (args.topic ?? []).join(' ').toLowerCase();
    const matching = topic
      ? catalogue.filter((op) => op.words.join(' ').startsWith(topic))
      : catalogue;
    const [only] = matching;
    if (matching.length === 1 && only) {
      return {
        kind: 'detail',
        title: only.words.join(' '),
        fields: [
          { label: 'what it does', value: only.summary },
          { label: 'usage', value: formatUsage(only) },
          ...only.flags.map((f) => ({ label: `--${f.name}`, value: f.description })),
          { label: 'examples', value: only.examples.join('\n') },
        ],
      };
    }
    return {
      kind: 'list',
      title: topic ? `Commands for "${topic}"` : 'Commands',
      context: 'Type `/arize help COMMAND` for usage and examples.',
      empty: `No command starts with "${topic}". Type /arize help for the list.`,
      items: matching.map((op) => ({
        title: formatUsage(op),
        fields: [{ label: '', value: op.summary }],
      })),
    };
  }),
};
