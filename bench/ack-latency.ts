import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type LocalStack, startLocalStack } from '../src/local/local-stack.ts';
import type { LoadReply, LoadRequest } from './ack-load-client.ts';
import { type Figure, percentile } from './figure.ts';

const loadClientPath = fileURLToPath(new URL('./ack-load-client.ts', import.meta.url));

/** The clients' process: forked with this one's flags, so tsx loads its TypeScript too. */
function startLoadClient(): ChildProcess {
  return fork(loadClientPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function measure(
  client: ChildProcess,
  stack: LocalStack,
  clients: number,
  perClient: number,
  transport: LoadRequest['transport'] = 'keep-alive',
): Promise<number[]> {
  const request: LoadRequest = {
    commandsUrl: stack.commandsUrl,
    responseBaseUrl: stack.url,
    signingSecret: stack.signingSecret,
    clients,
    perClient,
    transport,
  };
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`load client exited (${code})`));
    client.once('exit', onExit);
    client.once('message', (reply: LoadReply) => {
      client.off('exit', onExit);
      if (reply.ok) resolve([...reply.samples].sort((a, b) => a - b));
      else reject(new Error(reply.error));
    });
    client.send(request);
  });
}

/** CPU time of this process (the stack: API Gateway stand-in, handler, dynalite, queue, worker). */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/**
 * Ack latency of `space list` on the local stack: the full HTTP round trip of signed slash
 * commands through the real handler, replay check and enqueue, while the worker runs jobs in the
 * same process. Slack's side, the clients, runs in a process of its own (bench/ack-load-client.ts).
 */
export async function benchAckLatency(): Promise<Figure[]> {
  const stack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
  const client = startLoadClient();
  try {
    // Warm up at both concurrencies: the budgets are for warm containers, and the first requests
    // at a new concurrency open connections and load code paths (SDK, Bolt) for the first time.
    await measure(client, stack, 5, 10);
    await measure(client, stack, 50, 4);
    // The worker keeps running jobs in the same process meanwhile, as it would locally; its queue
    // is not drained: the Arize rate limit (ARIZE_MAX_RPS) paces it, not the ack path.
    const singleCpu = process.cpuUsage();
    const single = await measure(client, stack, 1, 300);
    const singleCpuMs = cpuMs(singleCpu);
    const crowdCpu = process.cpuUsage();
    const crowd = await measure(client, stack, 50, 20);
    const crowdCpuMs = cpuMs(crowdCpu);
    await measure(client, stack, 50, 4, 'fetch');
    const fetchCpu = process.cpuUsage();
    const fetched = await measure(client, stack, 50, 20, 'fetch');
    const fetchCpuMs = cpuMs(fetchCpu);
    // The stack's CPU per ack (the worker's jobs included) does not depend on the machine's load
    // as the latencies do: with n clients waiting on one event loop, p50 ≈ n × this.
    const describe = (s: number[], cpu: number) =>
      `p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms, max ${percentile(s, 100).toFixed(1)} ms, n=${s.length}; stack CPU ${(cpu / s.length).toFixed(2)} ms/ack, the worker's jobs meanwhile included`;
    return [
      {
        name: 'ack-latency-1-client-p99',
        value: percentile(single, 99),
        unit: 'ms',
        details: describe(single, singleCpuMs),
      },
      {
        name: 'ack-latency-50-clients-p99',
        value: percentile(crowd, 99),
        unit: 'ms',
        details: describe(crowd, crowdCpuMs),
      },
      {
        name: 'ack-latency-50-clients-fetch-p99',
        value: percentile(fetched, 99),
        unit: 'ms',
        details: `ordinary fetch client: ${describe(fetched, fetchCpuMs)}`,
      },
    ];
  } finally {
    client.kill();
    await stack.close();
  }
}
