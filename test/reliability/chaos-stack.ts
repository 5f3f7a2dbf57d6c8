import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import { DEMO_ADMIN_API_KEY } from '../../src/local/arize-emulator/index.ts';
import { LOCAL_BOT_TOKEN, type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import {
  buildBlockActionsBody,
  buildSlashCommandBody,
} from '../../src/local/slack-standin/slack-payloads.ts';
import type { RecordedMessage } from '../../src/local/slack-standin/slack-standin.ts';

/** The local stack as the reliability suite drives it: short timeouts, every log line kept. */
export async function startChaosStack(): Promise<LocalStack> {
  return startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'DEBUG',
    visibilityTimeoutMs: 3_000,
    arizeTimeoutMs: 3_000,
    schedulerTickMs: 0,
  });
}

let seq = 0;

const commandBody = (stack: LocalStack, text: string, userId: string) => ({
  body: buildSlashCommandBody({
    userId,
    channelId: 'C0GENERAL1',
    text,
    responseUrl: stack.slack.newResponseUrl('C0GENERAL1', userId),
    triggerId: `chaos.${++seq}.${Date.now()}`,
  }),
});

/** Signed Slack requests to a running stack, and what the bot posted back. */
export function chaosClient(stack: LocalStack) {
  const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
        ...headers,
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
  return {
    post,
    /** `/arize text` as `userId` in #general. */
    command: (text: string, userId: string) =>
      post(stack.commandsUrl, commandBody(stack, text, userId).body),
    /** The body of `/arize text` as `userId` in #general, unsent. */
    commandBody: async (text: string, userId: string) => commandBody(stack, text, userId),
    /** The body of a click on a button of `message`, as Slack sends it. */
    clickBody: (message: RecordedMessage, actionId: string, userId: string) => {
      const value = buttonsOf(message).find((b) => b.action_id === actionId)?.value;
      return buildBlockActionsBody({
        userId,
        channelId: message.channel ?? 'C0APPROVE1',
        message: { ts: message.ts, text: message.text, blocks: message.blocks },
        action: { actionId, blockId: 'approval', ...(value ? { value } : {}) },
        responseUrl: stack.slack.newResponseUrl(message.channel ?? 'C0APPROVE1', userId),
        // A trigger the stand-in issued: a Reveal click opens its modal with it.
        triggerId: stack.slack.newTriggerId(userId),
      });
    },
    /** Polls the stand-in's messages until `find` returns something. */
    async waitFor<T>(find: (all: RecordedMessage[]) => T | undefined, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = find(stack.slack.messages());
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for a message`);
    },
  };
}

type Button = { action_id?: string; value?: string };

export const buttonsOf = (message: RecordedMessage): Button[] =>
  (message.blocks as { elements?: Button[] }[]).flatMap((block) => block.elements ?? []);

/** Everything a message shows, for "it says X" checks. */
export const shown = (message: RecordedMessage) =>
  `${message.text} ${JSON.stringify(message.blocks)}`;

/** A message still saying work is under way: the ack's "Running …", or an approval "⚙️ Running". */
export const stillRunning = (message: RecordedMessage) =>
  /^(Running|Preparing) /.test(message.text) || shown(message).includes('⚙️ Running');

/** Mutations the emulator applied more than once (same method, path and resource). */
export function appliedTwice(stack: LocalStack): string[] {
  const counts = new Map<string, number>();
  for (const m of stack.emulator?.mutations() ?? []) {
    const key = `${m.method} ${m.path} ${m.resourceId ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([key, count]) => `${key} ×${count}`);
}

/** Every item of the stack's DynamoDB table, as JSON text. */
export async function tableItems(stack: LocalStack): Promise<string[]> {
  const table = createDynamoTable({
    tableName: stack.dynamo.tableName,
    region: 'us-east-1',
    endpoint: stack.dynamo.endpoint,
  });
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: stack.dynamo.tableName,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(page.Items ?? []).map((item) => JSON.stringify(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The secrets of the local stack no log line, stored item or message may carry. */
export const stackSecrets = (stack: LocalStack) => [
  stack.signingSecret,
  LOCAL_BOT_TOKEN,
  DEMO_ADMIN_API_KEY,
];

/** Where a secret shows up among these texts: `label: secret prefix…`. */
export function leaks(texts: Record<string, string[]>, secrets: string[]): string[] {
  return Object.entries(texts).flatMap(([label, values]) =>
    values.flatMap((value) =>
      secrets.filter((secret) => value.includes(secret)).map((s) => `${label}: ${s.slice(0, 6)}…`),
    ),
  );
}
