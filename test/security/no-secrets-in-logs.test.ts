import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { DEMO_ADMIN_API_KEY } from '../../src/local/arize-emulator/index.ts';
import {
  LOCAL_BOT_TOKEN,
  LOCAL_SIGNING_SECRET,
  type LocalStack,
  startLocalStack,
} from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import {
  buildBlockActionsBody,
  buildSlashCommandBody,
  buildViewSubmissionBody,
} from '../../src/local/slack-standin/slack-payloads.ts';
import type { RecordedMessage } from '../../src/local/slack-standin/slack-standin.ts';
import { captureAllOutput } from '../support/captured-output.ts';

/** Every line anything in this process wrote while the flow ran, however it was written. */
const lines: string[] = [];
/** Values that must never reach a log line, collected as the flow uses them. */
const used = {
  responseUrls: [] as string[],
  triggerIds: [] as string[],
  signatures: [] as string[],
};

let stack: LocalStack;
let seq = 0;

/** A trigger id shaped like Slack's, unique per request. */
const newTriggerId = () =>
  `${7_000_000_000 + ++seq}.4820017011.9f1c${String(seq).padStart(8, '0')}e2a0b`;

async function post(url: string, body: string, secret = LOCAL_SIGNING_SECRET, headers = {}) {
  const signed = signSlackRequest(secret, body, Date.now() / 1000);
  used.signatures.push(signed['x-slack-signature']);
  const all = { 'content-type': 'application/x-www-form-urlencoded', ...signed, ...headers };
  const response = await fetch(url, { method: 'POST', headers: all, body });
  return { status: response.status, text: await response.text(), headers: all };
}

function commandBody(text: string, userId = 'U0ALICE01'): string {
  const responseUrl = stack.slack.newResponseUrl('C0GENERAL1', userId);
  const triggerId = newTriggerId();
  used.responseUrls.push(responseUrl);
  used.triggerIds.push(triggerId);
  return buildSlashCommandBody({ userId, channelId: 'C0GENERAL1', text, responseUrl, triggerId });
}

async function waitForMessage(
  predicate: (m: RecordedMessage) => boolean,
): Promise<RecordedMessage> {
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    const found = stack.slack.messages().find(predicate);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no such message was posted in 8 s');
}

const outcomes: Record<string, number> = {};

/** The request id an approval message carries on its buttons. */
function requestIdOf(message: RecordedMessage): string {
  const text = JSON.stringify(message.blocks);
  const id = /"value":"(R[0-9A-Z]+)"/.exec(text)?.[1];
  if (!id) throw new Error('the approval message has no request id on its buttons');
  return id;
}

beforeAll(async () => {
  captureAllOutput(lines);
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'DEBUG',
    visibilityTimeoutMs: 200,
  });

  const good = await post(stack.commandsUrl, commandBody('space list'));
  outcomes.good = good.status;
  const list = await waitForMessage((m) => m.text.startsWith('Spaces:'));

  outcomes.badSignature = (
    await post(stack.commandsUrl, commandBody('space list'), 'wrong')
  ).status;

  const once = commandBody('org list');
  const first = await post(stack.commandsUrl, once);
  const replay = await fetch(stack.commandsUrl, {
    method: 'POST',
    headers: first.headers,
    body: once,
  });
  outcomes.replay = replay.status;
  await replay.text();

  const usage = await post(stack.commandsUrl, commandBody('space lsit'));
  outcomes.usage = usage.text.includes('space list') ? usage.status : -1;

  const refused = await post(stack.commandsUrl, commandBody('space list', 'U0EVE0001'));
  outcomes.refused = refused.text.includes('not allowed') ? refused.status : -1;

  outcomes.arizeError = (
    await post(stack.commandsUrl, commandBody('space list --org Nope'))
  ).status;
  await waitForMessage((m) => /Nope/.test(m.text) && !m.text.startsWith('Running'));

  const responseUrl = stack.slack.newResponseUrl('C0GENERAL1', 'U0ALICE01');
  const triggerId = newTriggerId();
  used.responseUrls.push(responseUrl);
  used.triggerIds.push(triggerId);
  const click = buildBlockActionsBody({
    userId: 'U0ALICE01',
    channelId: 'C0GENERAL1',
    message: { ts: list.ts, text: list.text, blocks: list.blocks },
    action: { actionId: 'run-command', blockId: 'more', value: 'org list' },
    responseUrl,
    triggerId,
  });
  outcomes.click = (await post(stack.interactionsUrl, click)).status;

  // An approval request, rejected through the Reject modal: a click that opens a view with its
  // trigger_id, then the view's submission (views.open → view_submission).
  await post(stack.commandsUrl, commandBody('space delete staging --reason cleanup', 'U0CAROL01'));
  const approval = await waitForMessage(
    (m) => m.channel === 'C0APPROVE1' && !m.ephemeral && m.text.startsWith('Approval request'),
  );
  const rejectTrigger = stack.slack.newTriggerId('U0BOB0001');
  const rejectResponseUrl = stack.slack.newResponseUrl('C0APPROVE1', 'U0BOB0001');
  used.triggerIds.push(rejectTrigger);
  used.responseUrls.push(rejectResponseUrl);
  const rejectClick = buildBlockActionsBody({
    userId: 'U0BOB0001',
    channelId: 'C0APPROVE1',
    message: { ts: approval.ts, text: approval.text, blocks: approval.blocks },
    action: { actionId: 'approval-reject', blockId: 'approval', value: requestIdOf(approval) },
    responseUrl: rejectResponseUrl,
    triggerId: rejectTrigger,
  });
  outcomes.rejectClick = (await post(stack.interactionsUrl, rejectClick)).status;
  const modal = stack.slack.views().find((v) => v.user === 'U0BOB0001');
  const submitTrigger = newTriggerId();
  used.triggerIds.push(submitTrigger);
  const submission = buildViewSubmissionBody({
    userId: 'U0BOB0001',
    view: modal?.view ?? {},
    values: { 'reject-reason': { 'reject-reason-input': 'not during the freeze' } },
    triggerId: submitTrigger,
  });
  const submitted = await post(stack.interactionsUrl, submission);
  outcomes.rejectSubmit = submitted.text.includes('Rejected: nothing will run.')
    ? submitted.status
    : -1;
  await stack.queue.drain(8000);
  // Proves a DEBUG line of the project's logger reaches the capture, so silence means no leak.
  createLog({ service: 'capture-probe', level: 'DEBUG' }).log.debug('probe');
}, 30_000);

afterAll(async () => {
  await stack?.close();
  vi.restoreAllMocks();
});

describe('log lines of a realistic flow', () => {
  it('ran the flow it meant to: every request got the answer it should', () => {
    expect(outcomes).toEqual({
      good: 200,
      badSignature: 401,
      replay: 401,
      usage: 200,
      refused: 200,
      arizeError: 200,
      click: 200,
      rejectClick: 200,
      rejectSubmit: 200,
    });
  });

  it('captured the log lines of the slack function and the worker along the way', () => {
    const messages = lines.flatMap((line) => {
      try {
        const { service, message } = JSON.parse(line) as { service?: string; message?: string };
        return [`${service}: ${message}`];
      } catch {
        return [];
      }
    });

    expect(messages).toEqual(
      expect.arrayContaining([
        'arize-ops-slack: slack request refused',
        'arize-ops-slack: slack request replay refused',
        'arize-ops-worker: operation failed',
        'arize-ops-worker: job finished',
        'capture-probe: probe',
      ]),
    );
  });

  it.each([
    ['the bot token', () => [LOCAL_BOT_TOKEN]],
    ['the signing secret', () => [LOCAL_SIGNING_SECRET]],
    ['the Arize admin key', () => [DEMO_ADMIN_API_KEY]],
    ['a response_url', () => used.responseUrls],
    ['a trigger_id', () => used.triggerIds],
    ['an x-slack-signature', () => used.signatures],
  ])('never logs %s', (_label, secrets) => {
    const values = secrets();
    const leaks = lines.filter((line) => values.some((value) => line.includes(value)));

    expect(values.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
