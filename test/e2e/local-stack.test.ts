import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { buildSlashCommandBody } from '../../src/local/slack-standin/slack-payloads.ts';

interface Message {
  channel: string | null;
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
  deleted?: boolean;
}

let stack: LocalStack;
let seq = 0;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'SILENT',
    visibilityTimeoutMs: 200,
  });
});
afterAll(async () => stack.close());

async function sendCommand(text: string, options: { userId?: string; secret?: string } = {}) {
  const userId = options.userId ?? 'U0ALICE01';
  const responseUrl = stack.slack.newResponseUrl('C0GENERAL1', userId);
  const body = buildSlashCommandBody({
    userId,
    channelId: 'C0GENERAL1',
    text,
    responseUrl,
    triggerId: `e2e.${++seq}`,
  });
  const response = await fetch(stack.commandsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(options.secret ?? stack.signingSecret, body, Date.now() / 1000),
    },
    body,
  });
  return { response, responseUrl };
}

async function messagesFor(
  predicate: (m: Message) => boolean,
  timeoutMs = 5000,
): Promise<Message[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { messages } = (await (await fetch(`${stack.url}/sandbox/api/messages`)).json()) as {
      messages: Message[];
    };
    const found = messages.filter(predicate);
    if (found.length > 0) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return [];
}

describe('the local stack', () => {
  it('acks a signed `space list` and the worker posts the emulator spaces to the response URL', async () => {
    const { response } = await sendCommand('space list');
    const ack = (await response.json()) as { text: string; response_type: string };

    expect(response.status).toBe(200);
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: 'Running /arize space list…' });
    const [list] = await messagesFor((m) => m.text.startsWith('Spaces:'));
    const titles = list?.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text);
    expect(list?.channel).toBe('C0GENERAL1');
    expect(titles).toEqual([
      'Organization: Acme ML',
      'production',
      'staging',
      'fraud-detection',
      'Organization: Research Lab',
      'experiments',
      'production',
    ]);
  });

  it('refuses a badly signed command with 401 and posts nothing', async () => {
    const before = (await messagesFor(() => true, 100)).length;
    const { response } = await sendCommand('space list --name staging', { secret: 'wrong' });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(response.status).toBe(401);
    expect(await messagesFor(() => true, 100)).toHaveLength(before);
  });

  it('scopes a list to an organization by name', async () => {
    await sendCommand('space list --org "Research Lab"');
    const [list] = await messagesFor((m) =>
      m.blocks.some((b) => b.elements?.[0]?.text === 'in Research Lab'),
    );
    const titles = list?.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text);

    expect(titles).toEqual(['experiments', 'production']);
  });

  it('resolves a Slack mention to the Arize user through the e-mail Slack holds', async () => {
    await sendCommand('user get <@U0BOB0001|bob>');
    const [detail] = await messagesFor((m) => JSON.stringify(m.blocks).includes('bob@example.com'));

    expect(detail?.text).toContain('Bob Approver');
  });

  it('shows whoami with what the policy lets the person request', async () => {
    await sendCommand('whoami', { userId: 'U0DAVE001' });
    const [detail] = await messagesFor((m) => JSON.stringify(m.blocks).includes('may request'));

    expect(JSON.stringify(detail?.blocks)).toContain('may request\\nread');
  });

  it('accepts ARIZE_API_KEY as the emulator admin key as well as the bot key', async () => {
    const custom = await startLocalStack({
      port: 0,
      emulatorPort: 0,
      logLevel: 'SILENT',
      arizeApiKey: 'ak-custom-local-key-0042',
    });
    try {
      const withCustomKey = await fetch(`${custom.arizeUrl}/v2/spaces`, {
        headers: { authorization: 'Bearer ak-custom-local-key-0042' },
      });
      expect(withCustomKey.status).toBe(200);
    } finally {
      await custom.close();
    }
  });
});
