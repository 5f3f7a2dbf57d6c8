import { parseCommand } from '../src/domain/grammar/parse-command.ts';
import { catalogue } from '../src/domain/operations/catalogue.ts';
import type { LocalStack } from '../src/local/local-stack.ts';
import { startLocalStack } from '../src/local/local-stack.ts';
import { chaosClient, stillRunning } from '../test/reliability/chaos-stack.ts';
import { type Figure, percentile } from './figure.ts';

/** Every Arize request answers after this long: a realistic round trip to api.arize.com. */
const arizeLatencyMs = 50;
const runs = 10;

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Resolves once `find` is true of the stand-in's messages, polled every millisecond. */
async function until(find: () => boolean, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  while (!find()) {
    if (performance.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return performance.now();
}

async function withStack<T>(run: (stack: LocalStack) => Promise<T>): Promise<T> {
  const stack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
  try {
    return await run(stack);
  } finally {
    await stack.close();
  }
}

/** `/arize space list` → the final reply in Slack, beside its ack, with Arize at 50 ms. */
async function spaceListReply(stack: LocalStack) {
  const client = chaosClient(stack);
  const acks: number[] = [];
  const replies: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    stack.slack.reset();
    stack.emulator?.setFaults({ latencyMs: arizeLatencyMs });
    // Back to back, 2 calls per ~130 ms run over the gateway's 10 req/s: the figure would
    // measure the rate limiter. One person's commands come seconds apart.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    const ack = client.command('space list --org "Acme ML"', 'U0ALICE01');
    const acked = await ack.then(() => performance.now());
    const replied = await until(() =>
      stack.slack.messages().some((m) => m.user === 'U0ALICE01' && !stillRunning(m)),
    );
    if (i === 0) continue; // the first run warms the handlers up
    acks.push(acked - started);
    replies.push(replied - started);
  }
  return { ack: median(acks), reply: median(replies) };
}

/** Bob's Approve click → the space deleted in Arize → the request message redrawn Succeeded. */
async function approvalRedraw(stack: LocalStack) {
  const client = chaosClient(stack);
  const mutated: number[] = [];
  const redrawn: number[] = [];
  for (let i = 0; i < runs; i++) {
    stack.emulator?.reset();
    stack.slack.reset();
    stack.emulator?.setFaults({ latencyMs: arizeLatencyMs });
    await client.command('space delete staging --org "Acme ML"', 'U0CAROL01');
    const request = await client.waitFor((all) =>
      all.find((m) => m.channel === 'C0APPROVE1' && !m.ephemeral),
    );
    const started = performance.now();
    await client.post(
      stack.interactionsUrl,
      client.clickBody(request, 'approval-approve', 'U0BOB0001'),
    );
    const applied = await until(() => (stack.emulator?.mutations().length ?? 0) > 0);
    const done = await until(() =>
      stack.slack.messages().some((m) => m.id === request.id && m.text.includes('Succeeded')),
    );
    mutated.push(applied - started);
    redrawn.push(done - started);
  }
  return { mutated: median(mutated), redrawn: median(redrawn) };
}

/** The two end-to-end figures of the local stack, Arize answering every request after 50 ms. */
export async function benchEndToEnd(): Promise<Figure[]> {
  return withStack(async (stack) => {
    const list = await spaceListReply(stack);
    const approval = await approvalRedraw(stack);
    return [
      {
        name: 'space-list-reply-after-ack',
        value: list.reply - list.ack,
        unit: 'ms',
        details: `median of ${runs}: ack ${list.ack.toFixed(1)} ms, final reply ${list.reply.toFixed(1)} ms after the command; Arize at ${arizeLatencyMs} ms`,
      },
      {
        name: 'approval-click-to-redrawn',
        value: approval.redrawn,
        unit: 'ms',
        details: `median of ${runs}: mutation applied ${approval.mutated.toFixed(1)} ms after the click; Arize at ${arizeLatencyMs} ms`,
      },
    ];
  });
}

/** Typical commands, as people type them: reads, writes, approvals, bulk, quoting. */
const typedCommands = [
  'space list',
  'space list --org "Acme ML"',
  'space create churn --org "Acme ML" --description "churn models"',
  'space add-user bob@example.com,carol@example.com --space production,staging --role read-only',
  'space delete staging --reason cleanup',
  'user invite dave@example.com --org "Acme ML" --role member',
  'key create ci-pipeline --space production',
  'space lsit',
];

/** Commands parsed per second on one core (the ack path parses every command it receives). */
export async function benchParserThroughput(): Promise<Figure[]> {
  const count = 200_000;
  for (let i = 0; i < 5_000; i++)
    parseCommand(typedCommands[i % typedCommands.length] as string, catalogue);
  const started = performance.now();
  for (let i = 0; i < count; i++)
    parseCommand(typedCommands[i % typedCommands.length] as string, catalogue);
  const seconds = (performance.now() - started) / 1000;
  return [
    {
      name: 'parser-throughput',
      value: Math.round(count / seconds),
      unit: 'commands/s',
      details: `${count} parses of ${typedCommands.length} typical commands (one a typo), one core`,
    },
  ];
}

/** Runs `bench` while sampling this process's resident memory every 10 ms; adds the peak. */
export async function withPeakMemory(
  name: string,
  bench: () => Promise<Figure[]>,
): Promise<Figure[]> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const figures = await bench();
    peak = Math.max(peak, process.memoryUsage().rss);
    return [
      ...figures,
      {
        name,
        value: Math.round(peak / 1024 / 1024),
        unit: 'MB',
        details:
          'peak RSS of the bench process: worker, emulator, dynalite and queue together (an upper bound of the worker)',
      },
    ];
  } finally {
    clearInterval(sampler);
  }
}
