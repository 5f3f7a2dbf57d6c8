import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FaultConfig } from '../../src/local/arize-emulator/index.ts';
import type { LocalStack } from '../../src/local/local-stack.ts';
import type { RecordedMessage } from '../../src/local/slack-standin/slack-standin.ts';
import { captureAllOutput } from '../support/captured-output.ts';
import {
  appliedTwice,
  chaosClient,
  leaks,
  shown,
  stackSecrets,
  startChaosStack,
  stillRunning,
  tableItems,
} from './chaos-stack.ts';

/** Arize misbehaving as it can in production; each profile runs the same mixed workload. */
const profiles: [string, FaultConfig][] = [
  ['a 429 storm', { rateLimit: { capacity: 3, refillPerSecond: 4 } }],
  ['30 % 5xx', { errorRate: 0.3, errorStatus: 503, randomSeed: 11 }],
  ['2 s latency spikes', { jitterMs: 2_000, randomSeed: 5 }],
  ['hung requests', { hangRate: 0.1, randomSeed: 3 }],
];

const lines: string[] = [];
let stack: LocalStack;

beforeAll(async () => {
  captureAllOutput(lines);
  stack = await startChaosStack();
});
afterAll(async () => {
  await stack?.close();
  vi.restoreAllMocks();
});

/** The last message each person got in #general, once none of them says "Running…" any more. */
async function settledReplies(client: ReturnType<typeof chaosClient>, users: string[]) {
  return client.waitFor((all) => {
    const replies = users.map((user) =>
      all.filter((m) => m.channel === 'C0GENERAL1' && m.user === user).at(-1),
    );
    return replies.every((m) => m && !stillRunning(m)) ? (replies as RecordedMessage[]) : undefined;
  }, 45_000);
}

describe.each(profiles)('with %s from Arize', (profile, faults) => {
  const outcome: { replies: RecordedMessage[]; approval?: RecordedMessage } = { replies: [] };

  beforeAll(async () => {
    stack.emulator?.reset();
    stack.slack.reset();
    stack.emulator?.setFaults(faults);
    const client = chaosClient(stack);
    const acks = await Promise.all([
      client.command('space list --org "Acme ML"', 'U0DAVE001'),
      client.command(`space create chaos-${profile.length} --org "Acme ML"`, 'U0ALICE01'),
      client.command(
        'space add-user dave@example.com,erin@example.com --space production,staging ' +
          '--org "Acme ML" --role read-only',
        'U0CAROL01',
      ),
    ]);
    expect(acks.map((ack) => ack.status)).toEqual([200, 200, 200]);
    const request = await client
      .waitFor((all) => all.find((m) => m.channel === 'C0APPROVE1' && !m.ephemeral), 30_000)
      .catch(() => undefined);
    if (request) {
      const click = await client.post(
        stack.interactionsUrl,
        client.clickBody(request, 'approval-approve', 'U0BOB0001'),
      );
      expect(click.status).toBe(200);
      outcome.approval = await client.waitFor((all) => {
        const now = all.find((m) => m.id === request.id);
        return now && /Succeeded|Failed/.test(now.text) ? now : undefined;
      }, 45_000);
    }
    outcome.replies = await settledReplies(client, ['U0DAVE001', 'U0ALICE01', 'U0CAROL01']);
    await stack.runJob('sweep', new Date());
    await stack.runJob('access-report', new Date());
    await stack.settleJobs();
    await stack.queue.drain(30_000);
  }, 120_000);

  it('ends every command with its result or a failure that says why', () => {
    const [list, create, bulk] = outcome.replies.map((m) => shown(m));
    expect(list).toMatch(/Spaces|production|failed|Arize/i);
    expect(create).toMatch(/chaos-|failed|Arize/i);
    expect(bulk).toMatch(/Approval request|failed|Arize/i);
    for (const reply of outcome.replies) expect(stillRunning(reply)).toBe(false);
  });

  it('ends the approval SUCCEEDED, or FAILED with its reason', () => {
    if (!outcome.approval)
      return expect(shown(outcome.replies[2] as RecordedMessage)).toMatch(/fail/i);
    const text = shown(outcome.approval);
    expect(text).toMatch(/✅ Succeeded|❌ Failed/);
    if (text.includes('❌ Failed')) expect(text).toMatch(/Arize|timed out|rate|HTTP|503/i);
  });

  it('leaves no message saying Running… and no job unfinished', () => {
    expect(
      stack.slack
        .messages()
        .filter(stillRunning)
        .map((m) => m.text),
    ).toEqual([]);
    for (const result of stack.jobResults().values()) expect(result.state).toBe('finished');
  });

  it('applies no mutation twice', () => {
    // Latency is not a counted fault; the other profiles must have hit the workload.
    if (faults.jitterMs === undefined) {
      expect(stack.emulator?.faultCounts()).not.toEqual({ 'rate-limited': 0, error: 0, hang: 0 });
    }
    expect(appliedTwice(stack)).toEqual([]);
  });

  it('leaves no secret in a log line, a stored item or a message', async () => {
    const found = leaks(
      {
        log: lines,
        item: await tableItems(stack),
        message: stack.slack.messages().map((m) => JSON.stringify(m)),
      },
      stackSecrets(stack),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });
});
