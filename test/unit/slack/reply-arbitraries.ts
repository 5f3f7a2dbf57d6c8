import fc from 'fast-check';
import type { Field, ListItem, Reply } from '../../../src/domain/reply.ts';

/** Markup Slack's mrkdwn parser acts on, and look-alikes of it (already escaped, half-open…). */
export const markup = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0123|@admins>',
  '<@U123>',
  '<@U123|alice>',
  '<#C1>',
  '<#C1|general>',
  '<http://x|y>',
  '<https://evil.example/login|Arize>',
  '<mailto:a@b.com|a@b.com>',
  '*bold*',
  '_it_',
  '~s~',
  '`code`',
  '&lt;',
  '&gt;',
  '&amp;',
  '&lt;!channel&gt;',
  ':emoji:',
  ':rotating_light:',
  '@channel',
  '@here',
  '<',
  '>',
  '&',
  '<<!here>>',
  '\n',
  '…',
] as const;

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...markup) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/**
 * Any text an Arize resource or a person could carry: arbitrary Unicode, strings built from
 * Slack markup, and now and then one long enough to be truncated (escaping `&`, `<`, `>` makes a
 * string up to five times longer, so the cut can fall inside an escape).
 */
export const untrusted: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...markup), fc.integer({ min: 100, max: 700 }))
      .map(([text, times]) => text.repeat(times)),
  },
);

const field: fc.Arbitrary<Field> = fc.record({ label: untrusted, value: untrusted });

const item: fc.Arbitrary<ListItem> = fc.record(
  {
    title: untrusted,
    id: untrusted,
    fields: fc.array(field, { maxLength: 12 }),
    url: untrusted,
  },
  { requiredKeys: ['title'] },
);

/** Items of long lists carry fewer strings, so 2,000 runs stay fast. */
const bareItem: fc.Arbitrary<ListItem> = fc.record(
  { title: untrusted, id: untrusted, fields: fc.array(field, { maxLength: 2 }) },
  { requiredKeys: ['title'] },
);

/** Every kind of reply with every optional string field sometimes present. */
export const anyReply: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: untrusted }),
  fc.record({ kind: fc.constant('progress' as const), text: untrusted }),
  fc.record(
    {
      kind: fc.constant('list' as const),
      title: untrusted,
      context: untrusted,
      items: fc.oneof(
        { weight: 4, arbitrary: fc.array(item, { maxLength: 6 }) },
        { weight: 1, arbitrary: fc.array(bareItem, { minLength: 45, maxLength: 60 }) },
      ),
      empty: untrusted,
      more: fc.record({ label: untrusted, command: untrusted }),
    },
    { requiredKeys: ['kind', 'title', 'items', 'empty'] },
  ),
  fc.record(
    {
      kind: fc.constant('detail' as const),
      title: untrusted,
      fields: fc.array(field, { maxLength: 25 }),
      url: untrusted,
      context: untrusted,
    },
    { requiredKeys: ['kind', 'title', 'fields'] },
  ),
  fc.record(
    {
      kind: fc.constant('error' as const),
      code: untrusted,
      message: untrusted,
      hint: untrusted,
      usage: untrusted,
    },
    { requiredKeys: ['kind', 'code', 'message'] },
  ),
);

/**
 * The same reply with a distinct tag in front of every string field except `kind`, so a test can
 * tell where each untrusted value ended up. Tags use no character the escaper changes.
 */
export function tagStrings(reply: Reply): { reply: Reply; tags: string[] } {
  const tags: string[] = [];
  const tag = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') {
      if (key === 'kind') return value;
      const mark = `§${tags.length}§`;
      tags.push(mark);
      return `${mark}${value}`;
    }
    if (Array.isArray(value)) return value.map((child) => tag(child, ''));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tag(v, k)]));
    }
    return value;
  };
  return { reply: tag(reply, '') as Reply, tags };
}
