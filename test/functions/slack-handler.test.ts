import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackHandler } from '../../functions/slack.ts';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { fixedPolicySource } from '../../src/adapters/policy/fixed-policy-source.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import { jobIdFor } from '../../src/app/accept-command.ts';
import type { Job } from '../../src/domain/job.ts';
import { parsePolicy } from '../../src/domain/policy/policy.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import {
  buildBlockActionsBody,
  buildSlashCommandBody,
} from '../../src/local/slack-standin/slack-payloads.ts';
import { signedEvent } from '../support/signed-events.ts';

const secret = 'current-signing-secret';
const previousSecret = 'previous-signing-secret';
const now = new Date('2026-11-22T10:00:00Z');
const nowSeconds = now.getTime() / 1000;
const responseUrl = 'http://localhost:9/slack-response/abc';

let dynamo: LocalDynamo;
let jobs: Job[];
let handle: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let triggerSeq = 0;

const command = (
  text: string,
  overrides: Partial<Parameters<typeof buildSlashCommandBody>[0]> = {},
) =>
  buildSlashCommandBody({
    userId: 'U0ALICE01',
    channelId: 'C0GENERAL1',
    text,
    responseUrl,
    triggerId: `trigger.${++triggerSeq}`,
    ...overrides,
  });

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});

beforeEach(() => {
  jobs = [];
  const policy = parsePolicy(policyDocument);
  if (!policy.ok) throw new Error(policy.error);
  const clock = { now: () => now };
  const handler = createSlackHandler({
    teamId: 'T0LOCAL01',
    appId: 'A0ARIZEOPS',
    previousSigningSecret: previousSecret,
    secrets: new StaticSecretSource({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: 'xoxb-test' }),
    queue: { enqueue: async (job) => void jobs.push(job) },
    replayGuard: new DynamoReplayGuard(localTable(dynamo), clock),
    policies: fixedPolicySource(policy.value),
    clock,
    logging: createLog({ service: 'test', level: 'SILENT' }),
  });
  const context: Context = localLambdaContext('arize-ops-slack', 10_000);
  handle = async (event) => (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
});

const ackText = (result: APIGatewayProxyStructuredResultV2) =>
  (JSON.parse(result.body ?? '{}') as { text?: string }).text ?? '';

describe('the slack function', () => {
  it('acks a signed slash command at once and enqueues one job for the worker', async () => {
    const body = command('space list');
    const result = await handle(signedEvent({ body, secret, timestamp: nowSeconds }));

    expect(result.statusCode).toBe(200);
    expect(ackText(result)).toBe('Running /arize space list…');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      operationId: 'space.list',
      requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
      channelId: 'C0GENERAL1',
      responseUrl,
      id: jobIdFor({
        requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
        triggerId: `trigger.${triggerSeq}`,
      }),
    });
  });

  it.each([
    ['a wrong signature', { secret: 'not-the-secret', timestamp: nowSeconds }],
    ['a stale timestamp (301 s old)', { secret, timestamp: nowSeconds - 301 }],
    ['a future timestamp (301 s ahead)', { secret, timestamp: nowSeconds + 301 }],
  ])('refuses %s with 401 and runs nothing', async (_label, signing) => {
    const result = await handle(signedEvent({ body: command('space list'), ...signing }));

    expect(result.statusCode).toBe(401);
    expect(jobs).toHaveLength(0);
  });

  it('accepts timestamps just inside the window in both directions', async () => {
    const early = await handle(
      signedEvent({ body: command('space list'), secret, timestamp: nowSeconds - 300 }),
    );
    const late = await handle(
      signedEvent({ body: command('space list'), secret, timestamp: nowSeconds + 300 }),
    );

    expect([early.statusCode, late.statusCode]).toEqual([200, 200]);
    expect(jobs).toHaveLength(2);
  });

  it('refuses a request with no signature headers', async () => {
    const event = signedEvent({ body: command('space list'), secret, timestamp: nowSeconds });
    event.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };

    expect((await handle(event)).statusCode).toBe(401);
    expect(jobs).toHaveLength(0);
  });

  it('verifies a base64 body with non-ASCII text over its bytes', async () => {
    const body = command('space list --name "café — 東京"');
    const result = await handle(signedEvent({ body, secret, timestamp: nowSeconds, base64: true }));

    expect(result.statusCode).toBe(200);
    expect(jobs[0]?.args).toEqual({ name: 'café — 東京' });
  });

  it('accepts the previous signing secret during a rotation', async () => {
    const result = await handle(
      signedEvent({ body: command('space list'), secret: previousSecret, timestamp: nowSeconds }),
    );

    expect(result.statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
  });

  it('refuses a replay of the exact same request', async () => {
    const event = signedEvent({ body: command('space list'), secret, timestamp: nowSeconds });
    const first = await handle(event);
    const replay = await handle(
      signedEvent({ body: event.body as string, secret, timestamp: nowSeconds }),
    );

    expect([first.statusCode, replay.statusCode]).toEqual([200, 401]);
    expect(jobs).toHaveLength(1);
  });

  it.each([
    ['another workspace', { teamId: 'T0OTHER01' }],
    ['another app', { apiAppId: 'A0SOMEONE' }],
  ])('refuses a correctly signed command from %s and runs nothing', async (_label, overrides) => {
    const result = await handle(
      signedEvent({ body: command('space list', overrides), secret, timestamp: nowSeconds }),
    );

    expect(result.statusCode).toBe(200);
    expect(ackText(result)).toContain('serves one Slack workspace only');
    expect(jobs).toHaveLength(0);
  });

  it('answers a usage error in the ack without enqueueing anything', async () => {
    const result = await handle(
      signedEvent({ body: command('space lsit'), secret, timestamp: nowSeconds }),
    );

    expect(result.statusCode).toBe(200);
    expect(ackText(result)).toContain('Did you mean `space list`');
    expect(jobs).toHaveLength(0);
  });

  it('refuses a person the policy does not allow, and enqueues nothing', async () => {
    const result = await handle(
      signedEvent({
        body: command('space list', { userId: 'U0EVE0001' }),
        secret,
        timestamp: nowSeconds,
      }),
    );

    expect(ackText(result)).toContain('not allowed');
    expect(jobs).toHaveLength(0);
  });

  it('enqueues a self-service request from someone who may not request privilege changes', async () => {
    const body = command('request space staging --org "Acme ML" --role member --for 4h', {
      userId: 'U0DAVE001',
    });
    const result = await handle(signedEvent({ body, secret, timestamp: nowSeconds }));

    expect(result.statusCode).toBe(200);
    expect(ackText(result)).toContain(
      'Preparing an approval request for /arize request space staging',
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      kind: 'prepare-approval',
      operationId: 'request.space',
      args: { space: 'staging', org: 'Acme ML', role: 'MEMBER', for: 14_400 },
      requester: { teamId: 'T0LOCAL01', userId: 'U0DAVE001' },
    });
  });

  it('runs the command carried by a "More" button click', async () => {
    const body = buildBlockActionsBody({
      userId: 'U0DAVE001',
      channelId: 'C0GENERAL1',
      message: { ts: '1.000', text: 'Spaces', blocks: [] },
      action: { actionId: 'run-command', blockId: 'more', value: 'space list --cursor abc' },
      responseUrl,
      triggerId: 'trigger.more',
    });
    const result = await handle(
      signedEvent({ path: '/slack/interactions', body, secret, timestamp: nowSeconds }),
    );

    expect(result.statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      operationId: 'space.list',
      args: { cursor: 'abc' },
      requester: { userId: 'U0DAVE001' },
    });
  });
});
