import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AckGateway, type InvocationRecord } from './ack-gateway.ts';
import { ackSteps } from './ack-instance-protocol.ts';
import type { LoadReply, LoadRequest } from './ack-load-client.ts';
import type { ServicesReady, ServicesUsage } from './ack-services.ts';
import { bundleLambda, slackBundleEnvironment } from './bundle-harness.ts';
import { type Figure, percentile } from './figure.ts';

const signingSecret = 'bench-signing-secret';
/**
 * Instances of the slack function. Lambda would run one per request in flight, each on a CPU
 * share of its own; this machine has `availableParallelism()` cores, so no more instances than
 * that can run at once, and more only time-slice the same cores, each colder (measured on 2 cores:
 * 50 instances spent 19.5 ms of CPU per ack, 2 spent 5.4). A request finding none free waits in
 * the gateway, printed as its own step: that wait is the machine's shortage of cores.
 * `ACK_INSTANCES=50` runs one per client instead.
 */
const instances = Number(process.env.ACK_INSTANCES ?? availableParallelism());

/** Forked with this one's flags, so tsx loads its TypeScript too. */
const forkTs = (file: string): ChildProcess =>
  fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

function once<T>(child: ChildProcess, send?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (reply: T) => {
      child.off('exit', onExit);
      resolve(reply);
    });
    if (send !== undefined) child.send(send as object);
  });
}

interface Round {
  samples: number[];
  records: InvocationRecord[];
  /** CPU ms per ack of each process: the clients, the gateway, the instances, the services. */
  cpuPerAck: { clients: number; gateway: number; instances: number; services: number };
  clientEventLoopP99Ms: number;
  /** The worst instance's event-loop delay p99 over the round. */
  instanceEventLoopP99Ms: number;
}

/**
 * Ack latency of `space list` as Lambda would serve it: the signed slash commands of 1 or 50
 * closed-loop clients (bench/ack-load-client.ts, a process of its own, as Slack's side is) go
 * through an API Gateway stand-in to warm instances of the bundled slack function, one process
 * each, one invocation at a time (bench/ack-gateway.ts), which put to DynamoDB and send to SQS in
 * a third process with the worker consuming that queue (bench/ack-services.ts). All of them share
 * this machine's cores; each process's CPU per ack is printed beside the figure.
 */
export async function benchAckLatency(): Promise<Figure[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'arize-ops-ack-'));
  const services = forkTs('./ack-services.ts');
  const client = forkTs('./ack-load-client.ts');
  const gateway = new AckGateway();
  try {
    const [ready, bundle] = await Promise.all([
      once<ServicesReady>(services),
      bundleLambda('bench/fixtures/slack-ack-instance.ts', outdir, { sourcemap: false }),
    ]);
    const commandsUrl = await gateway.start(
      bundle,
      // The deployed function's log level: what it logs per request is part of its ack.
      {
        ...slackBundleEnvironment(ready.dynamo, ready.sqs, signingSecret),
        LOG_LEVEL: process.env.ACK_LOG_LEVEL ?? 'INFO',
      },
      instances,
    );
    const measure = async (
      clients: number,
      perClient: number,
      transport: LoadRequest['transport'] = 'keep-alive',
    ): Promise<Round> => {
      gateway.records.length = 0;
      await gateway.eventLoopDelays();
      await once<ServicesUsage>(services, { kind: 'usage' });
      const gatewayCpu = process.cpuUsage();
      const request: LoadRequest = {
        commandsUrl,
        responseBaseUrl: ready.responseBaseUrl,
        signingSecret,
        clients,
        perClient,
        transport,
      };
      const reply = await once<LoadReply>(client, request);
      if (!reply.ok) throw new Error(reply.error);
      const gatewayUsed = process.cpuUsage(gatewayCpu);
      const usage = await once<ServicesUsage>(services, { kind: 'usage' });
      const delays = await gateway.eventLoopDelays();
      const n = reply.samples.length;
      if (usage.enqueued !== n) throw new Error(`${usage.enqueued} jobs enqueued for ${n} acks`);
      const records = [...gateway.records];
      return {
        samples: [...reply.samples].sort((a, b) => a - b),
        records,
        cpuPerAck: {
          clients: reply.cpuMs / n,
          gateway: (gatewayUsed.user + gatewayUsed.system) / 1000 / n,
          instances: records.reduce((sum, r) => sum + r.instanceCpuMs, 0) / n,
          services: usage.cpuMs / n,
        },
        clientEventLoopP99Ms: reply.eventLoopDelayP99Ms,
        instanceEventLoopP99Ms: Math.max(...delays.map(([, p99]) => p99)),
      };
    };
    // Warm-up at both concurrencies: the budgets are for warm instances, and the first requests
    // open connections and load code paths (SDK, Bolt) for the first time in each instance.
    await measure(5, 10);
    await measure(50, 4);
    await measure(50, 4, 'fetch');
    const single = await measure(1, 300);
    const crowd = await measure(50, 20);
    const fetched = await measure(50, 20, 'fetch');
    return [
      latencyFigure('ack-latency-1-client-p99', single),
      latencyFigure('ack-latency-50-clients-p99', crowd),
      latencyFigure('ack-latency-50-clients-fetch-p99', fetched, 'ordinary fetch client: '),
      ...breakdownFigures(crowd, fetched),
    ];
  } finally {
    client.kill();
    await gateway.close();
    services.send({ kind: 'close' });
    await rm(outdir, { recursive: true, force: true });
  }
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => percentile(sorted(values), 50);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const p50p99 = (values: number[]) =>
  `p50 ${ms(percentile(sorted(values), 50))}, p99 ${ms(percentile(sorted(values), 99))}`;

function latencyFigure(name: string, round: Round, prefix = ''): Figure {
  const s = round.samples;
  const cpu = round.cpuPerAck;
  return {
    name,
    value: percentile(s, 99),
    unit: 'ms',
    details:
      `${prefix}p50 ${ms(percentile(s, 50))}, p99 ${ms(percentile(s, 99))}, max ${ms(percentile(s, 100))}, n=${s.length}; ` +
      `CPU/ack: instance ${cpu.instances.toFixed(2)}, clients ${cpu.clients.toFixed(2)}, ` +
      `gateway ${cpu.gateway.toFixed(2)}, DynamoDB+SQS+worker ${cpu.services.toFixed(2)} ms; ` +
      `event-loop delay p99: instances ≤ ${ms(round.instanceEventLoopP99Ms)}, clients ${ms(round.clientEventLoopP99Ms)}`,
  };
}

/**
 * Where the 50-client acks' time goes, step by step: the wall time of each (p50, p99) for both
 * clients, and its CPU time in the instance (p50). No budgets: this explains the figures.
 */
function breakdownFigures(crowd: Round, fetched: Round): Figure[] {
  const gatewayRows: [string, (r: InvocationRecord) => number][] = [
    ['waiting for a free instance', (r) => r.waitMs],
    ['gateway ⇄ instance hand-off', (r) => r.handoffMs],
  ];
  const stepRows = ackSteps.map((step, index): [string, (r: InvocationRecord) => number] => [
    step,
    (r) => r.steps[index]?.wallMs ?? Number.NaN,
  ]);
  return [...gatewayRows, ...stepRows].map(([label, of], row) => {
    const values = crowd.records.map(of);
    const index = row - gatewayRows.length;
    const cpu =
      index >= 0
        ? `; CPU p50 ${ms(median(crowd.records.map((r) => r.steps[index]?.cpuMs ?? Number.NaN)))}`
        : '';
    return {
      name: `ack 50 clients: ${label}`,
      value: median(values),
      unit: 'ms p50',
      details: `keep-alive ${p50p99(values)}; fetch ${p50p99(fetched.records.map(of))}${cpu}`,
    };
  });
}
