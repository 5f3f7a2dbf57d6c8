import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createScheduledHandler } from '../../functions/scheduled.ts';
import { createSlackHandler } from '../../functions/slack.ts';
import { createWorkerDeps, createWorkerHandler } from '../../functions/worker.ts';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { DynamoAccessReviewStore } from '../../src/adapters/dynamodb/dynamo-access-review-store.ts';
import { DynamoApprovalStore } from '../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoDriftStore } from '../../src/adapters/dynamodb/dynamo-drift-store.ts';
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { fixedPolicySource } from '../../src/adapters/policy/fixed-policy-source.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import { parseConfig, workerConfigSchema } from '../../src/config.ts';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import type { Job } from '../../src/domain/job.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import { parsePolicy } from '../../src/domain/policy/policy.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { buildBlockActionsBody } from '../../src/local/slack-standin/slack-payloads.ts';
import { BOT_TOKEN } from '../local/start-standin.ts';
import {
  type ScheduledFunctionHarness,
  startScheduledFunctionHarness,
} from '../support/scheduled-function-harness.ts';
import { signedEvent } from '../support/signed-events.ts';

const secret = 'review-signing-secret';

/** A message as the stand-in holds it. */
export type Posted = ReturnType<ScheduledFunctionHarness['slack']['standin']['messages']>[number];

/**
 * The scheduled function (running `job`) and the signed slack function on one dynalite, emulator
 * and stand-in.
 */
export async function startReviewHarness(
  env: Record<string, string> = {},
  job: 'access-review' | 'drift' = 'access-review',
) {
  type Continuation = { job: string; scheduledTime: Date; continuation: number };
  const continued: Continuation[] = [];
  const harness = await startScheduledFunctionHarness(env, {
    continueLater: async (next: Continuation) => void continued.push(next),
  });
  const parsed = parsePolicy(policyDocument);
  if (!parsed.ok) throw new Error(parsed.error);
  const clock = { now: () => new Date() };
  const jobs: Job[] = [];
  /** Set `down` to make every enqueue fail, as an unavailable SQS would. */
  const queue = { down: false };
  const reviews = new DynamoAccessReviewStore(harness.table);
  const audit = new DynamoAuditLog(harness.table);
  const slackFunction = createSlackHandler({
    teamId: 'T0LOCAL01',
    appId: 'A0ARIZEOPS',
    slackApiUrl: harness.slack.slackApiUrl,
    secrets: new StaticSecretSource({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: BOT_TOKEN }),
    queue: {
      enqueue: async (job) => {
        if (queue.down) throw new Error('SQS is unavailable');
        jobs.push(job);
      },
    },
    replayGuard: new DynamoReplayGuard(harness.table, clock),
    policies: fixedPolicySource(parsed.value),
    approvals: { store: new DynamoApprovalStore(harness.table, clock), audit },
    reviews,
    drifts: new DynamoDriftStore(harness.table, clock),
    clock,
    logging: createLog({ service: 'test', level: 'SILENT' }),
  });
  let clicks = 0;
  const runJob = (scheduledTime: string, remainingMs = 60_000, continuation = 0) =>
    createScheduledHandler(harness.deps)(
      { job, scheduledTime, continuation },
      localLambdaContext('arize-ops-scheduled', remainingMs),
    );
  /** Clicks the button `actionId` of `message` as `userId`, signed as Slack signs it. */
  const click = async (message: Posted, actionId: string, userId: string, value: string) => {
    clicks += 1;
    const body = buildBlockActionsBody({
      userId,
      channelId: message.channel ?? '',
      message: { ts: message.ts, text: message.text, blocks: message.blocks },
      action: { actionId, blockId: `b${clicks}`, value },
      responseUrl: harness.slack.standin.newResponseUrl(message.channel ?? '', userId),
      triggerId: `trigger.review.${clicks}`,
    });
    const event = signedEvent({
      path: '/slack/interactions',
      body,
      secret,
      timestamp: Math.floor(Date.now() / 1000),
    });
    const result = (await slackFunction(
      event,
      localLambdaContext('arize-ops-slack', 10_000),
    )) as APIGatewayProxyStructuredResultV2;
    if (result.statusCode !== 200) throw new Error(`click answered ${result.statusCode}`);
    const answers = harness.slack.standin
      .messages()
      .filter((m) => m.ephemeral && m.user === userId);
    return answers.at(-1);
  };
  const worker = createWorkerHandler(
    createWorkerDeps(parseConfig(workerConfigSchema, harness.env)),
  );
  /** Runs a job the slack function queued through the real worker, as SQS delivers it. */
  const work = async (job: Job) => {
    const record = {
      messageId: job.id,
      receiptHandle: job.id,
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
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:arize-ops-jobs',
      awsRegion: 'us-east-1',
    };
    const result = await worker(
      { Records: [record] },
      localLambdaContext('arize-ops-worker', 60_000),
    );
    if (result.batchItemFailures.length > 0) throw new Error(`job ${job.kind} failed`);
  };
  /** Runs `/arize TEXT` as `userId` through the worker; the answer as the stand-in holds it. */
  const command = async (text: string, userId: string) => {
    const parsedCommand = parseCommand(text, catalogue);
    if (!parsedCommand.ok) throw new Error(parsedCommand.error.message);
    const responseUrl = harness.slack.standin.newResponseUrl('C0GENERAL1', userId);
    await work({
      id: `command-${++clicks}`,
      kind: 'run-command',
      operationId: parsedCommand.command.operation.id,
      args: parsedCommand.command.args,
      commandText: text,
      public: false,
      requester: { teamId: 'T0LOCAL01', userId },
      channelId: 'C0GENERAL1',
      responseUrl,
      enqueuedAt: new Date().toISOString(),
    });
    return harness.slack.standin
      .messages()
      .filter((m) => m.user === userId)
      .at(-1);
  };
  return { harness, jobs, queue, reviews, audit, runJob, click, work, command, continued };
}

/** The values of the buttons `actionId` in a message's blocks. */
export function buttonValues(message: Posted, actionId: string): string[] {
  return JSON.stringify(message.blocks)
    .split('"action_id":')
    .slice(1)
    .filter((part) => part.startsWith(`"${actionId}"`))
    .map((part) => /"value":"([^"]*)"/.exec(part)?.[1] ?? '');
}

export const textOf = (message: Pick<Posted, 'blocks' | 'text'> | undefined) =>
  JSON.stringify(message?.blocks ?? message?.text ?? '');
