import { type LocalStack, startLocalStack } from '../src/local/local-stack.ts';
import { signSlackRequest } from '../src/local/slack-standin/sign-slack-request.ts';
import { buildSlashCommandBody } from '../src/local/slack-standin/slack-payloads.ts';
import { type Figure, percentile } from './figure.ts';

let seq = 0;

async function timeOneAck(stack: LocalStack): Promise<number> {
  const body = buildSlashCommandBody({
    userId: 'U0DAVE001',
    channelId: 'C0GENERAL1',
    text: 'space list',
    responseUrl: `${stack.url}/slack-response/bench-${++seq}`,
    triggerId: `bench.${seq}.${Date.now()}`,
  });
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
  };
  const started = performance.now();
  const response = await fetch(stack.commandsUrl, { method: 'POST', headers, body });
  await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`ack failed: HTTP ${response.status}`);
  return elapsed;
}

async function measure(stack: LocalStack, clients: number, perClient: number): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i += 1) samples.push(await timeOneAck(stack));
    }),
  );
  return samples.sort((a, b) => a - b);
}

/** Ack latency of `space list` on the local stack (the worker runs in the same process). */
export async function benchAckLatency(): Promise<Figure[]> {
  const stack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
  try {
    // Warm up at both concurrencies: the budgets are for warm containers, and the first requests
    // at a new concurrency open connections and load code paths (SDK, Bolt) for the first time.
    await measure(stack, 5, 10);
    await measure(stack, 50, 4);
    // The worker keeps running jobs in the same process meanwhile, as it would locally; its queue
    // is not drained: the Arize rate limit (ARIZE_MAX_RPS) paces it, not the ack path.
    const single = await measure(stack, 1, 300);
    const crowd = await measure(stack, 50, 20);
    const describe = (s: number[]) =>
      `p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms, max ${percentile(s, 100).toFixed(1)} ms, n=${s.length}`;
    return [
      {
        name: 'ack-latency-1-client-p99',
        value: percentile(single, 99),
        unit: 'ms',
        details: describe(single),
      },
      {
        name: 'ack-latency-50-clients-p99',
        value: percentile(crowd, 99),
        unit: 'ms',
        details: describe(crowd),
      },
    ];
  } finally {
    await stack.close();
  }
}
