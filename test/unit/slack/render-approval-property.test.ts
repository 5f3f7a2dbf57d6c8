import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApprovalActions, renderApproval } from '../../../src/adapters/slack/render-approval.ts';
import { type ApprovalRequest, ApprovalStatuses } from '../../../src/domain/approvals/approval.ts';
import { inspectBlocks, limitProblems } from './inspect-message.ts';
import { anyReply, untrusted } from './reply-arbitraries.ts';

const field = fc.record({ label: untrusted, value: untrusted });
const slackIds = fc.constantFrom('U0ALICE01', 'U0BOB0001', 'U0CAROL01', 'S0ADMINS1');

/** An approval request whose every person- or Arize-sourced string is hostile. */
const hostileRequest: fc.Arbitrary<ApprovalRequest> = fc.record({
  id: fc.constant('R0123456789AB'),
  status: fc.constantFrom(...ApprovalStatuses),
  version: fc.nat(),
  operationId: fc.constantFrom('space.delete', 'space.remove-user', 'org.delete', 'key.create'),
  args: fc.constant({ space: 'U3BhY2U6Mg==' }),
  commandText: untrusted,
  reason: untrusted,
  requester: fc.constant({ teamId: 'T0LOCAL01', userId: 'U0CAROL01' }),
  responseUrl: fc.constant('https://hooks.slack.test/r/1'),
  plan: fc.record({
    effect: untrusted,
    targets: fc.array(field, { maxLength: 4 }),
    preState: fc.array(field, { maxLength: 4 }),
    cascades: fc.array(untrusted, { maxLength: 3 }),
    notes: fc.array(untrusted, { maxLength: 3 }),
    subjects: fc.constant([]),
    projection: fc.constant({}),
  }),
  planHash: fc.constant('a'.repeat(64)),
  policySha: fc.constant('b'.repeat(64)),
  quorum: fc.integer({ min: 1, max: 3 }),
  approvers: fc.array(slackIds, { minLength: 1, maxLength: 3 }),
  approvals: fc.array(slackIds, { maxLength: 2 }),
  rejectedBy: slackIds,
  rejectReason: untrusted,
  staleReason: untrusted,
  result: anyReply,
  createdAt: fc.constant('2026-11-22T06:00:00Z'),
  expiresAt: fc.constant('2026-11-22T07:00:00Z'),
  revealBy: fc.constant('2026-11-22T07:30:00Z'),
});

/** The only markup the renderer itself writes in mrkdwn: mentions of Slack user and group ids. */
/** Drops the renderer's own markup: mentions and date tokens (`<!date^…|2026-11-22 07:00 UTC>`). */
const withoutOwnMarkup = (text: string) =>
  text
    .replace(/<@U[0-9A-Z]+>|<!subteam\^S[0-9A-Z]+>/g, '')
    .replace(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/g, '');

describe('renderApproval with hostile strings everywhere (property)', () => {
  it('puts every untrusted string in plain_text: mrkdwn carries only its own mentions and dates', () => {
    fc.assert(
      fc.property(hostileRequest, (request) => {
        const message = renderApproval(request);
        const tree = inspectBlocks(message.blocks);
        for (const text of tree.texts.filter((t) => t.type === 'mrkdwn')) {
          const rest = withoutOwnMarkup(String(text.text));
          expect(rest, text.pointer).not.toMatch(/[<>&]/);
        }
        // Strings outside text objects are only the renderer's own action ids.
        for (const stray of tree.strayStrings) {
          expect(stray.pointer).toMatch(/\/action_id$/);
          expect(Object.values(ApprovalActions)).toContain(stray.value);
        }
        expect(limitProblems(message)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
