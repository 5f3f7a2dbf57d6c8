import type { APIGatewayProxyStructuredResultV2, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHandler } from '../../functions/slack.ts';
import { createWorkerHandler } from '../../functions/worker.ts';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { PowertoolsMetrics } from '../../src/adapters/metrics/powertools-metrics.ts';
import { fixedPolicySource } from '../../src/adapters/policy/fixed-policy-source.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import type { Job } from '../../src/domain/job.ts';
import { parsePolicy } from '../../src/domain/policy/policy.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { buildSlashCommandBody } from '../../src/local/slack-standin/slack-payloads.ts';
import { captureEmf, describeEmf } from '../support/captured-emf.ts';
import { signedEvent } from '../support/signed-events.ts';

const secret = 'metrics-signing-secret';
const now = new Date('2026-11-22T10:00:00Z');
const logging = createLog({ service: 'test', level: 'SILENT' });
// Identifiers that must never become a dimension (each value would be its own metric).
const forbidden = ['userId', 'requestId', 'jobId', 'teamId', 'channelId', 'messageId'];

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(() => dynamo.close());

const slackHandler = () => {
  const policy = parsePolicy(policyDocument);
  if (!policy.ok) throw new Error(policy.error);
  const table = localTable(dynamo);
  return createSlackHandler({
    teamId: 'T0LOCAL01',
    appId: 'A0ARIZEOPS',
    secrets: new StaticSecretSource({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: 'xoxb-t' }),
    queue: { enqueue: async () => undefined },
    replayGuard: new DynamoReplayGuard(table, { now: () => now }),
    policies: fixedPolicySource(policy.value),
    clock: { now: () => now },
    logging,
    metrics: new PowertoolsMetrics({ namespace: 'ArizeOps', service: 'arize-ops-slack' }),
  });
};

const command = (triggerId: string) =>
  buildSlashCommandBody({
    userId: 'U0ALICE01',
    channelId: 'C0GENERAL1',
    text: 'space list',
    responseUrl: 'http://localhost:9/slack-response/abc',
    triggerId,
  });

const sqsEvent = (jobs: Job[]): SQSEvent => ({
  Records: jobs.map((job, i) => ({
    messageId: `m${i}`,
    receiptHandle: `rh${i}`,
    body: JSON.stringify(job),
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

const job = (id: string): Job => ({
  id,
  kind: 'run-command',
  operationId: 'space.list',
  args: {},
  commandText: 'space list',
  public: false,
  requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
  channelId: 'C0GENERAL1',
  responseUrl: 'http://localhost:9/slack-response/r1',
  enqueuedAt: now.toISOString(),
});

describe('the metrics a real invocation prints', () => {
  it('prints one EMF line per ack with its outcome and latency, and no identifiers', async () => {
    const handle = slackHandler();
    const context = localLambdaContext('arize-ops-slack', 10_000);
    const seconds = now.getTime() / 1000;
    const results: APIGatewayProxyStructuredResultV2[] = [];
    const lines = await captureEmf(async () => {
      for (const [body, signing] of [
        [command('trigger.m1'), secret],
        [command('trigger.m2'), 'not-the-secret'],
      ] as const) {
        const event = signedEvent({ body, secret: signing, timestamp: seconds });
        results.push((await handle(event, context)) as APIGatewayProxyStructuredResultV2);
      }
    });

    expect(results.map((r) => r.statusCode)).toEqual([200, 401]);
    expect(lines.map(describeEmf)).toEqual([
      {
        namespace: 'ArizeOps',
        metrics: ['Acks', 'AckLatency'],
        dimensions: { service: 'arize-ops-slack', outcome: 'ok' },
      },
      {
        namespace: 'ArizeOps',
        metrics: ['Acks', 'AckLatency'],
        dimensions: { service: 'arize-ops-slack', outcome: 'refused' },
      },
    ]);
    for (const line of lines) for (const name of forbidden) expect(line).not.toHaveProperty(name);
  });

  it('flushes a batch once: jobs by kind and outcome with their duration', async () => {
    const outcomes = new Map([
      ['job-ok', 'done'],
      ['job-busy', 'retry'],
    ]);
    const handle = createWorkerHandler({
      runJob: async (j) => {
        const outcome = outcomes.get(j.id);
        if (!outcome) throw new Error('socket hang up');
        return outcome as 'done' | 'retry';
      },
      notifier: { reply: async () => undefined },
      logging,
      invocation: {},
      metrics: new PowertoolsMetrics({ namespace: 'ArizeOps', service: 'arize-ops-worker' }),
    });
    const event = sqsEvent([job('job-ok'), job('job-busy'), job('job-crash'), job('job-ok2')]);
    outcomes.set('job-ok2', 'done');
    const lines = await captureEmf(() =>
      handle(event, localLambdaContext('arize-ops-worker', 60_000)),
    );

    const described = lines.map(describeEmf);
    expect(described.map((d) => d.dimensions)).toEqual([
      { service: 'arize-ops-worker', kind: 'run-command', outcome: 'done' },
      { service: 'arize-ops-worker', kind: 'run-command', outcome: 'retry' },
      { service: 'arize-ops-worker', kind: 'run-command', outcome: 'error' },
    ]);
    expect(described.every((d) => d.metrics.join() === 'Jobs,JobDuration')).toBe(true);
    // Two jobs done in one batch: one line, the count summed by CloudWatch from its values.
    expect(lines[0]?.Jobs).toEqual([1, 1]);
    for (const line of lines) for (const name of forbidden) expect(line).not.toHaveProperty(name);
  });
});
