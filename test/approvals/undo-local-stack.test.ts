import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv.ts';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { buildBlockActionsBody } from '../../src/local/slack-standin/slack-payloads.ts';
import { type StandinMessage, shownText, stackClient } from '../support/stack-client.ts';

let stack: LocalStack;
let client: ReturnType<typeof stackClient>;
let seq = 0;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: (process.env.E2E_LOG as 'INFO') ?? 'SILENT',
    visibilityTimeoutMs: 5000,
  });
  client = stackClient(stack);
});
afterAll(async () => stack.close());

/** A signed click on a button of a message in the approvals channel, as Slack sends it. */
async function click(message: StandinMessage, actionId: string, userId: string) {
  const value = message.blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value;
  const body = buildBlockActionsBody({
    userId,
    channelId: 'C0APPROVE1',
    message: { ts: message.ts, text: message.text, blocks: message.blocks },
    action: { actionId, blockId: 'approval', ...(value ? { value } : {}) },
    responseUrl: stack.slack.newResponseUrl('C0APPROVE1', userId),
    triggerId: `undo.${++seq}`,
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
const succeeded = (id: string) => (all: StandinMessage[]) =>
  all.find((m) => m.id === id && shownText(m).includes('Succeeded'));

describe('Undo on the local stack', () => {
  it('shows Undo on a succeeded removal; one click (even twice) asks once; approved, the member is back', async () => {
    const before = approvalMessages(await client.messages()).length;
    await client.command(
      'space remove-user dave@example.com --space production --org "Acme ML"',
      'U0ALICE01',
    );
    const removal = await client.waitFor((all) => approvalMessages(all)[before]);
    await click(removal, 'approval-approve', 'U0BOB0001');
    const done = await client.waitFor(succeeded(removal.id));
    const undoButton = done.blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'approval-undo');
    expect(undoButton?.value).toMatch(/^R[0-9A-F]{12}$/);
    const mutationsBefore = stack.emulator?.mutations().length ?? 0;

    await Promise.all([
      click(done, 'approval-undo', 'U0CAROL01'),
      click(done, 'approval-undo', 'U0CAROL01'),
    ]);
    const undoRequest = await client.waitFor((all) => approvalMessages(all)[before + 1]);
    expect(shownText(undoRequest)).toContain(`Reason: Undo of ${undoButton?.value}`);
    expect(shownText(undoRequest)).toContain('space add-user');
    await click(undoRequest, 'approval-approve', 'U0BOB0001');
    await client.waitFor(succeeded(undoRequest.id));

    // Every queued job has run: a second undo request, if any, would be posted by now.
    await stack.queue.drain(8_000);
    expect(approvalMessages(await client.messages())).toHaveLength(before + 2);
    const mutations = stack.emulator?.mutations().slice(mutationsBefore) ?? [];
    expect(mutations).toHaveLength(1);
    expect(mutations[0]?.method).not.toBe('DELETE');
    const original = (await client.messages()).find((m) => m.id === removal.id);
    expect(original && shownText(original)).toContain('Succeeded');
  });

  it('says why a space delete cannot be undone, with no Undo button', async () => {
    const before = approvalMessages(await client.messages()).length;
    await client.command('space delete staging --org "Acme ML"', 'U0ALICE01');
    const request = await client.waitFor((all) => approvalMessages(all)[before]);
    await click(request, 'approval-approve', 'U0BOB0001');
    const done = await client.waitFor(succeeded(request.id));

    expect(shownText(done)).toContain('Cannot be undone: a deleted space cannot be restored');
    expect(
      done.blocks.flatMap((b) => b.elements ?? []).some((e) => e.action_id === 'approval-undo'),
    ).toBe(false);
  });
});

describe('CSV files on the local stack', () => {
  it('attaches the plan and per-item result of a bulk request as CSV under its approval message and in the requester’s DM', async () => {
    const before = approvalMessages(await client.messages()).length;
    await client.command(
      // staging was deleted above: production is still there.
      'space add-user frank@example.com,carol@example.com --space production --org "Acme ML" --role read-only',
      'U0ALICE01',
    );
    const request = await client.waitFor((all) => approvalMessages(all)[before]);
    await click(request, 'approval-approve', 'U0BOB0001');
    await client.waitFor(succeeded(request.id));
    const shared = await client.waitFor(() => {
      const done = stack.slack
        .files()
        .filter((f) => f.filename.startsWith('arize-ops-R') && f.state === 'complete');
      return done.length === 2 ? done : undefined;
    });
    const inThread = shared.find((f) => f.channel === 'C0APPROVE1');
    const file = shared.find((f) => f.channel === 'D0ALICE01');
    if (!inThread || !file) throw new Error('the CSV is not in both the thread and the DM');

    expect(inThread.threadTs).toBe(request.ts);
    expect(inThread.filename).toBe(file.filename);
    expect(inThread.content).toBe(file.content);
    const rows = parseCsv(file.content ?? '');
    expect(rows[0]).toEqual(['section', 'item', 'field', 'value']);
    expect(rows).toContainEqual(['result', 'status', '', 'SUCCEEDED']);
    const items = rows.filter((r) => r[0] === 'result' && r[2] === 'result');
    expect(items.map((r) => r[1])).toEqual([
      expect.stringContaining('frank@example.com'),
      expect.stringContaining('carol@example.com'),
    ]);
  });

  it('audit --csv sends the audit trail to the requester’s DM and says so', async () => {
    const { responseUrl } = await client.command('audit --csv --since 1d', 'U0CAROL01');
    const note = await client.waitFor((all) =>
      all.find((m) => m.text.includes('audit record(s)') && m.user === 'U0CAROL01'),
    );
    const file = stack.slack.files().find((f) => f.filename.startsWith('arize-ops-audit-'));

    expect(responseUrl).toBeTruthy();
    expect(note.ephemeral).toBe(true);
    expect(note.text).toContain('in a direct message from the bot (D0CAROL01)');
    expect(file?.channel).toBe('D0CAROL01');
    const rows = parseCsv(file?.content ?? '');
    expect(rows[0]).toEqual(['at', 'event', 'request', 'actor', 'detail']);
    expect(rows.length).toBeGreaterThan(1);
  });
});
