import { describe, expect, it } from 'vitest';
import type { AuditRecord, FileSharer, SharedFile } from '../../src/app/ports.ts';
import { parseCsv } from '../../src/domain/csv.ts';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import { makeContext, run } from './operations/executor-fakes.ts';

const record = (i: number, overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  id: `R${i}#requested`,
  requestId: `R${i}`,
  event: 'requested',
  at: `2025-12-31T10:00:${String(i % 60).padStart(2, '0')}.000Z`,
  actor: 'U0ALICE01',
  detail: { command: `space delete s${i}`, reason: '=HYPERLINK("http://evil","x")' },
  ...overrides,
});

/** An audit trail of `count` records served in pages of at most `limit`, newest first. */
function trailOf(count: number) {
  const records = Array.from({ length: count }, (_, i) => record(i));
  const queries: { actor?: string; since: Date }[] = [];
  return {
    queries,
    list: async (query: { since: Date; actor?: string; cursor?: string; limit?: number }) => {
      queries.push(query);
      const start = Number(query.cursor ?? 0);
      const end = start + (query.limit ?? 20);
      return {
        items: records.slice(start, end),
        ...(end < records.length ? { nextCursor: String(end) } : {}),
      };
    },
  };
}

function recordingSharer() {
  const shared: { file: SharedFile; to: unknown; comment?: string }[] = [];
  const files: FileSharer = {
    share: async (file, to, comment) => {
      shared.push({ file, to, ...(comment ? { comment } : {}) });
      return { fileId: 'F1', channel: 'D0ALICE01' };
    },
  };
  return { shared, files };
}

describe('audit --csv', () => {
  it('sends every record of the window as one inert CSV file in a direct message', async () => {
    const trail = trailOf(250);
    const { shared, files } = recordingSharer();

    const reply = await run(
      'audit --csv --since 1d --user <@U0ALICE01>',
      makeContext({ auditTrail: trail, files, requester: { teamId: 'T1', userId: 'U0ALICE01' } }),
    );

    expect(reply).toEqual({
      kind: 'text',
      text: 'Sent 250 audit record(s) since 2025-12-31 00:00 UTC as arize-ops-audit-2026-01-01T0000.csv in a direct message from the bot (D0ALICE01).',
    });
    expect(trail.queries.every((q) => q.actor === 'U0ALICE01')).toBe(true);
    expect(shared).toHaveLength(1);
    expect(shared[0]?.to).toEqual({ kind: 'direct', userId: 'U0ALICE01' });
    const rows = parseCsv(shared[0]?.file.content ?? '');
    expect(rows[0]).toEqual(['at', 'event', 'request', 'actor', 'detail']);
    expect(rows).toHaveLength(251);
    expect(rows[1]).toEqual([
      '2025-12-31T10:00:00.000Z',
      'requested',
      'R0',
      'U0ALICE01',
      'command=space delete s0; reason==HYPERLINK("http://evil","x")',
    ]);
  });

  it('makes a record whose first cell could be a formula inert', async () => {
    const { shared, files } = recordingSharer();
    const trail = {
      list: async () => ({ items: [record(1, { requestId: '-2+3', actor: '@evil' })] }),
    };

    await run('audit --csv', makeContext({ auditTrail: trail, files }));

    const [, row] = parseCsv(shared[0]?.file.content ?? '');
    expect(row?.slice(2, 4)).toEqual(["'-2+3", "'@evil"]);
  });

  it('refuses a window of more than 10,000 records, sending nothing', async () => {
    const { shared, files } = recordingSharer();

    await expect(
      run('audit --csv --since 90d', makeContext({ auditTrail: trailOf(10_101), files })),
    ).rejects.toThrow('More than 10000 audit records');
    expect(shared).toEqual([]);
  });

  it('says it cannot export where no file sharer is wired', async () => {
    await expect(run('audit --csv', makeContext({ auditTrail: trailOf(1) }))).rejects.toThrow(
      'cannot be exported here',
    );
  });

  it.each(['audit --csv --arize', 'audit --csv --cursor abc'])('refuses %s', (text) => {
    const parsed = parseCommand(text, catalogue);

    expect(!parsed.ok && parsed.error.message).toContain('leave out --arize and --cursor');
  });
});
