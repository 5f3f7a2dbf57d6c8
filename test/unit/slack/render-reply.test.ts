import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  renderReply,
  runCommandActionId,
  type SlackMessage,
} from '../../../src/adapters/slack/render-reply.ts';
import type { Field, ListItem, Reply } from '../../../src/domain/reply.ts';
import { inspectBlocks, isInertMrkdwn, length, limitProblems } from './inspect-message.ts';
import { anyReply, tagStrings } from './reply-arbitraries.ts';

type ListReply = Extract<Reply, { kind: 'list' }>;
type DetailReply = Extract<Reply, { kind: 'detail' }>;
type ErrorReply = Extract<Reply, { kind: 'error' }>;

const makeItems = (count: number): ListItem[] =>
  Array.from({ length: count }, (_, i) => ({ title: `space-${i}`, id: `id-${i}` }));

const makeFields = (count: number): Field[] =>
  Array.from({ length: count }, (_, i) => ({ label: `label ${i}`, value: `value ${i}` }));

const makeList = (overrides: Partial<ListReply> = {}): ListReply => ({
  kind: 'list',
  title: 'Spaces',
  items: makeItems(2),
  empty: 'No spaces.',
  ...overrides,
});

const makeDetail = (overrides: Partial<DetailReply> = {}): DetailReply => ({
  kind: 'detail',
  title: 'Space production',
  fields: makeFields(3),
  ...overrides,
});

const makeError = (overrides: Partial<ErrorReply> = {}): ErrorReply => ({
  kind: 'error',
  code: 'PARSE.UNKNOWN_COMMAND',
  message: 'Unknown command `space lsit`.',
  ...overrides,
});

const types = (message: SlackMessage) => message.blocks.map((block) => block.type);
const plain = (text: string) => ({ type: 'plain_text', text, emoji: false });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const long = 'x'.repeat(5000);
/** The blocks of `makeList()`: its two items, each a section with its id small under it. */
const twoItems = ['header', 'divider', 'section', 'context', 'section', 'context'];

describe('renderReply structure', () => {
  it.each(['text', 'progress'] as const)('renders a %s reply as one plain section', (kind) => {
    const message = renderReply({ kind, text: 'Running /arize space list… <&>' });

    expect(message.blocks).toEqual([
      { type: 'section', text: plain('Running /arize space list… <&>') },
    ]);
    expect(message.text).toBe('Running /arize space list… &lt;&amp;&gt;');
  });

  it('renders a list as header, context, divider, a section per item with its id and link small under it', () => {
    const message = renderReply(
      makeList({
        context: 'in Research Lab',
        items: [
          { title: 'production', id: 'U3BhY2U6MQ==', fields: [{ label: 'org', value: 'Lab' }] },
          { title: 'staging', url: 'https://app.arize.com/spaces/2' },
        ],
      }),
    );

    expect(types(message)).toEqual([
      'header',
      'context',
      'divider',
      'section',
      'context',
      'section',
      'context',
    ]);
    expect(message.blocks[0]).toEqual({ type: 'header', text: plain('Spaces') });
    expect(message.blocks[1]).toEqual({ type: 'context', elements: [plain('in Research Lab')] });
    expect(message.blocks[3]).toEqual({
      type: 'section',
      text: plain('production'),
      fields: [plain('org: Lab')],
    });
    expect(message.blocks[4]).toEqual({ type: 'context', elements: [plain('id: U3BhY2U6MQ==')] });
    expect(message.blocks[5]).toEqual({ type: 'section', text: plain('staging') });
    expect(message.blocks[6]).toEqual({
      type: 'context',
      elements: [mrkdwn('<https://app.arize.com/spaces/2|Open in Arize>')],
    });
    expect(message.text).toBe('Spaces: production, staging');
  });

  it('describes the next page instead of a "More" button whose command would not fit whole', () => {
    const command = `space list --name ${'x'.repeat(2000)} --cursor abc`;
    const message = renderReply(makeList({ more: { label: 'More', command } }));

    expect(types(message)).toEqual([...twoItems, 'context']);
    expect(JSON.stringify(message.blocks)).not.toContain('--cursor');
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [
        plain(
          'There are more results, but this command is too long to carry on a "More" button: narrow it (fewer names or filters) to page through them.',
        ),
      ],
    });
  });

  it('ends a list that has more pages with a "More" button carrying the next command', () => {
    const message = renderReply(
      makeList({ more: { label: 'More', command: 'space list --cursor abc' } }),
    );

    expect(types(message)).toEqual([...twoItems, 'actions']);
    expect(message.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'More', emoji: false },
          action_id: runCommandActionId,
          value: 'space list --cursor abc',
        },
      ],
    });
  });

  it('renders an empty list as its empty sentence', () => {
    const message = renderReply(makeList({ items: [] }));

    expect(types(message)).toEqual(['header', 'divider', 'section']);
    expect(message.blocks[2]).toEqual({ type: 'section', text: plain('No spaces.') });
    expect(message.text).toBe('Spaces: No spaces.');
  });

  it.each([
    ['without a "More" button', {}, 23],
    ['with a "More" button', { more: { label: 'More', command: 'space list --cursor z' } }, 23],
  ])(
    'caps a 200-item list %s at 50 blocks, whole items only, and says how many are hidden',
    (_label, extra, shown) => {
      const message = renderReply(makeList({ items: makeItems(200), ...extra }));
      const sections = message.blocks.filter((block) => block.type === 'section');

      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(message.blocks.length).toBeGreaterThanOrEqual(49);
      expect(sections).toHaveLength(shown);
      expect(message.blocks).toContainEqual({
        type: 'context',
        elements: [plain(`…and ${200 - shown} more not shown.`)],
      });
      expect(limitProblems(message)).toEqual([]);
    },
  );

  it('keeps the "More" button of a 200-item list with no context line', () => {
    const message = renderReply(
      makeList({ items: makeItems(200), more: { label: 'More', command: 'space list --c z' } }),
    );

    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  // Known bug: renderList reserves room for header, divider, the hidden-items note and the button
  // but not for the optional context line, so it builds 51 blocks and slice(0, 50) drops the last
  // one: the "…and N more not shown." note, or the "More" button (the next page becomes
  // unreachable). Flip both to `it` with the fix: count the context line in `fixed`.
  it('says how many items a 200-item list with a context line hides', () => {
    const message = renderReply(makeList({ items: makeItems(200), context: 'in Research Lab' }));

    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [plain('…and 177 more not shown.')],
    });
  });

  it('keeps the "More" button of a 200-item list with a context line', () => {
    const message = renderReply(
      makeList({
        items: makeItems(200),
        context: 'in Research Lab',
        more: { label: 'More', command: 'space list --cursor z' },
      }),
    );

    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  it('links a URL by its label, and shows one that could break out of the link as text', () => {
    const linked = (url: string, urlLabel?: string) =>
      renderReply(makeDetail({ fields: [], url, ...(urlLabel ? { urlLabel } : {}) })).blocks.at(-1);
    expect(linked('https://x.io/a?b=1&c=2', 'Open the <request>')).toEqual({
      type: 'context',
      elements: [mrkdwn('<https://x.io/a?b=1&amp;c=2|Open the &lt;request&gt;>')],
    });
    for (const hostile of ['javascript:alert(1)', 'https://x.io/|<!channel>', 'https://x.io/ a']) {
      expect(linked(hostile)).toEqual({ type: 'context', elements: [plain(hostile)] });
    }
  });

  it('renders a detail as header, context, field sections of ten, and the URL', () => {
    const message = renderReply(
      makeDetail({ fields: makeFields(25), context: 'in org Lab', url: 'https://app/x' }),
    );
    const fieldCounts = message.blocks
      .filter((block) => block.type === 'section')
      .map((block) => (block.fields as unknown[]).length);

    expect(types(message)).toEqual([
      'header',
      'context',
      'section',
      'section',
      'section',
      'context',
    ]);
    expect(fieldCounts).toEqual([10, 10, 5]);
    expect((message.blocks[2]?.fields as unknown[] | undefined)?.[0]).toEqual(
      plain('label 0\nvalue 0'),
    );
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [mrkdwn('<https://app/x|Open in Arize>')],
    });
    expect(message.text).toBe('Space production');
  });

  it('renders a detail of 200 fields within the block limit', () => {
    const message = renderReply(makeDetail({ fields: makeFields(200) }));

    expect(message.blocks).toHaveLength(21);
    expect(limitProblems(message)).toEqual([]);
  });

  it('keeps a detail of 600 fields within 50 blocks and says how many fields it left out', () => {
    const message = renderReply(makeDetail({ fields: makeFields(600), url: 'https://app/x' }));

    expect(message.blocks).toHaveLength(50);
    expect(limitProblems(message)).toEqual([]);
    expect(message.blocks.at(-2)).toEqual({
      type: 'context',
      elements: [plain('…and 130 more fields not shown.')],
    });
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [mrkdwn('<https://app/x|Open in Arize>')],
    });
  });

  it('renders an error with its usage and hint', () => {
    const message = renderReply(
      makeError({ usage: 'space list [--org <org>]', hint: 'Did you mean `space list`?' }),
    );

    expect(message.blocks).toEqual([
      { type: 'section', text: plain('⚠️ Unknown command `space lsit`.') },
      { type: 'section', text: plain('Usage: space list [--org <org>]') },
      { type: 'context', elements: [plain('Did you mean `space list`?')] },
    ]);
    expect(message.text).toBe('Unknown command `space lsit`.');
  });

  it('renders an error without usage or hint as one section and never shows its code', () => {
    const message = renderReply(makeError());

    expect(types(message)).toEqual(['section']);
    expect(JSON.stringify(message)).not.toContain('PARSE.UNKNOWN_COMMAND');
  });

  it.each<[string, Reply]>([
    ['text', { kind: 'text', text: long }],
    ['progress', { kind: 'progress', text: long }],
    [
      'list',
      makeList({
        title: long,
        context: long,
        empty: long,
        items: [
          {
            title: long,
            id: long,
            url: long,
            fields: makeFields(12).map((f) => ({ ...f, value: long })),
          },
        ],
        more: { label: long, command: 'space list --cursor z' },
      }),
    ],
    ['empty list', makeList({ title: long, empty: long, items: [] })],
    [
      'detail',
      makeDetail({ title: long, context: long, url: long, fields: [{ label: long, value: long }] }),
    ],
    ['error', makeError({ message: long, usage: long, hint: long })],
  ])('truncates a %s reply of 5,000-character strings to fit every limit', (_kind, reply) => {
    const message = renderReply(reply);
    const texts = inspectBlocks(message.blocks).texts.map((t) => t.text as string);

    expect(limitProblems(message)).toEqual([]);
    expect(texts.every((text) => text.endsWith('…'))).toBe(true);
  });

  it('counts limits in UTF-16 units and never splits an emoji, so an emoji title fits either way', () => {
    const message = renderReply(makeDetail({ title: '🚀'.repeat(200) }));
    const header = (message.blocks[0]?.text as { text: string } | undefined)?.text ?? '';

    expect(length(header)).toBe(149);
    expect(header).toBe(`${'🚀'.repeat(74)}…`);
  });
});

describe('the checks the properties rely on', () => {
  it.each([
    ['<!channel>', false],
    ['&lt;!here&gt;', true],
    ['a & b', false],
    ['&amp;lt;@U123&amp;gt;', true],
    ['cut inside an escape &am…', true],
    ['a > b', false],
  ])('judges mrkdwn %j inert: %s', (text, inert) => {
    expect(isInertMrkdwn(text)).toBe(inert);
  });

  it('finds text objects anywhere in the tree and strings that are not renderer constants', () => {
    const tree = inspectBlocks([
      { type: 'section', text: { type: 'mrkdwn', text: '<@U1>' }, block_id: 'from Arize' },
      { type: 'context', elements: [{ type: 'plain_text', text: 'x', emoji: true }] },
      { type: 'actions', elements: [{ type: 'button', action_id: 'other', value: 'v' }] },
    ]);

    expect(tree.texts.map((t) => [t.pointer, t.type, t.emoji])).toEqual([
      ['/0/text', 'mrkdwn', undefined],
      ['/1/elements/0', 'plain_text', true],
    ]);
    expect(tree.strayStrings.map((s) => s.pointer)).toEqual([
      '/0/block_id',
      '/2/elements/0/action_id',
    ]);
    expect(tree.buttonValues).toEqual(['v']);
  });
});

/** 2,000 runs in `npm test`; a new seed every run, printed so a failure can be replayed. */
const numRuns = 2_000;
const seed = Math.floor(Math.random() * 0x7fffffff);
console.log(`render-reply properties: numRuns=${numRuns} seed=${seed}`);

describe('renderReply properties', () => {
  it('renders no untrusted string as a mention, broadcast or link', () => {
    fc.assert(
      fc.property(anyReply, (reply) => {
        const message = renderReply(reply);
        const tree = inspectBlocks(message.blocks);

        expect(isInertMrkdwn(message.text)).toBe(true);
        expect(tree.strayStrings).toEqual([]);
        for (const text of tree.texts) {
          expect(typeof text.text).toBe('string');
          if (text.type === 'mrkdwn') expect(isInertMrkdwn(text.text as string)).toBe(true);
          else expect(text.emoji).toBe(false);
          expect(text.keys.filter((key) => !['type', 'text', 'emoji'].includes(key))).toEqual([]);
        }
      }),
      { numRuns, seed },
    );
  });

  it('generates replies that reach truncation, the 50-block cap and Slack markup', () => {
    const messages = fc.sample(anyReply, { numRuns, seed }).map(renderReply);
    const share = (test: (m: SlackMessage) => boolean) => messages.filter(test).length / numRuns;

    expect(share((m) => m.text.endsWith('…'))).toBeGreaterThan(0.02);
    expect(share((m) => m.blocks.length === 50)).toBeGreaterThan(0.01);
    expect(share((m) => m.text.includes('&lt;!channel&gt;'))).toBeGreaterThan(0.02);
    expect(share((m) => m.text.includes('&lt;@U123'))).toBeGreaterThan(0.02);
  });

  it('puts untrusted values only in plain_text, the escaped fallback, or a button value', () => {
    fc.assert(
      fc.property(anyReply, (original) => {
        const { reply, tags } = tagStrings(original);
        const message = renderReply(reply);
        const tree = inspectBlocks(message.blocks);
        const plainTexts = tree.texts
          .filter((t) => t.type === 'plain_text' && t.emoji === false)
          .map((t) => String(t.text));
        const elsewhere = [
          ...tree.texts.filter((t) => !plainTexts.includes(String(t.text))).map((t) => t.text),
          ...tree.strayStrings.map((s) => s.value),
        ].map(String);

        expect(tags.filter((tag) => elsewhere.some((text) => text.includes(tag)))).toEqual([]);
        expect(plainTexts.some((text) => text.includes('§'))).toBe(true);
        expect(limitProblems(message)).toEqual([]);
      }),
      { numRuns, seed },
    );
  });
});

describe('renderReply: moments, people and organizations', () => {
  it('shows a moment in the reader’s time zone, with the UTC minute as fallback and words beside', () => {
    const message = renderReply(
      makeList({
        items: [
          {
            title: 'ci-key',
            fields: [{ label: 'expires', value: 'in 60 min', at: '2026-12-05T14:06:59.820Z' }],
          },
        ],
      }),
    );

    expect(message.blocks[2]).toEqual({
      type: 'section',
      text: plain('ci-key'),
      fields: [
        {
          type: 'mrkdwn',
          text: 'expires: <!date^1796479619^{date_short_pretty} {time}|2026-12-05 14:06 UTC> (in 60 min)',
        },
      ],
    });
  });

  it('escapes the words beside a moment and shows a field whose moment is unreadable as plain text', () => {
    const message = renderReply(
      makeDetail({
        fields: [
          { label: 'ends', value: '<!channel> & <@U0EVE0001>', at: '2026-12-05T14:06:00Z' },
          { label: 'starts', value: 'soon', at: 'not a date' },
        ],
      }),
    );
    const [ends, starts] = (message.blocks[1] as { fields: { type: string; text: string }[] })
      .fields;

    expect(ends?.text).toBe(
      'ends\n<!date^1796479560^{date_short_pretty} {time}|2026-12-05 14:06 UTC> (&lt;!channel&gt; &amp; &lt;@U0EVE0001&gt;)',
    );
    expect(starts).toEqual(plain('starts\nsoon'));
    expect(isInertMrkdwn(ends?.text.replace(/^ends\n<!date\^[^>]*>/, '') ?? '')).toBe(true);
  });

  it('names people and user groups as mentions, and nothing that is not a Slack id', () => {
    const message = renderReply(
      makeDetail({
        fields: [
          { label: 'approvers', value: 'U0BOB0001, S0ADMINS1', people: ['U0BOB0001', 'S0ADMINS1'] },
          { label: 'forged', value: 'x', people: ['<!here>', 'bob'] },
        ],
      }),
    );
    const { fields } = message.blocks[1] as { fields: { text: string }[] };

    expect(fields[0]?.text).toBe('approvers\n<@U0BOB0001>, <!subteam^S0ADMINS1>');
    expect(fields[1]?.text).toBe('forged\n?, ?');
  });

  it('groups a list that spans organizations under a line per organization', () => {
    const message = renderReply(
      makeList({
        items: [
          { title: 'production', group: 'Acme ML' },
          { title: 'staging', group: 'Acme ML' },
          { title: 'production', group: 'Research Lab' },
        ],
      }),
    );

    expect(message.blocks.slice(2).map((block) => (block.text as { text: string }).text)).toEqual([
      'Organization: Acme ML',
      'production',
      'staging',
      'Organization: Research Lab',
      'production',
    ]);
  });
});
