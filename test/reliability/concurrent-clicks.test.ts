/**
 * Slack deliveries at once and again: 50 concurrent Approve clicks, retried clicks and commands.
 * Weakening the approval's version condition leaves this file green: the per-person vote and the
 * status re-read before each write decide these races first (see approval-races.test.ts, which
 * holds both writers on one version and does fail without the condition).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { chaosClient, shown, startChaosStack } from './chaos-stack.ts';

let stack: LocalStack;
let client: ReturnType<typeof chaosClient>;

beforeAll(async () => {
  stack = await startChaosStack();
  client = chaosClient(stack);
});
afterAll(async () => stack?.close());

const mutationsSince = (before: number) => (stack.emulator?.mutations() ?? []).slice(before);

/** Carol asks for `text`; resolves with the approval request message once it is posted. */
async function requestByCarol(text: string, shows: string) {
  await client.command(text, 'U0CAROL01');
  return client.waitFor((all) =>
    all.find((m) => m.channel === 'C0APPROVE1' && !m.ephemeral && shown(m).includes(shows)),
  );
}

const settled = (id: string) =>
  client.waitFor((all) => {
    const message = all.find((m) => m.id === id);
    return message && /Succeeded|Failed/.test(message.text) ? message : undefined;
  });

describe('concurrent and repeated Slack deliveries', () => {
  it.each([
    ['one approver', ['U0BOB0001']],
    ['several approvers', ['U0BOB0001', 'U0ALICE01']],
  ])(
    'applies one mutation for 50 concurrent Approve clicks by %s',
    async (_label, approvers) => {
      const name = approvers.length === 1 ? 'staging' : 'production';
      const request = await requestByCarol(
        `space delete ${name} --org "Acme ML"`,
        `Delete space ${name}`,
      );
      const before = stack.emulator?.mutations().length ?? 0;

      const clicks = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          client.post(
            stack.interactionsUrl,
            client.clickBody(
              request,
              'approval-approve',
              approvers[i % approvers.length] as string,
            ),
          ),
        ),
      );
      const done = await settled(request.id);
      await stack.queue.drain(10_000);

      expect(clicks.filter((c) => c.status !== 200)).toEqual([]);
      expect(done.text).toContain('Succeeded');
      expect(mutationsSince(before).map((m) => `${m.method} ${m.path}`)).toEqual([
        expect.stringMatching(/^DELETE \/v2\/spaces\//),
      ]);
    },
    60_000,
  );

  it('answers a click Slack retries three times once, and applies one mutation', async () => {
    const request = await requestByCarol(
      'space delete experiments --org "Research Lab"',
      'Delete space experiments',
    );
    const before = stack.emulator?.mutations().length ?? 0;
    const body = client.clickBody(request, 'approval-approve', 'U0BOB0001');
    const signature = signSlackRequest(stack.signingSecret, body, Date.now() / 1000);
    const deliveries = await Promise.all(
      [0, 1, 2, 3].map((retry) =>
        fetch(stack.interactionsUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            ...signature,
            ...(retry > 0
              ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' }
              : {}),
          },
          body,
        }).then((response) => response.status),
      ),
    );
    await settled(request.id);
    await stack.queue.drain(10_000);

    expect(deliveries.filter((status) => status === 200)).toHaveLength(1);
    expect(mutationsSince(before)).toHaveLength(1);
  }, 60_000);

  it('runs a slash command Slack retries three times once', async () => {
    const before = stack.emulator?.mutations().length ?? 0;
    const { body } = await client.commandBody('space create retried --org "Acme ML"', 'U0ALICE01');
    const signature = signSlackRequest(stack.signingSecret, body, Date.now() / 1000);
    const deliveries = [];
    for (const retry of [0, 1, 2, 3]) {
      const response = await fetch(stack.commandsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...signature,
          ...(retry > 0 ? { 'x-slack-retry-num': String(retry) } : {}),
        },
        body,
      });
      deliveries.push(response.status);
    }
    await client.waitFor((all) =>
      all.find((m) => m.user === 'U0ALICE01' && m.text.includes('retried')),
    );
    await stack.queue.drain(10_000);

    expect(deliveries).toEqual([200, 401, 401, 401]);
    expect(mutationsSince(before).map((m) => m.method)).toEqual(['POST']);
  }, 60_000);
});
