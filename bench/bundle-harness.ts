import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type BuildOptions, build } from 'esbuild';
import { receiverAliases } from '../cdk/bundling/receiver-aliases.ts';

/** The repository root, the working directory the CDK bundles from. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The bundling of cdk/constructs/node-function.ts, as aws-lambda-nodejs passes it to esbuild: ESM for
 * Node 22 with the `require` banner, module-first main fields, minified with names kept, a linked
 * source map without sources content, and every dependency bundled, the AWS SDK included
 * (`bundleAwsSDK: true`, so no externals).
 */
export const lambdaBundling: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: {
    js:
      "import { createRequire as __arizeOpsCreateRequire } from 'node:module'; " +
      'const require = __arizeOpsCreateRequire(import.meta.url);',
  },
  minify: true,
  keepNames: true,
  sourcemap: true,
  sourcesContent: false,
  alias: receiverAliases,
  logLevel: 'error',
};

/** The environment the CDK gives every function on top of its own (node-function.ts). */
export const lambdaBaseEnvironment = {
  NODE_OPTIONS: '--enable-source-maps',
  DISABLE_PRERELEASE_WARNING: 'true',
} as const;

/**
 * The environment of the slack bundle in a cold-start child process: local DynamoDB and the fake
 * SQS, the demo workspace, a signing secret, no logging.
 */
export function slackBundleEnvironment(
  dynamo: { tableName: string; endpoint: string },
  sqs: Pick<FakeSqs, 'url' | 'queueUrl'>,
  signingSecret: string,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_SQS: sqs.url,
    DISABLE_PRERELEASE_WARNING: 'true',
    TABLE_NAME: dynamo.tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    JOB_QUEUE_URL: sqs.queueUrl,
    SLACK_TEAM_ID: 'T0LOCAL01',
    SLACK_API_APP_ID: 'A0ARIZEOPS',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    // The policy as the local stack reads it (AppConfig in AWS).
    POLICY_FILE: fileURLToPath(new URL('../policy/policy.json', import.meta.url)),
    LOG_LEVEL: 'SILENT',
  };
}

/**
 * Bundles `entry` (relative to the repository root) into `<outdir>/index.mjs`, the file name the
 * CDK gives an ESM asset; returns that path.
 */
export async function bundleLambda(
  entry: string,
  outdir: string,
  overrides: BuildOptions = {},
): Promise<string> {
  await mkdir(outdir, { recursive: true });
  const outfile = join(outdir, 'index.mjs');
  await build({
    ...lambdaBundling,
    ...overrides,
    entryPoints: [join(repoRoot, entry)],
    outfile,
    absWorkingDir: repoRoot,
  });
  return outfile;
}

export interface FakeSqs {
  /** The endpoint, for `AWS_ENDPOINT_URL_SQS`. */
  url: string;
  /** A queue URL on this endpoint, for `JOB_QUEUE_URL`. */
  queueUrl: string;
  /** Every SendMessage body received, oldest first. */
  bodies(): string[];
  close(): Promise<void>;
}

/**
 * Answers SQS SendMessage (JSON protocol) as SQS does, recording the message bodies and handing
 * each to `onMessage` (a queue consumer, in the ack-latency bench).
 */
export async function startFakeSqs(onMessage?: (body: string) => void): Promise<FakeSqs> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      if (target !== 'AmazonSQS.SendMessage') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#UnsupportedOperation' }));
        return;
      }
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { MessageBody: string };
      bodies.push(input.MessageBody);
      onMessage?.(input.MessageBody);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          MessageId: randomUUID(),
          MD5OfMessageBody: createHash('md5').update(input.MessageBody, 'utf8').digest('hex'),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    queueUrl: `${url}/000000000000/arize-ops-jobs`,
    bodies: () => [...bodies],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An API Gateway HTTP API (2.0) POST event, as the Slack route receives it. */
export function apiGatewayPost(
  path: string,
  body: string,
  headers: Record<string, string>,
): APIGatewayProxyEventV2 {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Slackbot 1.0',
      ...headers,
    },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bundle',
      domainName: 'bundle.local',
      domainPrefix: 'bundle',
      http: {
        method: 'POST',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'Slackbot 1.0',
      },
      requestId: `bundle-${now}`,
      routeKey: `POST ${path}`,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    body,
    isBase64Encoded: false,
  };
}

/**
 * Imports a bundle, invokes one export once with the event in argv and a Lambda-like context, and
 * prints what happened: `performance.now()` counts from the process's start. It exits at once, as
 * Lambda freezes the process after the answer: keep-alive sockets must not hold it open.
 */
const driverSource = `
const [bundle, exportName, eventJson] = process.argv.slice(2);
const event = JSON.parse(eventJson);
const importStart = performance.now();
const mod = await import(bundle);
const imported = performance.now();
const context = { callbackWaitsForEmptyEventLoop: true, functionName: 'bundle', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bundle', memoryLimitInMB: '512',
  awsRequestId: 'bundle-request', logGroupName: '/aws/lambda/bundle', logStreamName: 'bundle',
  getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {} };
let result;
let error;
try {
  result = await mod[exportName](event, context, () => undefined);
} catch (caught) {
  error = caught instanceof Error ? caught.stack ?? caught.message : String(caught);
}
const answered = performance.now();
const cpu = process.cpuUsage();
const report = JSON.stringify({ nodeVersion: process.version, importMs: imported - importStart,
  invokeMs: answered - imported, readyMs: answered, cpuMs: (cpu.user + cpu.system) / 1000, result, error });
process.stdout.write(report, () => process.exit(error === undefined ? 0 : 1));
`;

/** Writes the driver into `dir`; returns its path. */
export async function writeDriver(dir: string): Promise<string> {
  const path = join(dir, 'driver.mjs');
  await writeFile(path, driverSource);
  return path;
}

export interface Invocation<T> {
  /** `process.version` of the child. */
  nodeVersion: string;
  /** Process start to the handler's answer, measured inside the process. */
  readyMs: number;
  importMs: number;
  invokeMs: number;
  /** CPU time of the process (all its threads) up to the answer. */
  cpuMs: number;
  /** Spawn to exit, measured by the parent. */
  wallMs: number;
  /** What the handler resolved to. */
  result: T;
  /** What the child wrote to stderr (the AWS SDK's and Node's warnings land here). */
  stderr: string;
}

export interface InvokeOptions {
  /** The Node binary; default the current one. */
  node?: string;
  driverPath: string;
  bundlePath: string;
  /** The export to call; default `handler`. */
  exportName?: string;
  event: unknown;
  /** The child's whole environment: nothing of the parent's leaks in. */
  env: Record<string, string>;
}

/** Runs the driver in a fresh process (a cold start) and resolves to what the handler answered. */
export function invokeInChild<T>(options: InvokeOptions): Promise<Invocation<T>> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      options.node ?? process.execPath,
      [
        options.driverPath,
        pathToFileURL(options.bundlePath).href,
        options.exportName ?? 'handler',
        JSON.stringify(options.event),
      ],
      { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let report: Omit<Invocation<T>, 'wallMs' | 'stderr'> & { error?: string };
      try {
        report = JSON.parse(out) as typeof report;
      } catch {
        reject(new Error(`driver exited with ${code} and no report: ${out.trim()} ${err.trim()}`));
        return;
      }
      if (code !== 0 || report.error !== undefined) {
        reject(new Error(`handler threw under ${report.nodeVersion}: ${report.error}\n${err}`));
        return;
      }
      resolve({ ...report, wallMs, stderr: err });
    });
  });
}
