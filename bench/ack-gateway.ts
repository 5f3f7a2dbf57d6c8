import { type ChildProcess, fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { serveThroughApiGateway, slackRoutes } from '../src/local/api-gateway.ts';
import type { EventLoopDelay, InstanceReply, InstanceRequest } from './ack-instance-protocol.ts';

/** What the gateway saw of one invocation, beside the instance's own step timings. */
export interface InvocationRecord {
  /** Waiting for an instance free to take it (Lambda: none free means a new one starts). */
  waitMs: number;
  /** Gateway → instance → gateway, minus the instance's handler time: the IPC hops. */
  handoffMs: number;
  steps: { wallMs: number; cpuMs: number }[];
  instanceCpuMs: number;
}

interface Instance {
  child: ChildProcess;
  answer?: (reply: InstanceReply) => void;
}

/**
 * API Gateway and Lambda's concurrency model for the ack-latency bench: an HTTP server in this
 * process turns each request into the API Gateway event (src/local/api-gateway.ts) and invokes a
 * free instance of the slack function, each a process of its own (bench/fixtures/
 * slack-ack-instance.ts, bundled) serving one invocation at a time, as a Lambda instance does.
 * The most recently freed instance is reused first (as Lambda prefers a warm one); a request
 * with none free waits for one, FIFO.
 */
export class AckGateway {
  readonly records: InvocationRecord[] = [];
  private readonly instances: Instance[] = [];
  private readonly free: Instance[] = [];
  private readonly waiting: Array<(instance: Instance) => void> = [];
  private server: Server | undefined;
  private nextId = 0;

  /** Forks `size` instances of the bundle at `bundlePath` with `env` and waits until each is up. */
  async start(bundlePath: string, env: Record<string, string>, size: number): Promise<string> {
    await Promise.all(
      Array.from({ length: size }, async () => {
        const child = fork(bundlePath, [], {
          env,
          execArgv: process.env.ACK_INSTANCE_FLAGS ? process.env.ACK_INSTANCE_FLAGS.split(' ') : [],
          // Their log lines (LOG_LEVEL as deployed) are written, as in Lambda, and not kept.
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
          serialization: 'advanced',
        });
        const instance: Instance = { child };
        await new Promise<void>((resolve, reject) => {
          child.once('message', () => resolve());
          child.once('exit', (code) => reject(new Error(`instance exited (${code})`)));
        });
        child.on('message', (reply: InstanceReply) => instance.answer?.(reply));
        this.instances.push(instance);
        this.free.push(instance);
      }),
    );
    this.server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === slackRoutes[0]) {
        serveThroughApiGateway(req, res, (event) => this.invoke(event)).catch(() => {
          if (!res.headersSent) res.writeHead(502).end();
        });
        return;
      }
      res.writeHead(404).end();
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${slackRoutes[0]}`;
  }

  /** Each instance's event-loop delay since the last ask: [p50, p99, max] ms. */
  async eventLoopDelays(): Promise<EventLoopDelay[]> {
    return Promise.all(
      this.instances.map((instance) =>
        this.ask(instance, { kind: 'stats' }).then((reply) =>
          reply.kind === 'stats' ? reply.eventLoopDelayMs : ([0, 0, 0] as EventLoopDelay),
        ),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(
      this.instances.map(
        (instance) =>
          new Promise<void>((resolve) => {
            if (instance.child.exitCode !== null) return resolve();
            instance.child.once('exit', () => resolve());
            instance.child.send({ kind: 'close' } satisfies InstanceRequest);
          }),
      ),
    );
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async invoke(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
    const arrived = performance.now();
    const instance = this.free.pop() ?? (await new Promise<Instance>((r) => this.waiting.push(r)));
    const sent = performance.now();
    this.nextId += 1;
    const reply = await this.ask(instance, { kind: 'invoke', id: this.nextId, event });
    const answered = performance.now();
    const next = this.waiting.shift();
    if (next) next(instance);
    else this.free.push(instance);
    if (reply.kind !== 'result') throw new Error('the instance answered no result');
    const handlerMs = reply.steps.reduce((sum, step) => sum + step.wallMs, 0);
    this.records.push({
      waitMs: sent - arrived,
      handoffMs: answered - sent - handlerMs,
      steps: reply.steps,
      instanceCpuMs: reply.cpuMs,
    });
    return reply.result;
  }

  private ask(instance: Instance, request: InstanceRequest): Promise<InstanceReply> {
    return new Promise((resolve) => {
      instance.answer = resolve;
      instance.child.send(request);
    });
  }
}
