import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { buildBlockActionsBody } from '../../src/local/slack-standin/slack-payloads.ts';
import type { RecordedView } from '../../src/local/slack-standin/slack-standin.ts';
import { captureAllOutput } from '../support/captured-output.ts';
import { type StandinMessage, shownText, stackClient } from '../support/stack-client.ts';

/** Every line anything in this process wrote while the flows ran, however it was written. */
const lines: string[] = [];

let stack: LocalStack;
let client: ReturnType<typeof stackClient>;

beforeAll(async () => {
  captureAllOutput(lines);
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'DEBUG',
    visibilityTimeoutMs: 3000,
  });
  client = stackClient(stack);
}, 30_000);

afterAll(async () => {
  await stack?.close();
  vi.restoreAllMocks();
});

const emulator = () => {
  if (!stack.emulator) throw new Error('no emulator');
  return stack.emulator;
};

const signed = (body: string) => ({
  'content-type': 'application/x-www-form-urlencoded',
  ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
});

/** A click on a button of a message, as Slack sends it (a fresh trigger id the stand-in honours). */
function clickBody(message: StandinMessage, actionId: string, userId: string): string {
  const value = message.blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value;
  return buildBlockActionsBody({
    userId,
    channelId: message.channel ?? '',
    message: { ts: message.ts, text: message.text, blocks: message.blocks },
    action: { actionId, blockId: 'b0', ...(value ? { value } : {}) },
    responseUrl: stack.slack.newResponseUrl(message.channel ?? '', userId),
    triggerId: stack.slack.newTriggerId(userId),
  });
}

const click = async (message: StandinMessage, actionId: string, userId: string) => {
  const body = clickBody(message, actionId, userId);
  const headers = signed(body);
  const response = await fetch(stack.interactionsUrl, { method: 'POST', headers, body });
  return { status: response.status, body, headers };
};

async function waitForView(find: (views: RecordedView[]) => RecordedView | undefined) {
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    const found = find(stack.slack.views());
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out waiting for a view');
}

const viewText = (view: RecordedView): string => JSON.stringify(view.view.blocks);

/** The value shown in the section after the "(shown once)" label. */
function secretIn(view: RecordedView): string {
  const blocks = view.view.blocks as { text?: { text: string } }[];
  const label = blocks.findIndex((b) => b.text?.text.endsWith('(shown once)'));
  const value = blocks[label + 1]?.text?.text;
  if (label < 0 || !value) throw new Error('no secret in the view');
  return value;
}

async function scanTable(): Promise<string> {
  const table = createDynamoTable({ ...stack.dynamo, region: 'us-east-1' });
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items);
}

/** Carol asks for a key, Bob approves it, and the DM with Reveal arrives. */
async function approvedKey(name: string) {
  await client.command(`key create ${name} --space fraud-detection`, 'U0CAROL01');
  const request = await client.waitFor((all) =>
    all.find(
      (m) =>
        m.channel === 'C0APPROVE1' &&
        m.source === 'chat.postMessage' &&
        shownText(m).includes(`Create service API key ${name}`),
    ),
  );
  const approve = await click(request, 'approval-approve', 'U0BOB0001');
  expect(approve.status).toBe(200);
  const dm = await client.waitFor((all) =>
    all.find(
      (m) =>
        m.channel === 'D0CAROL01' &&
        shownText(m).includes('approval-reveal') &&
        shownText(m).includes(`/arize key create ${name}`),
    ),
  );
  const requestId = dm.blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'approval-reveal')?.value;
  if (!requestId) throw new Error('no Reveal button');
  return { request, dm, requestId };
}

const creates = (before: number) =>
  emulator()
    .mutations()
    .slice(before)
    .filter((m) => m.operation === 'createApiKey');

describe('the Reveal flow on the local stack', () => {
  it('delivers a key once, only in the modal: one key for double clicks, a replay and a redelivery; no secret stored or logged', async () => {
    const before = emulator().mutations().length;
    const { request, dm, requestId } = await approvedKey('e2e-ingest');
    expect(creates(before)).toHaveLength(0);
    await client.waitFor((all) =>
      all.find(
        (m) =>
          m.id === request.id &&
          shownText(m).includes('A direct message with a Reveal button was sent'),
      ),
    );
    await client.waitFor((all) =>
      all.find(
        (m) =>
          m.channel === 'C0GENERAL1' &&
          m.user === 'U0CAROL01' &&
          shownText(m).includes('I sent you a direct message with a Reveal button'),
      ),
    );

    const bob = await click(dm, 'approval-reveal', 'U0BOB0001');
    expect(bob.status).toBe(200);
    await client.waitFor((all) =>
      all.find((m) => m.user === 'U0BOB0001' && shownText(m).includes('Only the person who asked')),
    );
    const [first, second] = await Promise.all([
      click(dm, 'approval-reveal', 'U0CAROL01'),
      click(dm, 'approval-reveal', 'U0CAROL01'),
    ]);
    const replay = await fetch(stack.interactionsUrl, {
      method: 'POST',
      headers: first.headers,
      body: first.body,
    });
    expect([first.status, second.status, replay.status]).toEqual([200, 200, 401]);

    const shown = await waitForView((views) =>
      views.find((v) => v.user === 'U0CAROL01' && viewText(v).includes('(shown once)')),
    );
    const secret = secretIn(shown);
    expect(secret).toMatch(/^ak-[A-Za-z0-9]{40}$/);
    expect(JSON.stringify(shown.versions)).toContain('Creating your API key');
    expect(JSON.stringify(shown.versions)).not.toContain(secret);

    // A worker message delivered again (SQS at-least-once) finds the lease taken.
    await stack.queue.send(
      JSON.stringify({
        id: `reveal-${requestId}`,
        kind: 'reveal-secret',
        requestId,
        viewId: shown.id,
        operationId: 'key.create',
        args: {},
        commandText: 'key create e2e-ingest --space fraud-detection',
        public: false,
        requester: { teamId: 'T0LOCAL01', userId: 'U0CAROL01' },
        channelId: 'D0CAROL01',
        responseUrl: stack.slack.newResponseUrl('D0CAROL01', 'U0CAROL01'),
        enqueuedAt: new Date().toISOString(),
      }),
    );
    const late = await click(dm, 'approval-reveal', 'U0CAROL01');
    expect(late.status).toBe(200);
    await client.waitFor((all) =>
      all.find((m) => (m.id === request.id && m.text.includes('Succeeded') ? m : undefined)),
    );
    await client.waitFor((all) =>
      all.find(
        (m) => m.user === 'U0CAROL01' && shownText(m).includes('a secret is shown once only'),
      ),
    );
    await stack.queue.drain(8000);

    expect(creates(before)).toHaveLength(1);
    expect(stack.slack.views().filter((v) => viewText(v).includes(secret))).toHaveLength(1);
    const settled = (await client.messages()).find((m) => m.id === dm.id);
    expect(settled && shownText(settled)).toContain('Revealed once');
    expect(settled && shownText(settled)).not.toContain('approval-reveal');

    const table = await scanTable();
    expect(table).toContain(requestId);
    expect(table).not.toContain(secret);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    const everyMessage = JSON.stringify(await client.messages());
    expect(everyMessage).not.toContain(secret);
  }, 30_000);

  it('revokes the key and fails the request when the modal was closed before the key was ready', async () => {
    const { request, dm } = await approvedKey('e2e-closed');
    emulator().setFaults({ routes: [{ match: { operation: 'createApiKey' }, latencyMs: 1200 }] });
    const before = emulator().mutations().length;
    const opened = stack.slack.views().length;

    expect((await click(dm, 'approval-reveal', 'U0CAROL01')).status).toBe(200);
    const view = await waitForView((views) =>
      views.slice(opened).find((v) => v.user === 'U0CAROL01'),
    );
    expect(viewText(view)).toContain('Creating your API key');
    expect(stack.slack.closeView(view.id)).toBe(true);

    const failed = await client.waitFor((all) =>
      all.find((m) => (m.id === request.id && m.text.includes('Failed') ? m : undefined)),
    );
    emulator().setFaults({});
    expect(shownText(failed)).toContain('so the key was revoked at once');
    const changes = emulator().mutations().slice(before);
    expect(changes.map((m) => m.operation)).toEqual(['createApiKey', 'revokeApiKey']);
    expect(changes[1]?.resourceId).toBe(changes[0]?.resourceId);
    await client.waitFor((all) =>
      all.find(
        (m) =>
          m.channel === 'C0GENERAL1' &&
          m.user === 'U0CAROL01' &&
          shownText(m).includes('it never worked for anyone'),
      ),
    );
    const settled = (await client.messages()).find((m) => m.id === dm.id);
    expect(settled && shownText(settled)).toContain('Failed');
    expect(stack.slack.views().find((v) => v.id === view.id)?.versions).toHaveLength(0);
  }, 30_000);
});
