import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import type { Plan } from '../../src/domain/approvals/plan.ts';

/** A plan with nothing read: override the fields a test is about. */
export const emptyPlan = (overrides: Partial<Plan> = {}): Plan => ({
  effect: 'Delete space staging',
  targets: [],
  preState: [],
  cascades: [],
  notes: [],
  subjects: [],
  projection: {},
  ...overrides,
});

/**
 * A stored approval request as tests need one: Alice's `space delete staging`, PENDING, expiring
 * at 07:00 on 2026-11-22, one approval needed from Bob. Override what the test is about.
 */
export const approvalRequest = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  id: 'R0TEST00001',
  status: 'PENDING',
  version: 1,
  operationId: 'space.delete',
  args: { space: 'U3BhY2U6Mg==' },
  commandText: 'space delete staging',
  requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
  responseUrl: 'https://hooks.slack.test/r/1',
  plan: emptyPlan(),
  planHash: 'h',
  policySha: 'p',
  quorum: 1,
  approvers: ['U0BOB0001'],
  approvals: [],
  createdAt: '2026-11-22T06:00:00.000Z',
  expiresAt: '2026-11-22T07:00:00.000Z',
  ...overrides,
});
