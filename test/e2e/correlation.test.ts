import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import {
  buildBlockActionsBody,
  buildSlashCommandBody,
} from '../../src/local/slack-standin/slack-payloads.ts';
import type { StandinMessage } from '../support/stack-client.ts';

type Message = StandinMessage;

type LogLine = Record<string, unknown> & { message: string; service: string };

let stack: LocalStack;
let seq = 0;
/** Every log line the stack printed (Powertools writes JSON lines on stdout). */
const lines: LogLine[] = [];

beforeAll(async () => {
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest) => {
    const text = String(chunk);
    const parsed = text
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"service"'))
      .map((line) => JSON.parse(line) as LogLine);
    lines.push(...parsed);
    return parsed.length > 0 ? true : write(chunk, ...(rest as []));
  });
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'DEBUG',
    visibilityTimeoutMs: 5000,
    schedulerTickMs: 0,
  });
});
afterAll(async () => {
  await stack?.close();
  vi.restoreAllMocks();
});

const post = (url: string, body: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
    },
    body,
  });

const sendCommand = (text: string, userId: string) =>
  post(
    stack.commandsUrl,
    buildSlashCommandBody({
      userId,
      channelId: 'C0GENERAL1',
      text,
      responseUrl: stack.slack.newResponseUrl('C0GENERAL1', userId),
      triggerId: `correlation.${++seq}`,
    }),
  );

const click = (message: Message, actionId: string, userId: string) => {
  const value = message.blocks
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value;
  return post(
    stack.interactionsUrl,
    buildBlockActionsBody({
      userId,
      channelId: 'C0APPROVE1',
      message: { ts: message.ts, text: message.text, blocks: message.blocks },
      action: { actionId, blockId: 'approval', ...(value ? { value } : {}) },
      responseUrl: stack.slack.newResponseUrl('C0APPROVE1', userId),
      triggerId: `correlation-click.${++seq}`,
    }),
  );
};

async function waitFor<T>(find: (all: Message[]) => T | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const response = await fetch(`${stack.url}/sandbox/api/messages`);
    const found = find(((await response.json()) as { messages: Message[] }).messages);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out waiting for a message');
}

const requestMessage = (space: string) =>
  waitFor((all) =>
    all.find(
      (m) =>
        m.channel === 'C0APPROVE1' &&
        m.source === 'chat.postMessage' &&
        JSON.stringify(m.blocks).includes(`Delete space ${space}`),
    ),
  );

/** The correlation ids on the lines printed since `from`, with the services that printed them. */
const since = (from: number) => {
  const printed = lines.slice(from);
  return {
    printed,
    ids: [...new Set(printed.map((line) => line.correlationId))],
    services: [...new Set(printed.map((line) => line.service))].sort(),
  };
};

describe('one correlation id per command', () => {
  it('is on every log line of a command, from the ack through the worker and the approval click', async () => {
    const from = lines.length;
    await sendCommand('space delete staging --reason cleanup', 'U0ALICE01');
    const request = await requestMessage('staging');
    await click(request, 'approval-approve', 'U0BOB0001');
    await waitFor((all) => all.find((m) => m.id === request.id && m.text.includes('Succeeded')));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const { printed, ids, services } = since(from);
    expect(printed.map((line) => line.message)).toEqual(
      expect.arrayContaining(['approval decided', 'job finished']),
    );
    expect(services).toEqual(['arize-ops-slack', 'arize-ops-worker']);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toEqual(expect.any(String));
  });

  it('is on the sweep’s lines about a request, and differs from command to command', async () => {
    const from = lines.length;
    await sendCommand('space delete experiments --org "Research Lab"', 'U0CAROL01');
    await requestMessage('experiments');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = since(from);
    expect(asked.ids).toHaveLength(1);
    const [id] = asked.ids;

    const sweptFrom = lines.length;
    await stack.runJob('sweep', new Date(Date.now() + 3 * 24 * 3600_000));
    const swept = lines.slice(sweptFrom).filter((line) => line.approvalId !== undefined);

    expect(swept.map((line) => [line.message, line.action])).toEqual([
      ['request swept', 'expired'],
    ]);
    expect(swept.map((line) => line.correlationId)).toEqual(swept.map(() => id));
    expect(lines.slice(0, from).map((line) => line.correlationId)).not.toContain(id);
  });
});
