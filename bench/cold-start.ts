import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { startLocalDynamo } from '../src/local/dynalite.ts';
import { buildSlashCommandBody } from '../src/local/slack-standin/slack-payloads.ts';
import { type Figure, percentile } from './figure.ts';

/** Cold starts per bundle; one more run of each is discarded to warm the file cache. */
const runs = 7;
const signingSecret = 'bench-signing-secret';
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The bundling of cdk/constructs/node-function.ts, minus source maps: ESM for Node 22 with the
 * `require` banner, module-first main fields, minified with names kept, and every dependency
 * bundled, the AWS SDK included (`bundleAwsSDK: true`), for ours and for stock Bolt alike.
 */
const esbuildOptions: BuildOptions = {
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
  sourcemap: false,
  outExtension: { '.js': '.mjs' },
  logLevel: 'error',
};

const entries = {
  slack: 'functions/slack.ts',
  worker: 'functions/worker.ts',
  stock: 'bench/fixtures/stock-bolt-hello.ts',
} as const;
type Entry = keyof typeof entries;

/**
 * Imports a bundle, invokes `handler` once with a signed API Gateway v2 slash command and prints
 * what it measured: `performance.now()` counts from the process's start.
 */
const driver = `
import { createHmac } from 'node:crypto';
const [bundle, body, path] = process.argv.slice(2);
const importStart = performance.now();
const { handler } = await import(bundle);
const imported = performance.now();
const timestamp = String(Math.floor(Date.now() / 1000));
const signature = 'v0=' + createHmac('sha256', process.env.SLACK_SIGNING_SECRET).update('v0:' + timestamp + ':' + body).digest('hex');
const event = {
  version: '2.0', routeKey: 'POST ' + path, rawPath: path, rawQueryString: '',
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp, 'user-agent': 'Slackbot 1.0' },
  requestContext: { accountId: '000000000000', apiId: 'bench', domainName: 'bench.local', domainPrefix: 'bench',
    http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'Slackbot 1.0' },
    requestId: 'bench', routeKey: 'POST ' + path, stage: '$default', time: new Date().toISOString(), timeEpoch: Date.now() },
  body, isBase64Encoded: false,
};
const context = { callbackWaitsForEmptyEventLoop: true, functionName: 'bench', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench', memoryLimitInMB: '512',
  awsRequestId: 'bench-request', logGroupName: '/aws/lambda/bench', logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {} };
const result = await handler(event, context, () => undefined);
const answered = performance.now();
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ importMs: imported - importStart, invokeMs: answered - imported, readyMs: answered, cpuMs: (cpu.user + cpu.system) / 1000, statusCode: result.statusCode, body: result.body }));
process.exit(0);
`;

interface Sample {
  /** Process start to the handler's answer, measured inside the process. */
  readyMs: number;
  importMs: number;
  invokeMs: number;
  /** CPU time of the process (all its threads) up to the answer: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** Spawn to exit, measured by the parent. */
  wallMs: number;
  statusCode: number;
  body: string;
}

/** Answers SQS SendMessage (JSON protocol) as SQS does, counting the messages. */
async function startFakeSqs(): Promise<{
  url: string;
  sent: () => number;
  close(): Promise<void>;
}> {
  let sent = 0;
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
      sent += 1;
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
    sent: () => sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function spawnDriver(
  driverPath: string,
  bundlePath: string,
  body: string,
  path: string,
  env: Record<string, string>,
): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [driverPath, pathToFileURL(bundlePath).href, body, path],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
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
      if (code !== 0) {
        reject(new Error(`driver exited with ${code}: ${err.trim() || out.trim()}`));
        return;
      }
      try {
        resolve({ ...(JSON.parse(out) as Omit<Sample, 'wallMs'>), wallMs });
      } catch {
        reject(new Error(`driver printed no result: ${out.trim()} ${err.trim()}`));
      }
    });
  });
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Cold start of the slack function's bundle against stock Bolt's hello-world, same bundling. */
export async function benchColdStart(): Promise<Figure[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'arize-ops-cold-start-'));
  const dynamo = await startLocalDynamo();
  const sqs = await startFakeSqs();
  try {
    const bundles = {} as Record<Entry, string>;
    for (const [name, entry] of Object.entries(entries) as [Entry, string][]) {
      await build({
        ...esbuildOptions,
        entryPoints: { [name]: join(root, entry) },
        outdir,
        absWorkingDir: root,
      });
      bundles[name] = join(outdir, `${name}.mjs`);
    }
    const driverPath = join(outdir, 'driver.mjs');
    await writeFile(driverPath, driver);

    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_ENDPOINT_URL_SQS: sqs.url,
      DISABLE_PRERELEASE_WARNING: 'true',
      TABLE_NAME: dynamo.tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      JOB_QUEUE_URL: `${sqs.url}/000000000000/arize-ops-jobs`,
      SLACK_TEAM_ID: 'T0LOCAL01',
      SLACK_API_APP_ID: 'A0ARIZEOPS',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      LOG_LEVEL: 'SILENT',
    };
    let seq = 0;
    const body = (command: string, text: string) =>
      buildSlashCommandBody({
        userId: 'U0ALICE01',
        channelId: 'C0GENERAL1',
        command,
        text,
        responseUrl: 'http://127.0.0.1:9/slack-response/bench',
        triggerId: `bench.${process.pid}.${++seq}.${Date.now()}`,
      });
    const runSlack = () =>
      spawnDriver(driverPath, bundles.slack, body('/arize', 'space list'), '/slack/commands', env);
    const runStock = () =>
      spawnDriver(driverPath, bundles.stock, body('/hello', ''), '/slack/events', env);

    await runSlack();
    await runStock();
    const slack: Sample[] = [];
    const stock: Sample[] = [];
    // Interleaved, so drift in the machine's load falls on both alike.
    for (let i = 0; i < runs; i += 1) {
      slack.push(await runSlack());
      stock.push(await runStock());
    }
    checkAnswers(slack, stock, sqs.sent(), runs + 1);

    const sizes = {} as Record<Entry, number>;
    for (const name of Object.keys(entries) as Entry[])
      sizes[name] = (await stat(bundles[name])).size;
    const slackMs = median(slack.map((s) => s.readyMs));
    const stockMs = median(stock.map((s) => s.readyMs));
    const cpuRatio = median(slack.map((s) => s.cpuMs)) / median(stock.map((s) => s.cpuMs));
    const describe = (samples: Sample[]) => {
      const of = (key: keyof Sample) => median(samples.map((s) => s[key] as number)).toFixed(1);
      const fastest = Math.min(...samples.map((s) => s.readyMs)).toFixed(1);
      return `median of ${runs} (min ${fastest}): process start → answer; import ${of('importMs')} ms, first invoke ${of('invokeMs')} ms, CPU ${of('cpuMs')} ms, spawn → exit ${of('wallMs')} ms; node ${process.version}`;
    };
    const bundleDetails = 'esbuild ESM node22, minified, keepNames, AWS SDK bundled, no source map';
    return [
      {
        name: 'cold-start-ratio',
        value: slackMs / stockMs,
        unit: 'x stock Bolt',
        details: `median process start → answer: ${slackMs.toFixed(1)} ms vs ${stockMs.toFixed(1)} ms; CPU time ratio ${cpuRatio.toFixed(2)}`,
      },
      { name: 'cold-start-slack-ms', value: slackMs, unit: 'ms', details: describe(slack) },
      { name: 'cold-start-stock-ms', value: stockMs, unit: 'ms', details: describe(stock) },
      { name: 'bundle-slack-kib', value: kib(sizes.slack), unit: 'KiB', details: bundleDetails },
      { name: 'bundle-worker-kib', value: kib(sizes.worker), unit: 'KiB', details: bundleDetails },
      { name: 'bundle-stock-kib', value: kib(sizes.stock), unit: 'KiB', details: bundleDetails },
    ];
  } finally {
    await sqs.close();
    await dynamo.close();
    await rm(outdir, { recursive: true, force: true });
  }
}

/** A cold start that did not answer as it should measures nothing: fail the bench instead. */
function checkAnswers(slack: Sample[], stock: Sample[], enqueued: number, expected: number): void {
  for (const sample of slack) {
    const ack = JSON.parse(sample.body) as { text?: string };
    if (sample.statusCode !== 200 || ack.text !== 'Running /arize space list…') {
      throw new Error(`slack bundle answered ${sample.statusCode} ${sample.body}`);
    }
  }
  for (const sample of stock) {
    if (sample.statusCode !== 200 || sample.body !== 'hello') {
      throw new Error(`stock Bolt answered ${sample.statusCode} ${sample.body}`);
    }
  }
  if (enqueued !== expected) {
    throw new Error(`the slack bundle enqueued ${enqueued} jobs for ${expected} commands`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchColdStart()
    .then((figures) => {
      for (const figure of figures) {
        process.stdout.write(
          `${figure.name.padEnd(22)} ${figure.value.toFixed(2).padStart(9)} ${figure.unit.padEnd(13)} ${figure.details ?? ''}\n`,
        );
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
