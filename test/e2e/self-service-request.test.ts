import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/ports.ts';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { buildBlockActionsBody } from '../../src/local/slack-standin/slack-payloads.ts';
import { type StandinMessage, shownText, stackClient } from '../support/stack-client.ts';

let stack: LocalStack;
let client: ReturnType<typeof stackClient>;
let offsetMs = 0;
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
    action: { actionId, blockId: 'b', ...(value ? { value } : {}) },
    responseUrl: stack.slack.newResponseUrl(channel, userId),
    triggerId: `self.${++seq}`,
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
const toUser = (userId: string, text: string) => (all: StandinMessage[]) =>
  all.find((m) => m.user === userId && shownText(m).includes(text));

describe('self-service on the local stack (signed Slack payloads through the whole chain)', () => {
  it('Dave asks for staging; Bob (no staging admin) and Dave are refused; Carol, its admin, approves; access starts and ends', async () => {
    const before = approvalMessages(await client.messages()).length;
    const { ack } = await client.command(
      'request space staging --org "Acme ML" --role member --for 2m --reason "check a model"',
      'U0DAVE001',
    );
    expect(ack.text).toContain('Preparing an approval request');
    const request = await client.waitFor((all) => approvalMessages(all)[before]);
    expect(shownText(request)).toContain('Give dave@example.com (who asks for it) the member role');
    expect(shownText(request)).toContain('arize:space-admins');

    await click(request, 'approval-approve', 'U0BOB0001');
    const bob = await client.waitFor(toUser('U0BOB0001', 'Refused'));
    expect(shownText(bob)).toContain('not an approver');
    await click(request, 'approval-approve', 'U0DAVE001');
    const dave = await client.waitFor(toUser('U0DAVE001', 'Refused'));
    expect(shownText(dave)).toContain('you asked for this change');

    await click(request, 'approval-approve', 'U0CAROL01');
    const started = await client.waitFor(saying('D0DAVE001', 'Access started'));
    expect(shownText(started)).toContain('member in space staging for dave@example.com');

    offsetMs = 2 * 60_000 + 1_000;
    await stack.scheduler.tick();
    await stack.scheduler.tick();
    const ended = await client.waitFor(saying('D0DAVE001', 'Access ended'));
    expect(shownText(ended)).toContain('removed');
    offsetMs = 0;
  });

  it('refuses a role the rule does not allow, naming the allowed ones; whoami says what Dave may ask for', async () => {
    await client.command(
      'request space staging --org "Acme ML" --role admin --for 1h',
      'U0DAVE001',
    );
    const refused = await client.waitFor(toUser('U0DAVE001', 'You may not ask for the admin role'));
    expect(shownText(refused)).toContain('ask for read-only or member');

    await client.command('whoami', 'U0DAVE001');
    const whoami = await client.waitFor(toUser('U0DAVE001', 'may ask for access'));
    expect(shownText(whoami)).toContain('acme-ml: any space in Acme ML');
    expect(shownText(whoami)).toContain('which is, in Arize now');
  });

  it('Extend under the grant news files a second request; its approval moves the end', async () => {
    const before = approvalMessages(await client.messages()).length;
    await client.command(
      'request space production --org "Acme ML" --role member --for 1h',
      'U0DAVE001',
    );
    const first = await client.waitFor((all) => approvalMessages(all)[before]);
    await click(first, 'approval-approve', 'U0BOB0001');
    const started = await client.waitFor(saying('D0DAVE001', 'member in space production'));

    await click(started, 'grant-extend', 'U0DAVE001');
    const ack = await client.waitFor(toUser('U0DAVE001', 'Asking to extend'));
    expect(shownText(ack)).toContain('an approval request is being prepared');
    const second = await client.waitFor((all) =>
      approvalMessages(all).find((m) =>
        shownText(m).includes("Extend dave@example.com's member access to space production"),
      ),
    );
    expect(shownText(second)).toContain('under self-service rule acme-ml');
    await click(second, 'approval-approve', 'U0DAVE001');
    await client.waitFor(toUser('U0DAVE001', 'you asked for this change'));
    await click(second, 'approval-approve', 'U0BOB0001');

    const extended = await client.waitFor((all) =>
      all.find((m) => shownText(m).includes('Access extended: member in space production')),
    );
    expect(shownText(extended)).toContain('Succeeded (1 of 1 approvals)');
    const newEnd = /it ends at (\S+ \d\d:\d\d) UTC instead/.exec(shownText(second))?.[1];
    expect(newEnd).toBeDefined();
    await client.command('grants --mine', 'U0DAVE001');
    const list = await client.waitFor(toUser('U0DAVE001', 'Active time-bound grants'));
    expect(shownText(list)).toContain(`${newEnd} UTC`);
  });
});
