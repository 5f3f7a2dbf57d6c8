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
}

/** Round-trip times in ms, in the order they finished, or what went wrong. */
export type LoadReply = { ok: true; samples: number[] } | { ok: false; error: string };

let seq = 0;

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
  const response = await fetch(request.commandsUrl, { method: 'POST', headers, body });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`ack failed: HTTP ${response.status} ${text}`);
  if (!text.includes('Running')) throw new Error(`ack did not accept the command: ${text}`);
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
  runLoad(request).then(
    (samples) => process.send?.({ ok: true, samples } satisfies LoadReply),
    (error: unknown) =>
      process.send?.({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies LoadReply),
  );
});
