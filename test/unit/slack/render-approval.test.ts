import { describe, expect, it } from 'vitest';
import { renderApproval } from '../../../src/adapters/slack/render-approval.ts';
import type { ApprovalRequest } from '../../../src/domain/approvals/approval.ts';

const makeRequest = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  id: 'R0123456789AB',
  status: 'PENDING',
  version: 2,
  operationId: 'space.delete',
  args: { space: 'U3BhY2U6Mg==' },
  commandText: 'space delete staging --reason cleanup',
  reason: '<!channel> cleanup',
  requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
  responseUrl: 'https://hooks.slack.test/r/1',
  plan: {
    effect: 'Delete space <@U0BOB0001> (U3BhY2U6Mg==)',
    targets: [{ label: 'space', value: 'staging (U3BhY2U6Mg==)' }],
    preState: [{ label: 'visibility', value: 'public' }],
    cascades: ['deletes space staging: 2 members (GraphQL), 1 active API keys'],
    notes: [],
    subjects: [],
    projection: {},
  },
  planHash: 'a'.repeat(64),
  policySha: 'b'.repeat(64),
  quorum: 1,
  approvers: ['U0ALICE01', 'U0BOB0001', 'S0ADMINS1'],
  approvals: [],
  createdAt: '2026-11-22T06:00:00Z',
  expiresAt: '2026-11-22T07:00:00Z',
  ...overrides,
});

const buttonsOf = (request: ApprovalRequest) =>
  renderApproval(request)
    .blocks.filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Record<string, unknown>[]);

describe('renderApproval', () => {
  it('shows when it expires in the reader’s own time zone, with the UTC minute as fallback', () => {
    const contexts = renderApproval(makeRequest()).blocks.filter((b) => b.type === 'context');
    expect(contexts.at(-1)).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text:
            'Expires <!date^1795330800^{date_short_pretty} {time}|2026-11-22 07:00 UTC>. ' +
            `Plan ${'a'.repeat(12)}, policy ${'b'.repeat(12)}.`,
        },
      ],
    });
  });

  it('shows a moment of the pre-state in the reader’s zone, its words escaped, other fields plain', () => {
    const request = makeRequest();
    request.plan.preState.push({
      label: 'created <!here>',
      value: '3 days ago',
      at: '2026-11-19T06:00:00Z',
    });
    const fields = renderApproval(request)
      .blocks.filter((b) => b.type === 'section')
      .flatMap((b) => (b.fields ?? []) as { type: string; text: string }[]);
    expect(fields).toContainEqual({ type: 'plain_text', text: 'visibility\npublic', emoji: false });
    expect(fields).toContainEqual({
      type: 'mrkdwn',
      text: 'created &lt;!here&gt;\n<!date^1795068000^{date_short_pretty} {time}|2026-11-19 06:00 UTC> (3 days ago)',
    });
  });

  it('offers Approve with a confirm dialog and Reject… (a reason modal), valued with the request id', () => {
    const buttons = buttonsOf(makeRequest());

    expect(buttons.map((b) => [b.action_id, b.value, b.style])).toEqual([
      ['approval-approve', 'R0123456789AB', 'primary'],
      ['approval-reject', 'R0123456789AB', 'danger'],
      ['approval-cancel', 'R0123456789AB', undefined],
    ]);
    expect(buttons[0]?.confirm).toBeDefined();
    expect(buttons[1]).toMatchObject({ text: { text: 'Reject…' } });
    expect(buttons[1]?.confirm).toBeUndefined();
  });

  it('lets Approve open the typed-name modal directly when the plan asks for a typed name', () => {
    const request = makeRequest();
    const [approve, reject] = buttonsOf({
      ...request,
      plan: { ...request.plan, confirmation: { label: 'organization name', expected: 'Lab' } },
    });

    expect(approve).toMatchObject({ action_id: 'approval-approve', text: { text: 'Approve…' } });
    expect(approve?.confirm).toBeUndefined();
    expect(reject).toMatchObject({ action_id: 'approval-reject', text: { text: 'Reject…' } });
  });

  it('names who asked and who may approve as mentions, the group as a subteam', () => {
    const text = JSON.stringify(renderApproval(makeRequest()).blocks);

    expect(text).toContain('Asked by <@U0ALICE01>');
    expect(text).toContain('Needs 1 of <@U0ALICE01>, <@U0BOB0001>, <!subteam^S0ADMINS1>');
  });

  it('keeps untrusted text (plan, reason) in plain_text so it cannot mention anyone', () => {
    const blocks = renderApproval(makeRequest()).blocks;
    const mrkdwnTexts = blocks
      .map((b) => b.text as { type: string; text: string } | undefined)
      .filter((t) => t?.type === 'mrkdwn')
      .map((t) => t?.text ?? '');

    expect(mrkdwnTexts.join(' ')).not.toContain('<!channel>');
    expect(mrkdwnTexts.join(' ')).not.toContain('(U3BhY2U6Mg==)');
    expect(JSON.stringify(blocks)).toContain('Reason: <!channel> cleanup');
  });

  it.each(['SUCCEEDED', 'STALE', 'REJECTED', 'EXECUTING'] as const)(
    'shows no buttons once %s',
    (status) => {
      expect(buttonsOf(makeRequest({ status }))).toEqual([]);
    },
  );

  it('ends with the result when it succeeded', () => {
    const message = renderApproval(
      makeRequest({
        status: 'SUCCEEDED',
        approvals: ['U0BOB0001'],
        result: { kind: 'detail', title: 'Deleted space staging', fields: [] },
      }),
    );

    expect(message.text).toBe('Approval request R0123456789AB: ✅ Succeeded');
    expect(JSON.stringify(message.blocks)).toContain('Result: Deleted space staging');
    expect(JSON.stringify(message.blocks)).toContain('Approved by <@U0BOB0001>');
  });
});
