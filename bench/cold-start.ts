import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalDynamo } from '../src/local/dynalite.ts';
import { signSlackRequest } from '../src/local/slack-standin/sign-slack-request.ts';
import { buildSlashCommandBody } from '../src/local/slack-standin/slack-payloads.ts';
import {
  apiGatewayPost,
  bundleLambda,
  type Invocation,
  invokeInChild,
  slackBundleEnvironment,
  startFakeSqs,
  writeDriver,
} from './bundle-harness.ts';
import { type Figure, percentile } from './figure.ts';

/** Cold starts per bundle; one more run of each is discarded to warm the file cache. */
const runs = 7;
const signingSecret = 'bench-signing-secret';

const entries = {
  slack: 'functions/slack.ts',
  worker: 'functions/worker.ts',
  scheduled: 'functions/scheduled.ts',
  stock: 'bench/fixtures/stock-bolt-hello.ts',
} as const;
type Entry = keyof typeof entries;

type Sample = Invocation<{ statusCode: number; body: string }>;

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
      // The CDK's bundling minus the source map, which a cold start without --enable-source-maps
      // never reads. The stock app is Bolt as shipped: our aliasing of its unused receivers'
      // packages (cdk/bundling) is an optimisation of ours, not part of the baseline.
      bundles[name] = await bundleLambda(entry, join(outdir, name), {
        sourcemap: false,
        ...(name === 'stock' ? { alias: {} } : {}),
      });
    }
    const driverPath = await writeDriver(outdir);

    const env = slackBundleEnvironment(dynamo, sqs, signingSecret);
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
    const run = (bundle: Entry, path: string, raw: string): Promise<Sample> =>
      invokeInChild({
        driverPath,
        bundlePath: bundles[bundle],
        event: apiGatewayPost(path, raw, {
          ...signSlackRequest(signingSecret, raw, Date.now() / 1000),
        }),
        env,
      });
    const runSlack = () => run('slack', '/slack/commands', body('/arize', 'space list'));
    const runStock = () => run('stock', '/slack/events', body('/hello', ''));

    await runSlack();
    await runStock();
    const slack: Sample[] = [];
    const stock: Sample[] = [];
    // Interleaved, so drift in the machine's load falls on both alike.
    for (let i = 0; i < runs; i += 1) {
      slack.push(await runSlack());
      stock.push(await runStock());
    }
    checkAnswers(slack, stock, sqs.bodies().length, runs + 1);

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
      {
        name: 'bundle-scheduled-kib',
        value: kib(sizes.scheduled),
        unit: 'KiB',
        details: bundleDetails,
      },
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
    const { statusCode, body } = sample.result;
    const ack = JSON.parse(body) as { text?: string };
    if (statusCode !== 200 || ack.text !== 'Running /arize space list…') {
      throw new Error(`slack bundle answered ${statusCode} ${body}`);
    }
  }
  for (const sample of stock) {
    const { statusCode, body } = sample.result;
    if (statusCode !== 200 || body !== 'hello') {
      throw new Error(`stock Bolt answered ${statusCode} ${body}`);
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
