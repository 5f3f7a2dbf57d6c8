import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import {
  buildBlockActionsBody,
  buildSlashCommandBody,
} from '../../src/local/slack-standin/slack-payloads.ts';
import type { StandinMessage } from '../support/stack-client.ts';

type Message = StandinMessage;

let stack: LocalStack;
let seq = 0;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: (process.env.E2E_LOG as 'INFO') ?? 'SILENT',
    visibilityTimeoutMs: 5000,
  });
});
afterAll(async () => stack.close());

const post = async (url: string, body: string, contentType: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
    },
    body,
  });

async function sendCommand(text: string, userId: string) {
  const responseUrl = stack.slack.newResponseUrl('C0GENERAL1', userId);
  const body = buildSlashCommandBody({
    userId,
    channelId: 'C0GENERAL1',
    text,
    responseUrl,
    triggerId: `approvals.${++seq}`,
  });
  const response = await post(stack.commandsUrl, body, 'application/x-www-form-urlencoded');
  return (await response.json()) as { text: string };
}

function clickBody(message: Message, actionId: string, userId: string): string {
  const value = message.blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value;
  return buildBlockActionsBody({
    userId,
    channelId: 'C0APPROVE1',
    message: { ts: message.ts, text: message.text, blocks: message.blocks },
    action: { actionId, blockId: 'approval', ...(value ? { value } : {}) },
    responseUrl: stack.slack.newResponseUrl('C0APPROVE1', userId),
    triggerId: `click.${++seq}`,
  });
}

const click = (message: Message, actionId: string, userId: string) =>
  post(
    stack.interactionsUrl,
    clickBody(message, actionId, userId),
    'application/x-www-form-urlencoded',
  );

async function messages(): Promise<Message[]> {
  const response = await fetch(`${stack.url}/sandbox/api/messages`);
  return ((await response.json()) as { messages: Message[] }).messages;
}

async function waitFor<T>(find: (all: Message[]) => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = find(await messages());
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out waiting for a message');
}

const textOf = (m: Message): string => JSON.stringify(m.blocks);
const deletesSince = (before: number) =>
  (stack.emulator?.mutations() ?? []).slice(before).filter((m) => m.method === 'DELETE');

describe('two-person approval on the local stack', () => {
  it('posts the request, refuses the requester, runs it once on bob’s approval and says Succeeded', async () => {
    const emulator = stack.emulator;
    if (!emulator) throw new Error('no emulator');
    const ack = await sendCommand('space delete staging --reason cleanup', 'U0ALICE01');
    expect(ack.text).toBe(
      'Preparing an approval request for /arize space delete staging --reason cleanup…',
    );

    const request = await waitFor((all) =>
      all.find((m) => m.channel === 'C0APPROVE1' && m.source === 'chat.postMessage'),
    );
    expect(textOf(request)).toContain('Delete space staging');
    expect(textOf(request)).toContain('Reason: cleanup');
    const actionIds = request.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.action_id);
    expect(actionIds).toEqual(['approval-approve', 'approval-reject', 'approval-cancel']);
    const told = await waitFor((all) =>
      all.find((m) => m.channel === 'C0GENERAL1' && m.text.startsWith('Approval request')),
    );
    expect(textOf(told)).toContain('/sandbox/archives/C0APPROVE1/');

    const before = emulator.mutations().length;
    const own = await click(request, 'approval-approve', 'U0ALICE01');
    expect(own.status).toBe(200);
    const refusal = await waitFor((all) =>
      all.find((m) => m.user === 'U0ALICE01' && m.text.includes('you asked for this change')),
    );
    expect(refusal.ephemeral).toBe(true);
    expect(emulator.mutations()).toHaveLength(before);

    const carol = await click(request, 'approval-approve', 'U0CAROL01');
    expect(carol.status).toBe(200);
    await waitFor((all) =>
      all.find((m) => m.user === 'U0CAROL01' && m.text.includes('not an approver')),
    );
    expect(emulator.mutations()).toHaveLength(before);

    const bobBody = clickBody(request, 'approval-approve', 'U0BOB0001');
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(stack.signingSecret, bobBody, Date.now() / 1000),
    };
    const bob = await fetch(stack.interactionsUrl, { method: 'POST', headers, body: bobBody });
    const replay = await fetch(stack.interactionsUrl, { method: 'POST', headers, body: bobBody });
    expect(bob.status).toBe(200);
    expect(replay.status).toBe(401);
    const done = await waitFor((all) =>
      all.find((m) => (m.id === request.id && m.text.includes('Succeeded') ? m : undefined)),
    );
    expect(textOf(done)).toContain('Deleted space staging');
    expect(done.blocks.some((b) => b.type === 'actions')).toBe(false);
    const deletes = emulator
      .mutations()
      .slice(before)
      .filter((m) => m.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(emulator.mutations().slice(before)).toHaveLength(1);
    const result = await waitFor((all) =>
      all.find((m) => m.channel === 'C0GENERAL1' && m.text.startsWith('Deleted space staging')),
    );
    expect(result.ephemeral).toBe(true);

    const late = await click(request, 'approval-reject', 'U0BOB0001');
    expect(late.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await waitFor((all) =>
      all.find((m) => m.user === 'U0BOB0001' && m.text.includes('already succeeded')),
    );
    const after = (await messages()).find((m) => m.id === request.id);
    expect(after?.text).toContain('Succeeded');
    expect(emulator.mutations().slice(before)).toHaveLength(1);
  });

  it('runs once when alice and bob (several times) click Approve at once on carol’s request', async () => {
    const emulator = stack.emulator;
    if (!emulator) throw new Error('no emulator');
    await sendCommand('space delete experiments --org "Research Lab"', 'U0CAROL01');
    const request = await waitFor((all) =>
      all.find(
        (m) =>
          m.channel === 'C0APPROVE1' &&
          m.source === 'chat.postMessage' &&
          textOf(m).includes('Delete space experiments'),
      ),
    );
    const before = emulator.mutations().length;

    const clicks = await Promise.all(
      ['U0ALICE01', 'U0BOB0001', 'U0BOB0001', 'U0BOB0001', 'U0ALICE01', 'U0BOB0001'].map((user) =>
        click(request, 'approval-approve', user),
      ),
    );
    await waitFor((all) =>
      all.find((m) => (m.id === request.id && m.text.includes('Succeeded') ? m : undefined)),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(deletesSince(before)).toHaveLength(1);
  });
});
