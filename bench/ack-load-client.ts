import { Agent, request as httpRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { signSlackRequest } from '../src/local/slack-standin/sign-slack-request.ts';
import { buildSlashCommandBody } from '../src/local/slack-standin/slack-payloads.ts';

/** What the ack-latency bench asks of this process: one round of signed slash commands. */
export interface LoadRequest {
  commandsUrl: string;
  /** Base of the response URLs: the Slack stand-in of the stack under test. */
  responseBaseUrl: string;
  signingSecret: string;
  clients: number;
  perClient: number;
  /** `fetch`: an ordinary client (undici's global fetch), as an independent tester would use. */
  transport?: 'keep-alive' | 'fetch';
}

/**
 * Round-trip times in ms, in the order they finished, with this process's CPU time and event-loop
 * delay (p99, ms) over the round: a client short of CPU delays its own requests. Or what went wrong.
 */
export type LoadReply =
  | { ok: true; samples: number[]; cpuMs: number; eventLoopDelayP99Ms: number }
  | { ok: false; error: string };

const eventLoopDelay = monitorEventLoopDelay({ resolution: 5 });
eventLoopDelay.enable();

let seq = 0;

/**
 * Keep-alive connections, one per client at most, as Slack holds its own to an app. node:http
 * rather than fetch: undici's fetch spends several times the CPU per request, and a CPU-starved
 * client delays its own requests before they reach the stack (measured: the first wave of 50
 * fetches reached the stack over ~1 s while the stack served each in ~100 ms).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: URL, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One signed `/arize space list`, its full HTTP round trip timed, its answer checked. */
async function timeOneAck(request: LoadRequest): Promise<number> {
  seq += 1;
  const body = buildSlashCommandBody({
    userId: 'U0DAVE001',
    channelId: 'C0GENERAL1',
    text: 'space list',
    responseUrl: `${request.responseBaseUrl}/slack-response/bench-${process.pid}-${seq}`,
    triggerId: `bench.${process.pid}.${seq}.${Date.now()}`,
  });
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    ...signSlackRequest(request.signingSecret, body, Date.now() / 1000),
  };
  const started = performance.now();
  const response =
    request.transport === 'fetch'
      ? await fetch(request.commandsUrl, { method: 'POST', headers, body }).then(async (r) => ({
          status: r.status,
          text: await r.text(),
        }))
      : await post(new URL(request.commandsUrl), headers, body);
  const elapsed = performance.now() - started;
  if (response.status !== 200) {
    throw new Error(`ack failed: HTTP ${response.status} ${response.text}`);
  }
  if (!response.text.includes('Running')) {
    throw new Error(`ack did not accept the command: ${response.text}`);
  }
  return elapsed;
}

/** `clients` closed-loop clients, each sending `perClient` commands one after another. */
async function runLoad(request: LoadRequest): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: request.clients }, async () => {
      for (let i = 0; i < request.perClient; i += 1) samples.push(await timeOneAck(request));
    }),
  );
  return samples;
}

/**
 * Slack's side of the ack-latency bench, forked by bench/ack-latency.ts: the clients run in their
 * own process, as Slack's do, so their HTTP and signing work does not queue on the event loop of
 * the stack they measure. Each IPC message is one round; the reply carries its samples.
 */
process.on('message', (request: LoadRequest) => {
  const cpu = process.cpuUsage();
  eventLoopDelay.reset();
  runLoad(request).then(
    (samples) => {
      const used = process.cpuUsage(cpu);
      process.send?.({
        ok: true,
        samples,
        cpuMs: (used.user + used.system) / 1000,
        eventLoopDelayP99Ms: eventLoopDelay.percentile(99) / 1e6,
      } satisfies LoadReply);
    },
    (error: unknown) =>
      process.send?.({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies LoadReply),
  );
});
