import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackHandler } from '../../functions/slack.ts';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { DynamoApprovalStore } from '../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoGrantStore } from '../../src/adapters/dynamodb/dynamo-grant-store.ts';
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { fixedPolicySource } from '../../src/adapters/policy/fixed-policy-source.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import type { Job } from '../../src/domain/job.ts';
import { parsePolicy } from '../../src/domain/policy/policy.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { LOCAL_BOT_TOKEN, type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import {
  buildBlockActionsPayload,
  buildSlashCommandBody,
} from '../../src/local/slack-standin/slack-payloads.ts';
import { signedEvent } from '../support/signed-events.ts';

const secret = 'fuzz-signing-secret';
let dynamo: LocalDynamo;
/** Only for its Slack stand-in: the Web API and response URLs the handler answers through. */
let slack: LocalStack;
let jobs: Job[];
let crashes: string[];
let handle: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let seq = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  slack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
  const policy = parsePolicy(policyDocument);
  if (!policy.ok) throw new Error(policy.error);
  const table = localTable(dynamo);
  const clock = { now: () => new Date() };
  const handler = createSlackHandler({
    teamId: 'T0LOCAL01',
    appId: 'A0ARIZEOPS',
    secrets: new StaticSecretSource({
      SLACK_SIGNING_SECRET: secret,
      SLACK_BOT_TOKEN: LOCAL_BOT_TOKEN,
    }),
    queue: { enqueue: async (job) => void jobs.push(job) },
    replayGuard: new DynamoReplayGuard(table, clock),
    approvals: { store: new DynamoApprovalStore(table, clock), audit: new DynamoAuditLog(table) },
    grants: new DynamoGrantStore(table),
    policies: fixedPolicySource(policy.value),
    clock,
    slackApiUrl: `${slack.url}/slack-api/`,
    logging: createLog({
      service: 'fuzz',
      level: 'SILENT',
    }),
  });
  const context = localLambdaContext('arize-ops-slack', 10_000);
  handle = async (event) => {
    try {
      return (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
    } catch (error: unknown) {
      crashes.push(String(error));
      return { statusCode: 599 };
    }
  };
});
afterAll(async () => {
  await dynamo?.close();
  await slack?.close();
});
const responseUrl = () => slack.slack.newResponseUrl('C0GENERAL1', 'U0ALICE01');
beforeEach(() => {
  jobs = [];
  crashes = [];
});

const interactions = '/slack/interactions' as const;
const signed = (body: string, path: '/slack/commands' | typeof interactions = interactions) =>
  signedEvent({ path, body, secret, timestamp: Date.now() / 1000 });

/** A signed event over raw bytes, as API Gateway passes a body it cannot read as text. */
function signedBytes(bytes: Buffer): APIGatewayProxyEventV2 {
  const event = signed('');
  const signature = signSlackRequest(secret, bytes, Date.now() / 1000);
  event.headers['X-Slack-Signature'] = signature['x-slack-signature'];
  event.headers['X-Slack-Request-Timestamp'] = signature['x-slack-request-timestamp'];
  return { ...event, body: bytes.toString('base64'), isBase64Encoded: true };
}

/** An approval click as Slack sends it, for a request id the fuzzer picks. */
const click = (actionId: string, value: string) =>
  buildBlockActionsPayload({
    userId: 'U0BOB0001',
    channelId: 'C0APPROVE1',
    message: { ts: '1700000000.000100', text: 'Approval request', blocks: [] },
    action: { actionId, blockId: 'approval', value },
    responseUrl: slack.slack.newResponseUrl('C0APPROVE1', 'U0BOB0001'),
    triggerId: `fuzz.${++seq}`,
  });

const payloadBody = (payload: unknown) =>
  new URLSearchParams({
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  }).toString();

/** Deletes `key` at a dotted path, or sets it to `value`: a missing field or a wrong type. */
function mangle(payload: Record<string, unknown>, path: string[], value: unknown) {
  const copy = structuredClone(payload);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return copy;
    node = next as Record<string, unknown>;
  }
  const last = path.at(-1) as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const fieldPaths = [
  ['type'],
  ['user'],
  ['user', 'id'],
  ['team', 'id'],
  ['api_app_id'],
  ['actions'],
  ['actions', '0'],
  ['actions', '0', 'action_id'],
  ['actions', '0', 'value'],
  ['container'],
  ['channel', 'id'],
  ['message'],
  ['response_url'],
  ['trigger_id'],
];

/** What every fuzzed request must get: an answer below 500, no crash, no job for the worker. */
async function expectRefusedCalmly(event: APIGatewayProxyEventV2) {
  jobs = [];
  const result = await handle(event);
  expect(crashes).toEqual([]);
  expect(result.statusCode).toBeLessThan(500);
  expect(jobs.map((job) => `${job.kind} from ${event.body?.slice(0, 300)}`)).toEqual([]);
  return result;
}

/** A 4xx, or a 200 whose body is empty (a click, answered in Slack) or a message saying why. */
function expectClearRefusal(result: APIGatewayProxyStructuredResultV2) {
  if (result.statusCode !== undefined && result.statusCode >= 400) return;
  const text = (JSON.parse(result.body || '{}') as { text?: string }).text;
  if (text !== undefined) expect(text).not.toMatch(/^(Running|Preparing) /);
}

const runs = { numRuns: 60 };

describe('fuzzed Slack requests through the signed slack function', () => {
  it('answers any slash-command text with a reply below 500, and enqueues only what it acks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        jobs = [];
        const body = buildSlashCommandBody({
          userId: 'U0ALICE01',
          channelId: 'C0GENERAL1',
          text,
          responseUrl: responseUrl(),
          triggerId: `fuzz.${++seq}`,
        });
        const result = await handle(signed(body, '/slack/commands'));
        expect(crashes).toEqual([]);
        expect(result.statusCode).toBeLessThan(500);
        const ack = (JSON.parse(result.body ?? '{}') as { text?: string }).text ?? '';
        if (jobs.length > 0) expect(ack).toMatch(/^(Running|Preparing) /);
        else if (result.statusCode === 200) expect(ack.length).toBeGreaterThan(0);
      }),
      runs,
    );
  }, 60_000);

  it('refuses malformed JSON in the payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (junk) => {
        fc.pre(!isJson(junk));
        await expectRefusedCalmly(signed(payloadBody(junk)));
      }),
      runs,
    );
  }, 60_000);

  it('refuses any JSON value as the payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await expectRefusedCalmly(signed(payloadBody(value)));
      }),
      runs,
    );
  }, 60_000);

  it('refuses a click with a field missing or of the wrong type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fieldPaths),
        fc.oneof(fc.constant(undefined), fc.jsonValue()),
        fc.constantFrom('approval-approve', 'approval-reject', 'approval-cancel', 'run-command'),
        async (path, value, actionId) => {
          const payload = mangle(click(actionId, 'R0FORGED'), path, value);
          await expectRefusedCalmly(signed(payloadBody(payload)));
        },
      ),
      runs,
    );
  }, 60_000);

  it('refuses unknown action ids and forged request ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom('approval-approve', 'approval-reject', 'approval-cancel', 'reveal-open'),
        ),
        fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^R[0-9A-Z]{1,26}$/)),
        async (actionId, requestId) => {
          await expectRefusedCalmly(signed(payloadBody(click(actionId, requestId))));
        },
      ),
      runs,
    );
  }, 60_000);

  it('refuses bodies that are not UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), async (bytes) => {
        const body = Buffer.concat([Buffer.from('payload='), Buffer.from([0xff, 0xfe]), bytes]);
        await expectRefusedCalmly(signedBytes(body));
      }),
      runs,
    );
  }, 60_000);

  it.each([
    ['1 MB', 1024 * 1024],
    ['10 MB', 10 * 1024 * 1024],
  ])(
    'refuses a %s body on both routes',
    async (_label, size) => {
      const valid = JSON.stringify(click('approval-approve', 'R0FORGED'));
      const huge = payloadBody(`${valid.slice(0, -1)},"pad":"${'x'.repeat(size)}"}`);
      expectClearRefusal(await expectRefusedCalmly(signed(huge)));
      const command = `${buildSlashCommandBody({
        userId: 'U0ALICE01',
        channelId: 'C0GENERAL1',
        text: 'space list',
        responseUrl: responseUrl(),
        triggerId: `fuzz.${++seq}`,
      })}&pad=${'y'.repeat(size)}`;
      expectClearRefusal(await expectRefusedCalmly(signed(command, '/slack/commands')));
    },
    60_000,
  );
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
