import { startLocalStack } from '../src/local/local-stack.ts';
import { startFakeSqs } from './bundle-harness.ts';

/** Where the slack function's instances find the services, sent to the bench once they listen. */
export interface ServicesReady {
  kind: 'ready';
  dynamo: { endpoint: string; tableName: string };
  sqs: { url: string; queueUrl: string };
  /** The Slack stand-in, for the commands' response URLs. */
  responseBaseUrl: string;
}

/** This process's CPU time (ms) since the last ask, and the messages SQS accepted meanwhile. */
export interface ServicesUsage {
  kind: 'usage';
  cpuMs: number;
  enqueued: number;
}

/**
 * AWS's side of the ack-latency bench, forked by bench/ack-latency.ts: DynamoDB (dynalite), SQS
 * (an endpoint that hands each message to the local stack's queue), the worker consuming that
 * queue against the Arize emulator, and the Slack stand-in its replies go to. In AWS none of
 * these run on the slack function's instances; here they run in a process of their own, so their
 * work does not queue on the event loop of the ack path being measured.
 */
async function main(): Promise<void> {
  const stack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
  let enqueued = 0;
  const sqs = await startFakeSqs((body) => {
    enqueued += 1;
    void stack.queue.send(body);
  });
  let cpu = process.cpuUsage();
  process.on('message', (message: { kind: 'usage' } | { kind: 'close' }) => {
    if (message.kind === 'usage') {
      const used = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      process.send?.({
        kind: 'usage',
        cpuMs: (used.user + used.system) / 1000,
        enqueued,
      } satisfies ServicesUsage);
      enqueued = 0;
      return;
    }
    void Promise.all([sqs.close(), stack.close()]).finally(() => process.exit(0));
  });
  process.send?.({
    kind: 'ready',
    dynamo: stack.dynamo,
    sqs: { url: sqs.url, queueUrl: sqs.queueUrl },
    responseBaseUrl: stack.url,
  } satisfies ServicesReady);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
