import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackHandler } from '../../functions/slack.ts';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { fixedPolicySource } from '../../src/adapters/policy/fixed-policy-source.ts';
import { SecretsManagerSecretSource } from '../../src/adapters/secrets/secrets-manager-secret-source.ts';
import type { Job } from '../../src/domain/job.ts';
import { parsePolicy } from '../../src/domain/policy/policy.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { buildSlashCommandBody } from '../../src/local/slack-standin/slack-payloads.ts';
import { signedEvent } from '../support/signed-events.ts';

/**
 * A signing-secret rotation through the whole slack function, with the real Secrets Manager source
 * (Powertools, cached 5 minutes) over a mocked Secrets Manager: a container that cached the old
 * value accepts the new one as soon as it is stored, re-reading at most once a minute.
 */
const signingArn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:slack-signing';
const botTokenArn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:slack-bot-token';
const oldSecret = 'old-signing-secret';
const newSecret = 'new-signing-secret';

const secretsManager = mockClient(SecretsManagerClient);
let stored: string;
let now: Date;
let dynamo: LocalDynamo;
let jobs: Job[];
let handle: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let seq = 0;

const signingReads = () =>
  secretsManager
    .commandCalls(GetSecretValueCommand)
    .filter((call) => call.args[0].input.SecretId === signingArn).length;

const signedWith = (secret: string) =>
  signedEvent({
    body: buildSlashCommandBody({
      userId: 'U0ALICE01',
      channelId: 'C0GENERAL1',
      text: 'space list',
      responseUrl: 'http://localhost:9/slack-response/abc',
      triggerId: `trigger.rotation.${++seq}`,
    }),
    secret,
    timestamp: Math.floor(now.getTime() / 1000),
  });

const status = async (secret: string) => (await handle(signedWith(secret))).statusCode;
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo.close();
});

beforeEach(() => {
  now = new Date('2026-12-08T10:00:00Z');
  stored = oldSecret;
  jobs = [];
  secretsManager.reset();
  secretsManager.on(GetSecretValueCommand).callsFake((input: { SecretId?: string }) => ({
    SecretString: input.SecretId === signingArn ? stored : 'xoxb-test',
  }));
  const policy = parsePolicy(policyDocument);
  if (!policy.ok) throw new Error(policy.error);
  const clock = { now: () => now };
  // A new source per test: a fresh container with an empty cache.
  const handler = createSlackHandler({
    teamId: 'T0LOCAL01',
    appId: 'A0ARIZEOPS',
    secrets: new SecretsManagerSecretSource(
      { SLACK_SIGNING_SECRET: signingArn, SLACK_BOT_TOKEN: botTokenArn },
      clock,
    ),
    queue: { enqueue: async (job) => void jobs.push(job) },
    replayGuard: new DynamoReplayGuard(localTable(dynamo), clock),
    policies: fixedPolicySource(policy.value),
    clock,
    logging: createLog({ service: 'test', level: 'SILENT' }),
  });
  const context: Context = localLambdaContext('arize-ops-slack', 10_000);
  handle = async (event) => (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
});
afterEach(() => secretsManager.reset());

const rotated = JSON.stringify({ current: newSecret, previous: oldSecret });

describe('a signing-secret rotation', () => {
  it('is accepted at once by a container that cached the old secret, and the old one still works', async () => {
    expect(await status(oldSecret)).toBe(200);
    expect(signingReads()).toBe(1);

    later(10_000);
    stored = rotated;
    expect(await status(newSecret)).toBe(200);
    expect(await status(oldSecret)).toBe(200);
    expect(await status(newSecret)).toBe(200);

    expect(signingReads()).toBe(2);
    expect(jobs).toHaveLength(4);
  });

  it('re-reads at most once a minute however many forged requests arrive', async () => {
    expect(await status(oldSecret)).toBe(200);

    for (let i = 0; i < 20; i += 1) {
      later(1_000);
      expect(await status('forged-secret')).toBe(401);
    }
    expect(signingReads()).toBe(2);

    later(45_000);
    expect(await status('forged-secret')).toBe(401);
    expect(signingReads()).toBe(3);
    expect(jobs).toHaveLength(1);
  });

  it('accepts the new secret within a minute of it being stored, when a re-read came just before', async () => {
    expect(await status(oldSecret)).toBe(200);

    // Slack signs with the new secret before the operator has stored it: refused, and re-read.
    later(1_000);
    expect(await status(newSecret)).toBe(401);
    expect(signingReads()).toBe(2);

    later(20_000);
    stored = rotated;
    expect(await status(newSecret)).toBe(401);

    later(40_000);
    expect(await status(newSecret)).toBe(200);
    expect(signingReads()).toBe(3);
  });

  it('does not re-read for a stale request, which no secret can make valid', async () => {
    expect(await status(oldSecret)).toBe(200);
    const stale = signedEvent({
      body: 'command=%2Farize&text=space+list&team_id=T0LOCAL01&api_app_id=A0ARIZEOPS',
      secret: newSecret,
      timestamp: Math.floor(now.getTime() / 1000) - 600,
    });

    expect((await handle(stale)).statusCode).toBe(401);
    expect(signingReads()).toBe(1);
  });
});
