import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { approvedCommand } from '../../src/app/approvals/execution-steps.ts';
import {
  makeSweepApprovals,
  type SweepApprovalsDeps,
} from '../../src/app/approvals/sweep-approvals.ts';
import { executors } from '../../src/app/operations/executors.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import type { Policy } from '../../src/domain/policy/policy.ts';
import {
  contextOf,
  type Harness,
  makePolicy,
  messengerOf,
  request,
  silentLog,
  useCases,
  voter,
} from './approval-harness.ts';

/** The sweep on the harness: dynalite, the emulator, recorded Slack messages and queue. */
export function sweepOf(h: Harness, overrides: Partial<SweepApprovalsDeps> = {}) {
  return makeSweepApprovals({
    catalogue,
    executors,
    store: h.store,
    audit: new DynamoAuditLog(h.table),
    messenger: messengerOf(h),
    notifier: {
      reply: async (target, reply) => {
        if (h.responseUrlFails) throw new Error('response URL refused the reply: HTTP 404');
        h.replies.push({ target, reply });
      },
    },
    queue: { enqueue: async (job) => void h.queued.push(job) },
    log: silentLog,
    contextFor: async (req) => contextOf(h, req.requester.userId),
    ...overrides,
  });
}

/** A request approved by Bob (quorum 1): APPROVED, its execute job queued. */
export async function approvedRequest(
  h: Harness,
  text: string,
  policy: Policy = makePolicy(),
): Promise<ApprovalRequest> {
  const { request: req } = await request(h, text, policy);
  const decided = await useCases(h, policy).decide()({
    requestId: req.id,
    decision: 'approve',
    voter: voter('U0BOB0001'),
  });
  if (!decided.ok) throw new Error(decided.error.message);
  const stored = await h.store.get(req.id);
  if (stored?.status !== 'APPROVED') throw new Error(`not approved: ${stored?.status}`);
  return stored;
}

/**
 * A worker that claimed the EXECUTING lease as execute-approval does and was then killed: before
 * the Arize call, or right after it (the change made, the outcome never stored).
 */
export async function killedWorker(
  h: Harness,
  approved: ApprovalRequest,
  stage: 'before-arize' | 'after-arize',
): Promise<ApprovalRequest> {
  const claimed = await h.store.update(approved.id, approved.version, { status: 'EXECUTING' });
  if (!claimed) throw new Error('lease not taken');
  if (stage === 'after-arize') {
    const command = approvedCommand({ catalogue, executors }, claimed);
    if (!command) throw new Error(`no executor for ${claimed.operationId}`);
    await command.executor(command.args, contextOf(h));
  }
  return claimed;
}

/** Minutes from now: the sweep's scheduled time (statusChangedAt is stamped with real time). */
export const minutesFromNow = (minutes: number): Date => new Date(Date.now() + minutes * 60_000);

/**
 * Ends every request earlier tests left pending or in flight (dynalite lives for the whole file,
 * the emulator is reset per test), so each sweep sees only its own test's requests.
 */
export async function settleLeftovers(h: Harness): Promise<void> {
  const open = [
    ...(await h.store.listExpired(new Date(Date.now() + 365 * 86_400_000))),
    ...(await h.store.listInFlight()),
  ];
  await Promise.all(
    open.map((r) =>
      h.store.update(r.id, r.version, { status: r.status === 'PENDING' ? 'CANCELLED' : 'FAILED' }),
    ),
  );
}
