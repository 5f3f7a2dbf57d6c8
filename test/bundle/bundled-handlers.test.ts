import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import {
  apiGatewayPost,
  bundleLambda,
  type FakeSqs,
  type Invocation,
  invokeInChild,
  lambdaBaseEnvironment,
  startFakeSqs,
  writeDriver,
} from '../../bench/bundle-harness.ts';
import { DynamoApprovalStore } from '../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { systemClock } from '../../src/adapters/system-clock.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import type { RunCommandJob } from '../../src/domain/job.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../src/local/arize-emulator/index.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { REPO_POLICY_FILE } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { buildSlashCommandBody } from '../../src/local/slack-standin/slack-payloads.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from '../local/start-standin.ts';
import { approvalRequest } from '../support/approval-request.ts';
import { lambdaNodePath, optionalSuites, skipNote } from '../support/optional-suites.ts';
import { findNode } from './node-binaries.ts';

const signingSecret = 'bundle-signing-secret';
const functions = {
  slack: 'functions/slack.ts',
  worker: 'functions/worker.ts',
  scheduled: 'functions/scheduled.ts',
} as const;
type FunctionName = keyof typeof functions;

interface NodeUnderTest {
  label: string;
  major: number;
  path: string | undefined;
  missing: string;
}

const nodes: NodeUnderTest[] = [
  {
    label: 'Node 20 (local development)',
    major: 20,
    path: findNode(20),
    missing: 'no Node 20 on this machine (process.execPath, npm_node_execpath, PATH)',
  },
  {
    label: "Node 22 (Lambda's nodejs22.x)",
    major: 22,
    path: existsSync(lambdaNodePath) ? lambdaNodePath : undefined,
    missing: skipNote(optionalSuites.lambdaNode),
  },
];

let outdir: string;
let bundles: Record<FunctionName, string>;
let driverPath: string;
let dynamo: LocalDynamo;
let emulator: ArizeEmulator;
let sqs: FakeSqs;
let slack: RunningStandin;
/** Paths POSTed to the stand-in's response URLs, oldest first. */
const responsePosts: string[] = [];
let seq = 0;

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'arize-ops-bundle-'));
  const [slackBundle, workerBundle, scheduledBundle] = await Promise.all([
    bundleLambda(functions.slack, join(outdir, 'slack')),
    bundleLambda(functions.worker, join(outdir, 'worker')),
    bundleLambda(functions.scheduled, join(outdir, 'scheduled')),
  ]);
  bundles = { slack: slackBundle, worker: workerBundle, scheduled: scheduledBundle };
  driverPath = await writeDriver(outdir);
  [dynamo, emulator, sqs, slack] = await Promise.all([
    startLocalDynamo(),
    startArizeEmulator({ port: 0 }),
    startFakeSqs(),
    startStandin(),
  ]);
  slack.server.on('request', (req: IncomingMessage) => {
    if (req.method === 'POST' && req.url?.startsWith('/slack-response/')) {
      responsePosts.push(req.url);
    }
  });
});

afterAll(async () => {
  await Promise.all([slack?.close(), sqs?.close(), emulator?.close(), dynamo?.close()]);
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

/** The slack function's environment as the stack sets it (src/config.ts), pointed at local fakes. */
const slackEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  ...lambdaBaseEnvironment,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bundle',
  AWS_SECRET_ACCESS_KEY: 'bundle',
  AWS_ENDPOINT_URL_SQS: sqs.url,
  TABLE_NAME: dynamo.tableName,
  DYNAMODB_ENDPOINT: dynamo.endpoint,
  JOB_QUEUE_URL: sqs.queueUrl,
  SLACK_TEAM_ID: 'T0LOCAL01',
  SLACK_API_APP_ID: 'A0ARIZEOPS',
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_API_URL: slack.slackApiUrl,
  POLICY_FILE: REPO_POLICY_FILE,
  LOG_LEVEL: 'SILENT',
});

const workerEnv = (): Record<string, string> => ({
  ...slackEnv(),
  ARIZE_BASE_URL: emulator.url,
  ARIZE_APP_URL: emulator.url,
  ARIZE_API_KEY: DEMO_ADMIN_API_KEY,
  ARIZE_DEVELOPER_KEY: DEMO_ADMIN_API_KEY,
});

const slashCommand = (text: string, responseUrl: string, secret = signingSecret) => {
  const body = buildSlashCommandBody({
    userId: 'U0ALICE01',
    channelId: 'C0GENERAL1',
    text,
    responseUrl,
    triggerId: `bundle.${process.pid}.${++seq}`,
  });
  return apiGatewayPost('/slack/commands', body, {
    ...signSlackRequest(secret, body, Date.now() / 1000),
  });
};

const sqsEvent = (body: string): SQSEvent => ({
  Records: [
    {
      messageId: `bundle-message-${seq}`,
      receiptHandle: `bundle-receipt-${seq}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: '000000000000',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:arize-ops-jobs',
      awsRegion: 'us-east-1',
    },
  ],
});

const approvalStore = () => new DynamoApprovalStore(localTable(dynamo), systemClock);

/** A pending request that expired at 07:00 (the sweep runs as of 07:05). */
const expiredRequest = (id: string, responseUrl: string): ApprovalRequest =>
  approvalRequest({ id, responseUrl });

/** The binary to run, or a skip naming why it is absent; on CI an absent binary fails instead. */
function nodeOrSkip(ctx: TestContext, node: NodeUnderTest): string {
  if (node.path) return node.path;
  if (!process.env.CI) ctx.skip(node.missing);
  throw new Error(`CI must run the bundles under ${node.label}: ${node.missing}`);
}

/** The AWS SDK's notice on Node < 22, the only thing a cold start may print there. */
const sdkNodeNotice =
  /\(node:\d+\) Warning: NodeVersionSupportWarning:[\s\S]*?to show where the warning was created\)\n/g;
const unexpectedStderr = (node: NodeUnderTest, stderr: string) =>
  node.major < 22 ? stderr.replace(sdkNodeNotice, '') : stderr;

const timing = (name: string, run: Invocation<unknown>) =>
  `${name} on ${run.nodeVersion}: import ${run.importMs.toFixed(0)} ms, invoke ${run.invokeMs.toFixed(0)} ms, spawn → exit ${run.wallMs.toFixed(0)} ms`;

type Section = { type: string; text?: { text: string } };

describe.each(nodes.map((node) => [node.label, node] as const))(
  'the bundled handlers under %s',
  (_label, node) => {
    it('acks a signed /arize space list, enqueues one job, and the worker posts the spaces to its response URL', async (ctx) => {
      const bin = nodeOrSkip(ctx, node);
      const responseUrl = slack.standin.newResponseUrl('C0GENERAL1', 'U0ALICE01');
      const jobsBefore = sqs.bodies().length;

      const ack = await invokeInChild<APIGatewayProxyStructuredResultV2>({
        node: bin,
        driverPath,
        bundlePath: bundles.slack,
        event: slashCommand('space list', responseUrl),
        env: slackEnv(),
      });

      expect(ack.nodeVersion).toMatch(new RegExp(`^v${node.major}\\.`));
      expect(ack.result.statusCode).toBe(200);
      expect(JSON.parse(ack.result.body ?? '')).toMatchObject({
        response_type: 'ephemeral',
        text: 'Running /arize space list…',
      });
      const jobs = sqs.bodies().slice(jobsBefore);
      expect(jobs).toHaveLength(1);
      const jobBody = jobs[0] ?? '';
      expect(JSON.parse(jobBody)).toMatchObject({
        kind: 'run-command',
        operationId: 'space.list',
        requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
        channelId: 'C0GENERAL1',
        responseUrl,
      });

      const messagesBefore = slack.standin.messages().length;
      const worked = await invokeInChild<SQSBatchResponse>({
        node: bin,
        driverPath,
        bundlePath: bundles.worker,
        event: sqsEvent(jobBody),
        env: workerEnv(),
      });

      expect(worked.nodeVersion).toMatch(new RegExp(`^v${node.major}\\.`));
      expect(unexpectedStderr(node, ack.stderr + worked.stderr)).toBe('');
      expect(worked.result).toEqual({ batchItemFailures: [] });
      expect(responsePosts).toContain(new URL(responseUrl).pathname);
      const posted = slack.standin.messages().slice(messagesBefore);
      expect(posted).toHaveLength(1);
      const [list] = posted;
      expect(list?.source).toBe('response_url');
      expect(list?.channel).toBe('C0GENERAL1');
      expect(list?.text).toMatch(/^Spaces:/);
      const titles = (list?.blocks as Section[] | undefined)
        ?.filter((block) => block.type === 'section')
        .map((block) => block.text?.text);
      expect(titles).toEqual([
        'Organization: Acme ML',
        'production',
        'staging',
        'fraud-detection',
        'Organization: Research Lab',
        'experiments',
        'production',
      ]);
      console.info(`${timing('slack', ack)}; ${timing('worker', worked)}`);
    });

    it('tells the requester through the response URL that a dead-lettered job failed', async (ctx) => {
      const bin = nodeOrSkip(ctx, node);
      const responseUrl = slack.standin.newResponseUrl('C0GENERAL1', 'U0ALICE01');
      const job: RunCommandJob = {
        id: `bundle-dead-${++seq}`,
        kind: 'run-command',
        operationId: 'space.list',
        args: {},
        commandText: 'space list',
        public: false,
        requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
        channelId: 'C0GENERAL1',
        responseUrl,
        enqueuedAt: new Date().toISOString(),
      };
      const messagesBefore = slack.standin.messages().length;

      const reported = await invokeInChild<SQSBatchResponse>({
        node: bin,
        driverPath,
        bundlePath: bundles.worker,
        exportName: 'deadLetterHandler',
        event: sqsEvent(JSON.stringify(job)),
        // The dead-letter function gets the worker's environment without the Arize keys.
        env: slackEnv(),
      });

      expect(reported.nodeVersion).toMatch(new RegExp(`^v${node.major}\\.`));
      expect(unexpectedStderr(node, reported.stderr)).toBe('');
      expect(reported.result).toEqual({ batchItemFailures: [] });
      expect(responsePosts).toContain(new URL(responseUrl).pathname);
      const posted = slack.standin.messages().slice(messagesBefore);
      expect(posted).toHaveLength(1);
      expect(JSON.stringify(posted[0])).toContain(
        'Sorry, /arize space list failed after several attempts',
      );
    });

    it('sweeps an expired approval request as of its scheduled time and tells the requester', async (ctx) => {
      const bin = nodeOrSkip(ctx, node);
      const responseUrl = slack.standin.newResponseUrl('C0GENERAL1', 'U0ALICE01');
      const request = expiredRequest(`RBUNDLE${++seq}`, responseUrl);
      await approvalStore().create(request);
      const messagesBefore = slack.standin.messages().length;

      const swept = await invokeInChild<{ actions: Record<string, number> }>({
        node: bin,
        driverPath,
        bundlePath: bundles.scheduled,
        event: { job: 'sweep', scheduledTime: '2026-11-22T07:05:00Z' },
        env: workerEnv(),
      });

      expect(swept.nodeVersion).toMatch(new RegExp(`^v${node.major}\\.`));
      expect(unexpectedStderr(node, swept.stderr)).toBe('');
      expect(swept.result).toMatchObject({ actions: { expired: 1 } });
      expect((await approvalStore().get(request.id))?.status).toBe('EXPIRED');
      expect(JSON.stringify(slack.standin.messages().slice(messagesBefore))).toContain(
        `Expired: nobody approved ${request.id}`,
      );
      console.info(timing('scheduled', swept));
    });

    it('refuses a badly signed command with 401 and enqueues nothing', async (ctx) => {
      const bin = nodeOrSkip(ctx, node);
      const responseUrl = slack.standin.newResponseUrl('C0GENERAL1', 'U0ALICE01');
      const jobsBefore = sqs.bodies().length;

      const refused = await invokeInChild<APIGatewayProxyStructuredResultV2>({
        node: bin,
        driverPath,
        bundlePath: bundles.slack,
        event: slashCommand('space list', responseUrl, 'not-the-signing-secret'),
        env: slackEnv(),
      });

      expect(refused.nodeVersion).toMatch(new RegExp(`^v${node.major}\\.`));
      expect(unexpectedStderr(node, refused.stderr)).toBe('');
      expect(refused.result.statusCode).toBe(401);
      expect(sqs.bodies().slice(jobsBefore)).toEqual([]);
    });
  },
);

/** Text only the local stand-ins carry: the emulator's admin routes, dynalite, graphql-js. */
const localOnlyMarkers = ['_emulator/', 'dynalite', 'GraphQLSchema'];
const localOnlySource = /(^|\/)src\/local\/|node_modules\/(dynalite|graphql)\//;

describe('the Lambda bundles', () => {
  it.each(Object.keys(functions) as FunctionName[])(
    'leaves the emulator, dynalite and graphql out of the %s bundle',
    async (name) => {
      const text = await readFile(bundles[name], 'utf8');
      const map = JSON.parse(await readFile(`${bundles[name]}.map`, 'utf8')) as {
        sources: string[];
      };

      expect(localOnlyMarkers.filter((marker) => text.includes(marker))).toEqual([]);
      expect(map.sources.filter((source) => localOnlySource.test(source))).toEqual([]);
      expect(map.sources.some((source) => source.endsWith(functions[name]))).toBe(true);
      const { size } = await stat(bundles[name]);
      console.info(
        `${name} bundle: ${(size / 1024).toFixed(1)} KiB (${map.sources.length} sources)`,
      );
    },
  );

  it('leaves the packages of the receivers a Lambda never constructs out of the slack bundle', async () => {
    const map = JSON.parse(await readFile(`${bundles.slack}.map`, 'utf8')) as {
      sources: string[];
    };
    // semver is not among them: @slack/oauth brought it, and so does the X-Ray SDK of Powertools
    // Tracer (evaluated only when tracing is on); jsonwebtoken still marks @slack/oauth.
    const unusedReceiverSource =
      /node_modules\/(express|@slack\/socket-mode|raw-body|iconv-lite|@slack\/oauth|jsonwebtoken|path-to-regexp)\//;

    expect(map.sources.filter((source) => unusedReceiverSource.test(source))).toEqual([]);
    expect(map.sources.some((source) => /AwsLambdaReceiver\.[jt]s$/.test(source))).toBe(true);
    expect(map.sources.some((source) => source.endsWith('unbundled-receiver.cjs'))).toBe(true);
  });

  it('finds every marker in a bundle of the local stand-ins, so their absence above means something', async () => {
    const [emulatorBundle, dynaliteBundle] = await Promise.all([
      bundleLambda('src/local/arize-emulator/index.ts', join(outdir, 'control-emulator')),
      bundleLambda('src/local/dynalite.ts', join(outdir, 'control-dynalite')),
    ]);
    const text =
      (await readFile(emulatorBundle, 'utf8')) + (await readFile(dynaliteBundle, 'utf8'));

    expect(localOnlyMarkers.filter((marker) => !text.includes(marker))).toEqual([]);
  });
});
