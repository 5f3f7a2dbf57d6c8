import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalDynamo } from '../src/local/dynalite.ts';
import { signSlackRequest } from '../src/local/slack-standin/sign-slack-request.ts';
import { buildSlashCommandBody } from '../src/local/slack-standin/slack-payloads.ts';
import {
  apiGatewayPost,
  bundleLambda,
  invokeInChild,
  slackBundleEnvironment,
  startFakeSqs,
  writeDriver,
} from './bundle-harness.ts';
import { type Figure, percentile } from './figure.ts';
import type { Step } from './fixtures/slack-first-invoke-timed.ts';

const runs = 7;
const signingSecret = 'bench-signing-secret';

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/**
 * Where the slack function's first invoke goes, step by step (bench/fixtures/
 * slack-first-invoke-timed.ts, bundled as the CDK bundles): the medians over cold processes of
 * each step's wall and CPU time. CPU time depends less on the machine's load than the cold-start
 * ratio does. No budgets: this explains the cold-start figure.
 */
export async function benchFirstInvokeBreakdown(): Promise<Figure[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'arize-ops-first-invoke-'));
  const dynamo = await startLocalDynamo();
  const sqs = await startFakeSqs();
  try {
    const bundle = await bundleLambda('bench/fixtures/slack-first-invoke-timed.ts', outdir, {
      sourcemap: false,
    });
    const driverPath = await writeDriver(outdir);
    const env = slackBundleEnvironment(dynamo, sqs, signingSecret);
    const samples: { importMs: number; invokeMs: number; steps: Step[] }[] = [];
    for (let i = 0; i <= runs; i += 1) {
      const raw = buildSlashCommandBody({
        userId: 'U0ALICE01',
        channelId: 'C0GENERAL1',
        command: '/arize',
        text: 'space list',
        responseUrl: 'http://127.0.0.1:9/slack-response/bench',
        triggerId: `bench.${process.pid}.${i}.${Date.now()}`,
      });
      const run = await invokeInChild<{ statusCode: number; body: string; steps: Step[] }>({
        driverPath,
        bundlePath: bundle,
        event: apiGatewayPost('/slack/commands', raw, {
          ...signSlackRequest(signingSecret, raw, Date.now() / 1000),
        }),
        env,
      });
      if (run.result.statusCode !== 200 || !run.result.body.includes('Running')) {
        throw new Error(
          `the timed slack bundle answered ${run.result.statusCode} ${run.result.body}`,
        );
      }
      // The first run warms the file cache, as in the cold-start bench.
      if (i > 0) samples.push({ ...run, steps: run.result.steps });
    }
    const labels = samples[0]?.steps.map(([label]) => label) ?? [];
    const stepFigures = labels.map((label, index): Figure => {
      const wall = median(samples.map((s) => s.steps[index]?.[1] ?? Number.NaN));
      const cpu = median(samples.map((s) => s.steps[index]?.[2] ?? Number.NaN));
      return {
        name: `1st invoke: ${label}`,
        value: cpu,
        unit: 'ms CPU',
        details: `wall ${wall.toFixed(1)} ms`,
      };
    });
    return [
      {
        name: '1st invoke: import',
        value: median(samples.map((s) => s.importMs)),
        unit: 'ms wall',
        details: `median of ${runs} cold processes; node ${process.version}`,
      },
      {
        name: '1st invoke: total',
        value: median(samples.map((s) => s.invokeMs)),
        unit: 'ms wall',
        details: `CPU ${median(samples.map((s) => s.steps.reduce((sum, step) => sum + step[2], 0))).toFixed(1)} ms`,
      },
      ...stepFigures,
    ];
  } finally {
    await sqs.close();
    await dynamo.close();
    await rm(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchFirstInvokeBreakdown()
    .then((figures) => {
      for (const figure of figures) {
        process.stdout.write(
          `${figure.name.padEnd(48)} ${figure.value.toFixed(2).padStart(8)} ${figure.unit.padEnd(8)} ${figure.details ?? ''}\n`,
        );
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
