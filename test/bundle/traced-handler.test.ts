import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiGatewayPost,
  bundleLambda,
  type FakeSqs,
  invokeInChild,
  lambdaBaseEnvironment,
  slackBundleEnvironment,
  startFakeSqs,
  writeDriver,
} from '../../bench/bundle-harness.ts';
import { type LocalDynamo, startLocalDynamo } from '../../src/local/dynalite.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { buildSlashCommandBody } from '../../src/local/slack-standin/slack-payloads.ts';

const signingSecret = 'traced-signing-secret';
const responseUrl = 'https://hooks.slack.com/commands/T0LOCAL01/1/traced-response-secret';

interface XraySegment {
  name: string;
  namespace?: string;
  aws?: { operation?: string };
  metadata?: Record<string, Record<string, unknown>>;
}

let outdir: string;
let bundle: string;
let driverPath: string;
let dynamo: LocalDynamo;
let sqs: FakeSqs;
let daemon: Socket;
/** Every datagram the X-Ray "daemon" received, as sent. */
const datagrams: string[] = [];

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'arize-ops-traced-'));
  let slackBundle: string;
  [slackBundle, driverPath, dynamo, sqs] = await Promise.all([
    bundleLambda('functions/slack.ts', join(outdir, 'slack')),
    writeDriver(outdir),
    startLocalDynamo(),
    startFakeSqs(),
  ]);
  // The driver exits as soon as the handler answers; Lambda freezes the process instead, and the
  // X-Ray SDK's last datagrams (sent as segments close) leave meanwhile: give them that moment.
  bundle = join(outdir, 'lingering.mjs');
  await writeFile(
    bundle,
    `import { handler as slack } from ${JSON.stringify(pathToFileURL(slackBundle).href)};\n` +
      'export const handler = async (event, context) => {\n' +
      '  const answer = await slack(event, context);\n' +
      '  await new Promise((resolve) => setTimeout(resolve, 200));\n' +
      '  return answer;\n' +
      '};\n',
  );
  daemon = createSocket('udp4');
  daemon.on('message', (message) => datagrams.push(message.toString()));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  daemon?.close();
  await Promise.all([sqs?.close(), dynamo?.close()]);
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

/** The segment documents among the datagrams (each is a JSON header line, then the segment). */
const segments = (): XraySegment[] =>
  datagrams.map((datagram) => JSON.parse(datagram.split('\n')[1] ?? '{}') as XraySegment);

/** A signed /arize space list through the slack bundle, in a Lambda-like environment. */
function invokeSlack(tracing: Record<string, string>) {
  const body = buildSlashCommandBody({
    userId: 'U0ALICE01',
    channelId: 'C0GENERAL1',
    text: 'space list',
    responseUrl,
    triggerId: `traced.${Date.now()}`,
  });
  return invokeInChild<APIGatewayProxyStructuredResultV2>({
    driverPath,
    bundlePath: bundle,
    event: apiGatewayPost('/slack/commands', body, {
      ...signSlackRequest(signingSecret, body, Date.now() / 1000),
    }),
    env: {
      ...slackBundleEnvironment(dynamo, sqs, signingSecret),
      ...lambdaBaseEnvironment,
      ...tracing,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_FUNCTION_NAME: 'arize-ops-slack',
      _HANDLER: 'index.handler',
      LAMBDA_TASK_ROOT: outdir,
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
      _X_AMZN_TRACE_ID:
        'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1',
    },
  });
}

describe('the slack bundle in a Lambda environment', () => {
  it('with TRACING=active sends the handler segment and its DynamoDB and SQS calls to X-Ray, and no request data', async () => {
    datagrams.length = 0;
    const ack = await invokeSlack({ TRACING: 'active' });
    await expect.poll(() => segments().some((s) => s.name === 'SQS')).toBe(true);

    expect(ack.result.statusCode).toBe(200);
    const names = segments().map((segment) => segment.name);
    expect(names).toContain('## index.handler');
    expect(
      segments()
        .filter((s) => s.name === 'DynamoDB')
        .map((s) => s.aws?.operation),
    ).toContain('PutItem');
    expect(segments().find((s) => s.name === 'SQS')?.aws?.operation).toBe('SendMessage');
    // Neither the response (Slack's answer) nor the request's capability URL reaches a trace.
    const sent = datagrams.join('\n');
    expect(sent).not.toContain('traced-response-secret');
    expect(sent).not.toContain('Running /arize space list');
    // The X-Ray SDK complains on stderr when it has no segment to attach to: it has one.
    expect(ack.stderr).not.toMatch(/x-?ray|segment/i);
  });

  it('without TRACING sends nothing and prints nothing about X-Ray', async () => {
    datagrams.length = 0;
    const ack = await invokeSlack({});

    expect(ack.result.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(datagrams).toEqual([]);
    expect(ack.stderr).not.toMatch(/x-?ray|segment/i);
  });
});
