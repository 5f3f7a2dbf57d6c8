import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeadLetterHandler, createWorkerHandler } from '../../functions/worker.ts';
import { DynamoContextStore } from '../../src/adapters/dynamodb/dynamo-context-store.ts';
import { DynamoJobLedger } from '../../src/adapters/dynamodb/dynamo-job-ledger.ts';
import type { DynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import type { Executor } from '../../src/app/operations/executor.ts';
import type {
  ArizeGateway,
  ChatNotifier,
  ReplyTarget,
  SlackDirectory,
  TargetResolver,
} from '../../src/app/ports.ts';
import { makeRunJob } from '../../src/app/run-job.ts';
import { AppError } from '../../src/domain/errors.ts';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import type { RunCommandJob } from '../../src/domain/job.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import { requiresApproval } from '../../src/domain/operations/requires-approval.ts';
import { policySchema } from '../../src/domain/policy/policy.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';

let dynamo: LocalDynamo;
let table: DynamoTable;
let sent: { target: ReplyTarget; reply: Reply }[];
let runs: number;
let behaviour: 'ok' | 'crash' | 'arize-error';
let seq = 0;

const logging = createLog({ service: 'test', level: 'SILENT' });
const notifier: Pick<ChatNotifier, 'reply'> = {
  reply: async (target, reply) => void sent.push({ target, reply }),
};
const listExecutor: Executor = async () => {
  runs += 1;
  if (behaviour === 'crash') throw new Error('socket hang up');
  if (behaviour === 'arize-error')
    throw new AppError('ARIZE.NOT_FOUND', 'No space named "prodution".');
  return { kind: 'text', text: 'done' };
};

/** Says which Arize e-mail the worker resolves for the requester. */
const emailExecutor: Executor = async (_args, ctx) => ({
  kind: 'text',
  text: `email: ${await ctx.slackEmailOf?.(ctx.requester.userId)}`,
});

const makeJob = (overrides: Partial<RunCommandJob> = {}): RunCommandJob => ({
  id: `job-${++seq}`,
  kind: 'run-command',
  operationId: 'space.list',
  args: {},
  commandText: 'space list',
  public: false,
  requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
  channelId: 'C0GENERAL1',
  responseUrl: 'http://localhost:9/slack-response/r1',
  enqueuedAt: new Date().toISOString(),
  ...overrides,
});

const sqsEvent = (...bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({
    messageId: `m${i}`,
    receiptHandle: `rh${i}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs',
    awsRegion: 'us-east-1',
  })),
});

let people: Record<string, Awaited<ReturnType<SlackDirectory['person']>>> = {};

const worker = () => {
  const runJob = makeRunJob({
    catalogue,
    executors: {
      ...Object.fromEntries(catalogue.map((op) => [op.id, listExecutor])),
      whoami: emailExecutor,
    },
    ledger: new DynamoJobLedger(table, { now: () => new Date() }),
    notifier,
    contexts: new DynamoContextStore(table),
    gateway: {} as ArizeGateway,
    newResolver: () => ({}) as TargetResolver,
    appUrl: 'http://app.local',
    clock: { now: () => new Date() },
    log: logging.log,
    directory: { person: async (userId) => people[userId] },
    policy: policySchema.parse({
      version: 1,
      teamId: 'T0LOCAL01',
      userMappings: { U0ALICE01: 'alice.arize@example.com' },
      requesters: { read: [], write: [], privilege: [], destructive: [], secret: [] },
    }),
  });
  return {
    jobs: createWorkerHandler({ runJob, notifier, logging, invocation: {} }),
    deadLetters: createDeadLetterHandler({ runJob, notifier, logging, invocation: {} }),
  };
};
const context = localLambdaContext('arize-ops-worker', 60_000);

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = localTable(dynamo);
});
afterAll(async () => dynamo.close());
beforeEach(() => {
  people = {
    U0ALICE01: {
      userId: 'U0ALICE01',
      teamId: 'T0LOCAL01',
      email: 'alice@example.com',
      isBot: false,
      deleted: false,
      isGuest: false,
    },
  };
  sent = [];
  runs = 0;
  behaviour = 'ok';
});

describe('the worker function', () => {
  it('runs a job and replaces the ack through its response URL', async () => {
    const job = makeJob();
    const result = await worker().jobs(sqsEvent(JSON.stringify(job)), context);

    expect(result.batchItemFailures).toEqual([]);
    expect(runs).toBe(1);
    expect(sent).toEqual([
      {
        target: {
          kind: 'response-url',
          url: job.responseUrl,
          replaceOriginal: true,
          public: false,
        },
        reply: { kind: 'text', text: 'done' },
      },
    ]);
  });

  it('re-sends the stored reply on redelivery and never runs the job twice', async () => {
    const body = JSON.stringify(makeJob());
    await worker().jobs(sqsEvent(body), context);
    await worker().jobs(sqsEvent(body), context);

    expect(runs).toBe(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.reply).toEqual(sent[0]?.reply);
  });

  it('runs a job delivered twice in one batch once', async () => {
    const body = JSON.stringify(makeJob());
    const result = await worker().jobs(sqsEvent(body, body), context);

    expect(runs).toBe(1);
    expect(result.batchItemFailures).toHaveLength(1);
  });

  it('reports an unexpected failure for redelivery and lets the next delivery run it', async () => {
    const body = JSON.stringify(makeJob());
    behaviour = 'crash';
    const failed = await worker().jobs(sqsEvent(body), context);
    behaviour = 'ok';
    const retried = await worker().jobs(sqsEvent(body), context);

    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }]);
    expect(retried.batchItemFailures).toEqual([]);
    expect(runs).toBe(2);
    expect(sent).toHaveLength(1);
  });

  it('tells the person about an expected Arize error instead of retrying', async () => {
    behaviour = 'arize-error';
    const result = await worker().jobs(sqsEvent(JSON.stringify(makeJob())), context);

    expect(result.batchItemFailures).toEqual([]);
    expect(sent[0]?.reply).toMatchObject({ kind: 'error', code: 'ARIZE.NOT_FOUND' });
  });

  it('drops an unreadable message instead of retrying it forever', async () => {
    const result = await worker().jobs(sqsEvent('{not json', JSON.stringify({ id: 'x' })), context);

    expect(result.batchItemFailures).toEqual([]);
    expect(runs).toBe(0);
  });

  it('tells the person when their job was dead-lettered', async () => {
    const job = makeJob();
    const result = await worker().deadLetters(sqsEvent(JSON.stringify(job)), context);

    expect(result.batchItemFailures).toEqual([]);
    expect(sent[0]?.target).toMatchObject({ url: job.responseUrl });
    expect(sent[0]?.reply).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('failed after several attempts'),
    });
  });

  it('marks the request of a dead-lettered execute job FAILED and tells the requester', async () => {
    const failed: string[] = [];
    const deadLetters = createDeadLetterHandler({
      runJob: async () => 'done',
      notifier,
      logging,
      invocation: {},
      failApproval: async (requestId) => {
        failed.push(requestId);
        return { kind: 'error', code: 'APPROVAL.FAILED', message: 'Not run: never started.' };
      },
    });
    const job = { ...makeJob(), kind: 'execute-approval', requestId: 'R1' };

    const result = await deadLetters(sqsEvent(JSON.stringify(job)), context);

    expect(result.batchItemFailures).toEqual([]);
    expect(failed).toEqual(['R1']);
    expect(sent[0]?.target).toMatchObject({ url: job.responseUrl, replaceOriginal: false });
    expect(sent[0]?.reply).toMatchObject({ message: 'Not run: never started.' });
  });

  it.each([
    ['a guest', { isGuest: true }],
    ['a bot', { isBot: true }],
    ['a deactivated user', { deleted: true }],
    ['someone from another workspace', { teamId: 'T0OTHER01' }],
  ])('refuses a change requested by %s and runs nothing', async (_label, facts) => {
    people.U0ALICE01 = { ...(people.U0ALICE01 as NonNullable<(typeof people)[string]>), ...facts };
    const job = makeJob({ operationId: 'space.create', args: { name: 'new-space' } });
    await worker().jobs(sqsEvent(JSON.stringify(job)), context);

    expect(runs).toBe(0);
    expect(sent[0]?.reply).toMatchObject({ kind: 'error', code: 'IDENTITY.REFUSED' });
  });

  it('lets the same person read without asking Slack who they are', async () => {
    people = {};
    await worker().jobs(sqsEvent(JSON.stringify(makeJob())), context);

    expect(runs).toBe(1);
  });

  const unapproved = catalogue.flatMap((op) =>
    op.examples.flatMap((example) => {
      const parsed = parseCommand(example, catalogue);
      return parsed.ok && requiresApproval(parsed.command.operation.risk(parsed.command.args))
        ? [[example, parsed.command.operation.id, parsed.command.args] as const]
        : [];
    }),
  );

  it('has privileged, destructive and secret examples to check', () => {
    expect(unapproved.length).toBeGreaterThan(10);
  });

  it.each(unapproved)(
    'never runs "%s" from a plain job, whoever queued it',
    async (_text, operationId, args) => {
      const job = makeJob({ operationId, args });
      await worker().jobs(sqsEvent(JSON.stringify(job)), context);

      expect(runs).toBe(0);
      expect(sent[0]?.reply).toMatchObject({ kind: 'error', code: 'POLICY.NEEDS_APPROVAL' });
    },
  );

  it('takes the Arize e-mail from the policy mapping over the one Slack holds', async () => {
    await worker().jobs(
      sqsEvent(JSON.stringify(makeJob({ operationId: 'whoami', args: {} }))),
      context,
    );

    expect(sent[0]?.reply).toEqual({ kind: 'text', text: 'email: alice.arize@example.com' });
  });

  it("takes Slack's e-mail for someone the policy does not map", async () => {
    people.U0DAVE001 = {
      userId: 'U0DAVE001',
      teamId: 'T0LOCAL01',
      email: 'dave@example.com',
      isBot: false,
      deleted: false,
      isGuest: false,
    };
    const job = makeJob({
      operationId: 'whoami',
      args: {},
      requester: { teamId: 'T0LOCAL01', userId: 'U0DAVE001' },
    });
    await worker().jobs(sqsEvent(JSON.stringify(job)), context);

    expect(sent[0]?.reply).toEqual({ kind: 'text', text: 'email: dave@example.com' });
  });
});
