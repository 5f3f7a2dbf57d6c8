import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/ports.ts';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { buildBlockActionsBody } from '../../src/local/slack-standin/slack-payloads.ts';
import { type StandinMessage, shownText, stackClient } from '../support/stack-client.ts';

let stack: LocalStack;
let client: ReturnType<typeof stackClient>;
let offsetMs = 0;
/** The stack's clock: real time plus what the test moved it by (the scheduler's time). */
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
let seq = 0;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: (process.env.E2E_LOG as 'INFO') ?? 'SILENT',
    visibilityTimeoutMs: 5000,
    clock,
    schedulerTickMs: 0,
  });
  client = stackClient(stack);
});
afterAll(async () => stack.close());

/** A signed click on a button of a message, as Slack sends it. */
async function click(message: StandinMessage, actionId: string, userId: string) {
  const value = message.blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value;
  const channel = message.channel ?? 'C0APPROVE1';
  const body = buildBlockActionsBody({
    userId,
    channelId: channel,
    message: { ts: message.ts, text: message.text, blocks: message.blocks },
    action: { actionId, blockId: 'grant', ...(value ? { value } : {}) },
    responseUrl: stack.slack.newResponseUrl(channel, userId),
    triggerId: `grant.${++seq}`,
  });
  const response = await fetch(stack.interactionsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
    },
    body,
  });
  expect(response.status).toBe(200);
}

const approvalMessages = (all: StandinMessage[]) =>
  all.filter((m) => m.channel === 'C0APPROVE1' && m.source === 'chat.postMessage');
const saying = (channel: string, text: string) => (all: StandinMessage[]) =>
  all.find((m) => m.channel === channel && shownText(m).includes(text));

describe('a time-bound grant on the local stack', () => {
  it('starts, warns nobody for a 2-minute grant, and ends at the scheduler tick after its end', async () => {
    const before = approvalMessages(await client.messages()).length;
    await client.command(
      'space add-user dave@example.com --space production --org "Acme ML" --role member --for 2m',
      'U0ALICE01',
    );
    const request = await client.waitFor((all) => approvalMessages(all)[before]);
    expect(shownText(request)).toContain('Access ends 2 minutes after it is applied');
    expect(shownText(request)).toContain('dave@example.com in production: restore read-only');
    await click(request, 'approval-approve', 'U0BOB0001');

    const started = await client.waitFor(saying('D0DAVE001', 'Access started'));
    expect(shownText(started)).toContain('member in space production for dave@example.com');
    expect(started.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id)).toEqual([
      'grant-end-now',
      'grant-extend',
    ]);
    const inThread = await client.waitFor(saying('C0APPROVE1', 'Access started'));
    expect(inThread.id).not.toBe(request.id);
    const mutations = stack.emulator?.mutations().length ?? 0;

    await stack.scheduler.tick();
    expect(stack.emulator?.mutations().length).toBe(mutations);
    offsetMs = 2 * 60_000 + 1_000;
    await stack.scheduler.tick();
    await stack.scheduler.tick();

    const ended = await client.waitFor(saying('D0DAVE001', 'Access ended'));
    expect(shownText(ended)).toContain('ended: the read-only role is restored');
    expect(ended.blocks.flatMap((b) => b.elements ?? []).some((e) => e.action_id)).toBe(false);
    await client.waitFor(saying('C0APPROVE1', 'Access ended'));
    expect(stack.emulator?.mutations().length).toBe(mutations + 1);
    const { responseUrl } = await client.command('grants', 'U0ALICE01');
    const list = await client.waitFor((all) =>
      all.find((m) => shownText(m).includes('No active time-bound grant.')),
    );
    expect(responseUrl).toBeTruthy();
    expect(list.user).toBe('U0ALICE01');
  });

  it('ends a grant at once when its subject clicks End access now, and refuses an outsider', async () => {
    offsetMs = 0;
    const before = approvalMessages(await client.messages()).length;
    await client.command(
      'space add-user carol@example.com --space production --org "Acme ML" --role admin --for 8h',
      'U0ALICE01',
    );
    const request = await client.waitFor((all) => approvalMessages(all)[before]);
    await click(request, 'approval-approve', 'U0BOB0001');
    const started = await client.waitFor(saying('D0CAROL01', 'Access started'));
    const mutations = stack.emulator?.mutations().length ?? 0;

    await click(started, 'grant-end-now', 'U0EVE0001');
    const refused = await client.waitFor((all) =>
      all.find((m) => m.user === 'U0EVE0001' && shownText(m).includes('Refused')),
    );
    expect(shownText(refused)).toContain('Refused');
    await click(started, 'grant-end-now', 'U0CAROL01');

    const ended = await client.waitFor(saying('D0CAROL01', 'Access ended'));
    expect(shownText(ended)).toContain('ended: the member role is restored');
    expect(stack.emulator?.mutations().length).toBe(mutations + 1);
  });
});
