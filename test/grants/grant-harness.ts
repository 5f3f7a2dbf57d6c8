import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoGrantStore } from '../../src/adapters/dynamodb/dynamo-grant-store.ts';
import { makeExecuteApproval } from '../../src/app/approvals/execute-approval.ts';
import { makeEndGrants } from '../../src/app/grants/end-grants.ts';
import { makeGrantNews } from '../../src/app/grants/grant-news.ts';
import { makeGrantRecorder } from '../../src/app/grants/grant-recorder.ts';
import { executors } from '../../src/app/operations/executors.ts';
import type { GrantMessenger } from '../../src/app/ports.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import type { Grant } from '../../src/domain/grants/grant.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { DEMO_WORKSPACE } from '../../src/local/slack-standin/demo-workspace.ts';
import {
  contextOf,
  executeJobs,
  type Harness,
  makePolicy,
  messengerOf,
  request,
  silentLog,
  useCases,
  voter,
} from '../approvals/approval-harness.ts';

/** What the grant messenger was asked to send, in order. */
export interface GrantMessage {
  to: 'direct' | 'thread';
  where: string;
  reply: Reply;
  grantId?: string;
}

/** The grant side of the approvals harness: store, recorder, end job, and what was said. */
export function grantsOf(h: Harness) {
  const store = new DynamoGrantStore(h.table);
  const audit = new DynamoAuditLog(h.table);
  const messages: GrantMessage[] = [];
  const messenger: GrantMessenger = {
    direct: async (userId, reply, grantId) =>
      void messages.push({ to: 'direct', where: userId, reply, ...(grantId ? { grantId } : {}) }),
    thread: async (channel, ts, reply, grantId) =>
      void messages.push({
        to: 'thread',
        where: `${channel}/${ts}`,
        reply,
        ...(grantId ? { grantId } : {}),
      }),
  };
  const news = makeGrantNews({ messenger, log: silentLog, clock: h.clock });
  const slackIdOf = async (email: string) =>
    DEMO_WORKSPACE.users.find((u) => u.profile.email === email)?.id;
  const recorder = makeGrantRecorder({
    store,
    audit,
    news,
    clock: h.clock,
    log: silentLog,
    slackIdOf,
  });
  const execute = makeExecuteApproval({
    catalogue,
    executors,
    store: h.store,
    audit,
    messenger: messengerOf(h),
    notifier: { reply: async () => {} },
    clock: h.clock,
    log: silentLog,
    grants: recorder,
  });
  const endGrants = (gateway = h.gateway) =>
    makeEndGrants({
      store,
      gateway,
      audit,
      news,
      clock: h.clock,
      log: silentLog,
      leaseMs: 2 * 60_000,
      maxClaims: 3,
      concurrency: 8,
    });
  /** Asks, approves (as Bob) and executes a command; returns the request and its grants. */
  const grant = async (text: string): Promise<{ request: ApprovalRequest; grants: Grant[] }> => {
    const policy = makePolicy();
    const { request: req } = await request(h, text, policy);
    const decided = await useCases(h, policy).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    if (!decided.ok) throw new Error(decided.error.message);
    const job = executeJobs(h).find((j) => j.requestId === req.id);
    if (!job) throw new Error('no execute job');
    await execute(job, contextOf(h));
    const stored = await h.store.get(req.id);
    if (!stored) throw new Error('request vanished');
    const grants = (await store.listActive()).filter((g) => g.requestId === req.id);
    return { request: stored, grants };
  };
  /** As `grant`, for a command that grants one user one space: returns that one grant. */
  const grantOne = async (text: string): Promise<{ request: ApprovalRequest; grant: Grant }> => {
    const { request, grants } = await grant(text);
    const [only, ...more] = grants;
    if (!only || more.length > 0) throw new Error(`expected one grant, got ${grants.length}`);
    return { request, grant: only };
  };
  const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs);
  return { store, audit, messages, recorder, execute, endGrants, grant, grantOne, at };
}

/** The explicit role of a user in a space, read from the emulator through the gateway. */
export async function roleIn(h: Harness, spaceId: string, userId: string) {
  const members = await h.gateway.listSpaceMembersMany([spaceId]);
  return members
    .get(spaceId)
    ?.find((m) => m.user.id === userId && m.membership === 'EXPLICIT_MEMBERSHIP')?.role;
}
