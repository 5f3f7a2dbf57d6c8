import { describe, expect, it } from 'vitest';
import { renderApproval } from '../../../src/adapters/slack/render-approval.ts';
import type { ApprovalRequest } from '../../../src/domain/approvals/approval.ts';

const space = Buffer.from('Space:2').toString('base64');
const user = Buffer.from('User:7').toString('base64');

const removal = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  id: 'R0123456789AB',
  status: 'SUCCEEDED',
  version: 5,
  operationId: 'space.remove-user',
  args: { users: [user], space: [space] },
  commandText: 'space remove-user dave@example.com --space staging',
  requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
  responseUrl: 'https://hooks.slack.test/r/1',
  plan: {
    effect: 'Remove 1 user(s) from 1 space(s).',
    targets: [],
    preState: [],
    cascades: [],
    notes: [],
    subjects: [],
    projection: { roles: [{ space, roles: [{ userId: user, role: 'MEMBER' }] }] },
  },
  planHash: 'a'.repeat(64),
  policySha: 'b'.repeat(64),
  quorum: 1,
  approvers: ['U0BOB0001'],
  approvals: ['U0BOB0001'],
  createdAt: '2026-11-22T06:00:00Z',
  expiresAt: '2026-11-22T07:00:00Z',
  result: { kind: 'text', text: 'removed' },
  ...overrides,
});

const elementsOf = (request: ApprovalRequest) =>
  renderApproval(request)
    .blocks.filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Record<string, unknown>[]);

describe('renderApproval: Undo', () => {
  it('offers Undo valued with the request id, confirming the inverse command', () => {
    const [undo, ...rest] = elementsOf(removal());

    expect(rest).toEqual([]);
    expect(undo?.action_id).toBe('approval-undo');
    expect(undo?.value).toBe('R0123456789AB');
    expect(JSON.stringify(undo?.confirm)).toContain(
      `/arize space add-user ${user} --space ${space} --role member`,
    );
  });

  it('says why when the previous state was not captured, with no button', () => {
    const request = removal({
      plan: { ...removal().plan, projection: { roles: [{ space, roles: 'not readable' }] } },
    });
    const text = JSON.stringify(renderApproval(request).blocks);

    expect(elementsOf(request)).toEqual([]);
    expect(text).toContain('Cannot be undone: the space roles before the change were not readable');
  });

  it.each(['FAILED', 'STALE', 'EXECUTING'] as const)(
    'offers nothing about Undo when %s',
    (status) => {
      const request = removal({ status });

      expect(elementsOf(request)).toEqual([]);
      expect(JSON.stringify(renderApproval(request).blocks)).not.toContain('undone');
    },
  );
});
