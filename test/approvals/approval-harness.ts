import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createArizeGateway } from '../../src/adapters/arize/arize-gateway.ts';
import { createTargetResolver } from '../../src/adapters/arize/target-resolver.ts';
import { DynamoApprovalStore } from '../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import type { DynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import { type ApprovalSteps, approvalStepsOf } from '../../src/app/approvals/approval-steps.ts';
import { makeDecideApproval } from '../../src/app/approvals/decide-approval.ts';
import { makeExecuteApproval } from '../../src/app/approvals/execute-approval.ts';
import { makePrepareApproval } from '../../src/app/approvals/prepare-approval.ts';
import type { ExecutionContext } from '../../src/app/operations/executor.ts';
import { executors } from '../../src/app/operations/executors.ts';
import type {
  ApprovalMessenger,
  ArizeGateway,
  Clock,
  GroupDirectory,
  ReplyTarget,
  SlackDirectory,
  SlackPerson,
} from '../../src/app/ports.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import type { ExecuteApprovalJob, Job, PrepareApprovalJob } from '../../src/domain/job.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import { type Policy, type PolicyInput, policySchema } from '../../src/domain/policy/policy.ts';
import type { Reply } from '../../src/domain/reply.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../src/local/arize-emulator/index.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { DEMO_WORKSPACE } from '../../src/local/slack-standin/demo-workspace.ts';
import { silentLog } from '../support/silent-log.ts';

export const TEAM = 'T0LOCAL01';
/** Ten extra approvers (U0APPR000…U0APPR009) for the concurrency tests. */
export const extraApprovers = Array.from({ length: 10 }, (_, i) => `U0APPR00${i}`);

export { silentLog };

export const makePolicy = (overrides: Partial<PolicyInput> = {}): Policy =>
  policySchema.parse({
    version: 2,
    teamId: TEAM,
    requesters: {
      read: ['U0ALICE01', 'U0CAROL01', 'U0DAVE001'],
      write: ['U0ALICE01', 'U0CAROL01'],
      privilege: ['U0ALICE01', 'U0CAROL01'],
      destructive: ['U0ALICE01', 'U0CAROL01'],
    },
    approvers: {
      privilege: ['U0ALICE01', 'U0BOB0001', 'S0ADMINS1', ...extraApprovers],
      destructive: ['U0ALICE01', 'U0BOB0001', 'S0ADMINS1', ...extraApprovers],
      secret: ['U0ALICE01', 'U0BOB0001'],
    },
    approvalsChannel: 'C0APPROVE1',
    neverList: { arizeUserEmails: ['arize-ops-bot@example.com'] },
    ...overrides,
  });

const person = (userId: string): SlackPerson | undefined => {
  if (extraApprovers.includes(userId)) {
    return {
      userId,
      teamId: TEAM,
      email: `${userId.toLowerCase()}@example.com`,
      isBot: false,
      deleted: false,
      isGuest: false,
    };
  }
  const user = DEMO_WORKSPACE.users.find((u) => u.id === userId);
  if (!user) return undefined;
  return {
    userId: user.id,
    teamId: user.team_id,
    ...(user.profile.email ? { email: user.profile.email } : {}),
    isBot: user.is_bot,
    deleted: user.deleted,
    isGuest: user.is_restricted || user.is_ultra_restricted,
  };
};

export interface Harness {
  emulator: ArizeEmulator;
  dynamo: LocalDynamo;
  table: DynamoTable;
  gateway: ArizeGateway;
  store: DynamoApprovalStore;
  /** Every message draw, in order. */
  renders: { kind: 'post' | 'update'; request: ApprovalRequest }[];
  replies: { target: ReplyTarget; reply: Reply }[];
  /** Direct messages sent when the response URL refused. */
  tells: { userId: string; reply: Reply }[];
  /** Set to make the response URL refuse (it expired). */
  responseUrlFails: boolean;
  /** Set to make `usergroups.users.list` fail. */
  groupsFail: boolean;
  queued: Job[];
  clock: Clock & { set(date: Date): void };
  close(): Promise<void>;
}

/** A Slack person of the demo team, as a decision's voter. */
export const voter = (userId: string) => ({ teamId: TEAM, userId });

/**
 * Registers the hooks every approvals test file needs: one harness per file, fresh emulator state,
 * recordings and clock per test. `use` receives the harness once it is up.
 */
export function useHarness(use: (harness: Harness) => void): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
    use(harness);
  });
  afterAll(async () => harness?.close());
  beforeEach(() => {
    if (!harness) return;
    harness.emulator.reset();
    harness.renders.length = 0;
    harness.replies.length = 0;
    harness.queued.length = 0;
    harness.tells.length = 0;
    harness.responseUrlFails = false;
    harness.groupsFail = false;
    harness.clock.set(new Date());
  });
}

export async function startHarness(): Promise<Harness> {
  const emulator = await startArizeEmulator({ port: 0 });
  const dynamo = await startLocalDynamo();
  const table = localTable(dynamo);
  const gateway = createArizeGateway({
    baseUrl: emulator.url,
    appUrl: emulator.url,
    apiKey: async () => DEMO_ADMIN_API_KEY,
    developerKey: async () => DEMO_ADMIN_API_KEY,
    // One client serves every test of a file while the emulator's limits are reset per test, so
    // the client's own pacing (REST and GraphQL) is opened up to match.
    maxRps: 500,
    graphqlMaxPerMinute: 6_000,
    maxConcurrency: 8,
    timeoutMs: 2_000,
  });
  let now = new Date();
  return {
    emulator,
    dynamo,
    table,
    gateway,
    store: new DynamoApprovalStore(table, { now: () => now }),
    renders: [],
    replies: [],
    tells: [],
    responseUrlFails: false,
    groupsFail: false,
    queued: [],
    clock: {
      now: () => now,
      set: (date) => {
        now = date;
      },
    },
    close: async () => {
      await dynamo.close();
      await emulator.close();
    },
  };
}

export const directory: SlackDirectory = { person: async (userId) => person(userId) };
export const groupsOf = (h: Harness): GroupDirectory => ({
  members: async (id) => {
    if (h.groupsFail) throw new Error('ratelimited');
    const group = DEMO_WORKSPACE.userGroups.find((g) => g.id === id);
    if (!group) throw new Error('no_such_subteam');
    return group.users;
  },
});

export function messengerOf(h: Harness): ApprovalMessenger {
  let ts = 0;
  return {
    post: async (channel, request) => {
      h.renders.push({ kind: 'post', request });
      return { channel, ts: `1700000000.${String(++ts).padStart(6, '0')}` };
    },
    update: async (_channel, _ts, request) => void h.renders.push({ kind: 'update', request }),
    permalink: async (channel, ts) => `https://example.slack.com/archives/${channel}/p${ts}`,
    tell: async (userId, reply) => void h.tells.push({ userId, reply }),
  };
}

/** The plan builder and post-state check of an approval operation; throws for any other id. */
export function stepsOf(operationId: string): ApprovalSteps {
  const steps = approvalStepsOf(operationId);
  if (!steps) throw new Error(`${operationId} cannot need approval`);
  return steps;
}

export function contextOf(h: Harness, userId = 'U0ALICE01'): ExecutionContext {
  return {
    gateway: h.gateway,
    resolver: createTargetResolver(h.gateway),
    requester: { teamId: TEAM, userId },
    context: {},
    appUrl: h.emulator.url,
    catalogue,
    clock: h.clock,
    slackEmailOf: async (id) => person(id)?.email ?? '',
  };
}

export function useCases(h: Harness, policy: Policy = makePolicy()) {
  const common = {
    store: h.store,
    audit: new DynamoAuditLog(h.table),
    messenger: messengerOf(h),
    clock: h.clock,
    log: silentLog,
  };
  return {
    prepare: makePrepareApproval({ ...common, catalogue, directory, policy }),
    decide: (decidePolicy: Policy = policy) =>
      makeDecideApproval({
        ...common,
        queue: { enqueue: async (job) => void h.queued.push(job) },
        policy: decidePolicy,
        directory,
        groups: groupsOf(h),
      }),
    execute: makeExecuteApproval({
      ...common,
      catalogue,
      executors,
      notifier: {
        reply: async (target, reply) => {
          if (h.responseUrlFails) throw new Error('response URL refused the reply: HTTP 404');
          h.replies.push({ target, reply });
        },
      },
    }),
  };
}

let seq = 0;

/** The prepare job the ack path would enqueue for a typed command. */
export function prepareJob(h: Harness, text: string, userId = 'U0ALICE01'): PrepareApprovalJob {
  const parsed = parseCommand(text, catalogue);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const id = `job-${++seq}-${Date.now()}`;
  return {
    id,
    kind: 'prepare-approval',
    requestId: `R${seq}T${Date.now()}`,
    operationId: parsed.command.operation.id,
    args: parsed.command.args,
    commandText: text,
    public: false,
    requester: { teamId: TEAM, userId },
    channelId: 'C0GENERAL1',
    responseUrl: 'http://localhost:9/response/1',
    enqueuedAt: h.clock.now().toISOString(),
    ...(parsed.command.options.reason ? { reason: parsed.command.options.reason } : {}),
  };
}

/** Prepares a request for a typed command and returns it as stored. */
export async function request(
  h: Harness,
  text: string,
  policy: Policy = makePolicy(),
  userId = 'U0ALICE01',
): Promise<{ request: ApprovalRequest; reply: Reply }> {
  const job = prepareJob(h, text, userId);
  const reply = await useCases(h, policy).prepare(job, contextOf(h, userId));
  const stored = await h.store.get(job.requestId);
  if (!stored) throw new Error(`not stored: ${JSON.stringify(reply)}`);
  return { request: stored, reply };
}

/** Prepares a typed command, has `approver` approve it and runs it; returns the stored request. */
export async function approveAndRun(
  h: Harness,
  text: string,
  { requester = 'U0ALICE01', approver = 'U0BOB0001' } = {},
): Promise<ApprovalRequest> {
  const { request: req } = await request(h, text, makePolicy(), requester);
  const decided = await useCases(h).decide()({
    requestId: req.id,
    decision: 'approve',
    voter: voter(approver),
  });
  if (!decided.ok) throw new Error(decided.error.message);
  const job = executeJobs(h).find((j) => j.requestId === req.id);
  if (!job) throw new Error('no execute job');
  await useCases(h).execute(job, contextOf(h, requester));
  const stored = await h.store.get(req.id);
  if (!stored) throw new Error('request lost');
  return stored;
}

export const executeJobs = (h: Harness): ExecuteApprovalJob[] =>
  h.queued.filter((j): j is ExecuteApprovalJob => j.kind === 'execute-approval');

export const deletesOf = (h: Harness, before: number) =>
  h.emulator
    .mutations()
    .slice(before)
    .filter((m) => m.method === 'DELETE');
