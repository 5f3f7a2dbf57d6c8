import { describe, expect, it } from 'vitest';
import {
  bulkResultRows,
  isBulk,
  shareBulkResult,
} from '../../src/app/approvals/share-bulk-result.ts';
import type { FileSharer, Log, SharedFile } from '../../src/app/ports.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import { parseCsv } from '../../src/domain/csv.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import type { Reply } from '../../src/domain/reply.ts';

const request = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  id: 'R0123456789AB',
  status: 'SUCCEEDED',
  version: 4,
  operationId: 'space.add-user',
  args: { users: ['a@example.com', 'b@example.com'], space: ['s1'], role: 'MEMBER' },
  commandText: 'space add-user a@example.com,b@example.com --space s1 --role member',
  requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
  responseUrl: 'https://hooks.slack.test/r/1',
  plan: {
    effect: 'Give member role to 2 user(s) in 1 space(s).',
    targets: [{ label: 'space', value: '=cmd|calc (s1)' }],
    preState: [{ label: 'current roles in s1', value: 'none' }],
    cascades: ['none really'],
    notes: ['a note'],
    subjects: [],
    projection: {},
  },
  planHash: 'a'.repeat(64),
  policySha: 'b'.repeat(64),
  quorum: 1,
  approvers: ['U0BOB0001'],
  approvals: ['U0BOB0001'],
  createdAt: '2026-11-22T06:00:00Z',
  expiresAt: '2026-11-22T07:00:00Z',
  ...overrides,
});

const warnings: string[] = [];
const log: Log = {
  debug() {},
  info() {},
  warn: (message) => void warnings.push(message),
  error() {},
};

function sharer(fail = false) {
  const shared: { file: SharedFile; to: unknown }[] = [];
  const files: FileSharer = {
    share: async (file, to) => {
      if (fail) throw new Error('channel_not_found');
      shared.push({ file, to });
      return { fileId: 'F1', channel: 'D0ALICE01' };
    },
  };
  return { shared, files };
}

describe('bulk request results as CSV', () => {
  it('tells bulk (more than one item) from single requests', () => {
    expect(isBulk(catalogue, request())).toBe(true);
    expect(isBulk(catalogue, request({ args: { users: ['a@example.com'], space: ['s1'] } }))).toBe(
      false,
    );
    expect(isBulk(catalogue, request({ operationId: 'space.delete', args: {} }))).toBe(false);
  });

  it('writes the plan, then one row per item field', () => {
    const direct = bulkResultRows(request(), 'SUCCEEDED', {
      kind: 'list',
      title: 't',
      empty: '',
      items: [
        { title: 'a → s1', fields: [{ label: 'result', value: 'member in s1' }] },
        { title: '@b → s1' },
      ],
    });
    expect(direct).toContainEqual(['plan', 'target', 'space', '=cmd|calc (s1)']);
    expect(direct).toContainEqual(['plan', 'cascade', '', 'none really']);
    expect(direct).toContainEqual(['plan', 'note', '', 'a note']);
    expect(direct.slice(-2)).toEqual([
      ['result', 'a → s1', 'result', 'member in s1'],
      ['result', '@b → s1', '', ''],
    ]);
  });

  it.each<[Reply, string[]]>([
    [
      { kind: 'error', code: 'APPROVAL.FAILED', message: 'boom' },
      ['result', 'error', 'APPROVAL.FAILED', 'boom'],
    ],
    [{ kind: 'text', text: 'done' }, ['result', 'outcome', '', 'done']],
    [
      { kind: 'detail', title: 'Done', fields: [{ label: 'k', value: 'v' }] },
      ['result', 'Done', 'k', 'v'],
    ],
  ])('writes a %j result as a result row', (reply, row) => {
    expect(bulkResultRows(request(), 'FAILED', reply)).toContainEqual(row);
  });

  it('shares the file in the requester’s DM, cells made inert', async () => {
    const { shared, files } = sharer();

    await shareBulkResult({ catalogue, files, log }, request(), 'SUCCEEDED', {
      kind: 'text',
      text: 'done',
    });

    expect(shared).toHaveLength(1);
    expect(shared[0]?.to).toEqual({ kind: 'direct', userId: 'U0ALICE01' });
    expect(shared[0]?.file.filename).toBe('arize-ops-R0123456789AB.csv');
    expect(parseCsv(shared[0]?.file.content ?? '')).toContainEqual([
      'plan',
      'target',
      'space',
      "'=cmd|calc (s1)",
    ]);
  });

  it('attaches it in the approval message’s thread too, when the request was posted', async () => {
    const { shared, files } = sharer();

    await shareBulkResult(
      { catalogue, files, log },
      request({ channel: 'C0APPROVE1', ts: '1795000000.000100' }),
      'SUCCEEDED',
      { kind: 'text', text: 'done' },
    );

    expect(shared.map((s) => s.to)).toEqual([
      { kind: 'thread', channel: 'C0APPROVE1', threadTs: '1795000000.000100' },
      { kind: 'direct', userId: 'U0ALICE01' },
    ]);
    expect(shared[0]?.file.content).toBe(shared[1]?.file.content);
  });

  it('shares nothing for a single item, and only logs when Slack refuses', async () => {
    const single = sharer();
    await shareBulkResult(
      { catalogue, files: single.files, log },
      request({ args: { users: ['a@example.com'], space: ['s1'] } }),
      'SUCCEEDED',
      { kind: 'text', text: 'done' },
    );
    const failing = sharer(true);
    await shareBulkResult({ catalogue, files: failing.files, log }, request(), 'SUCCEEDED', {
      kind: 'text',
      text: 'done',
    });

    expect(single.shared).toEqual([]);
    expect(warnings).toContain('bulk result file not shared');
  });
});
