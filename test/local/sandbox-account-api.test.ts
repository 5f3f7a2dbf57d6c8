import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN_API_KEY,
  DEMO_SERVICE_KEYS,
  DEMO_USER_KEYS,
} from '../../src/local/arize-emulator/index.ts';
import { localTable } from '../../src/local/dynalite.ts';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import {
  buildBlockSuggestionPayload,
  buildSlashCommandBody,
} from '../../src/local/slack-standin/slack-payloads.ts';

let stack: LocalStack;

beforeAll(async () => {
  // No scheduler timer: whatever is in the name directory, no scheduled tick put it there.
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'SILENT',
    schedulerTickMs: 0,
  });
}, 30_000);
afterAll(async () => stack?.close());

const putFaults = async (body: unknown) => {
  const response = await fetch(`${stack.url}/sandbox/api/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};
const storedItems = async () => {
  const table = localTable(stack.dynamo);
  const items: Array<{ pk: string; sk: string }> = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.tableName,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as Array<{ pk: string; sk: string }>));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};
/** The name directory's entries the emulator's account calls for, as the table keys them. */
const directoryKeysOfAccount = () => {
  const orgs = stack.emulator?.account().orgs ?? [];
  return [
    ...orgs.map((org) => `directory org#${org.id}`),
    ...orgs.flatMap((org) => org.spaces.map((space) => `directory space#${space.id}`)),
  ].sort();
};
const keysOf = (items: Array<{ pk: string; sk: string }>) =>
  items.map((item) => `${item.pk} ${item.sk}`).sort();

let seq = 0;
const signedPost = async (url: string, body: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
};
/**
 * What Slack is offered when Dave opens `/arize request` and types `typed` in the organization
 * field: the slash command and the block_suggestion signed as Slack signs them.
 */
async function orgSuggestions(typed: string): Promise<string[]> {
  const userId = 'U0DAVE001';
  const opened = await signedPost(
    stack.commandsUrl,
    buildSlashCommandBody({
      userId,
      channelId: 'C0GENERAL1',
      text: 'request',
      responseUrl: stack.slack.newResponseUrl('C0GENERAL1', userId),
      triggerId: stack.slack.newTriggerId(userId),
    }),
  );
  expect(opened.status).toBe(200);
  const view = stack.slack
    .views()
    .filter((v) => v.user === userId)
    .at(-1)?.view;
  if (!view) throw new Error(`no modal was opened (ack ${opened.text}) #${++seq}`);
  const answer = await signedPost(
    stack.interactionsUrl,
    new URLSearchParams({
      payload: JSON.stringify(
        buildBlockSuggestionPayload({
          userId,
          view,
          blockId: 'request-org',
          actionId: 'request-org-input',
          value: typed,
        }),
      ),
    }).toString(),
  );
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.text) as { options: Array<{ text: { text: string } }> }).options.map(
    (o) => o.text.text,
  );
}
const NO_FAULTS = { latencyMs: 0, rateLimitStorm: false, errorShare: 0, hangShare: 0 };

describe('the sandbox panel endpoints of the local stack', () => {
  it('fills the name directory at start: the request modal suggests the orgs with no job ticked', async () => {
    expect(stack.scheduler.runs()).toEqual({ finished: 0, failed: 0 });
    expect(await orgSuggestions('')).toEqual(['Acme ML', 'Research Lab']);
    expect(await orgSuggestions('res')).toEqual(['Research Lab']);
    expect(stack.scheduler.runs()).toEqual({ finished: 0, failed: 0 });
  });

  it('shows the emulated account without a single key secret', async () => {
    const text = await (await fetch(`${stack.url}/sandbox/api/account`)).text();
    const secrets = [
      DEMO_ADMIN_API_KEY,
      ...Object.values(DEMO_USER_KEYS),
      ...Object.values(DEMO_SERVICE_KEYS),
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(JSON.parse(text).account.orgs.map((o: { name: string }) => o.name)).toEqual([
      'Acme ML',
      'Research Lab',
    ]);
  });

  it('sets the emulator faults from checked switches and refuses malformed ones by field', async () => {
    const bad = await putFaults({ ...NO_FAULTS, errorShare: 2, extra: true });
    expect(bad.status).toBe(400);
    const issues = bad.json.issues as Array<{ path: string[]; code: string }>;
    expect(issues.map((i) => i.path.join('.') || i.code).sort()).toEqual([
      'errorShare',
      'unrecognized_keys',
    ]);
    expect(stack.emulator?.faults()).toEqual({});

    const good = await putFaults({ ...NO_FAULTS, rateLimitStorm: true, errorShare: 0.5 });
    expect(good.status).toBe(200);
    expect(stack.emulator?.faults()).toEqual({
      rateLimit: { capacity: 1, refillPerSecond: 1, retryAfterSeconds: 1 },
      errorRate: 0.5,
      errorStatus: 503,
    });
  });

  it('completes from the live account and resets it with the faults off', async () => {
    const complete = async (text: string) => {
      const url = `${stack.url}/sandbox/api/complete?text=${encodeURIComponent(text)}`;
      return (await (await fetch(url)).json()) as {
        from: number;
        items: Array<{ insert: string }>;
      };
    };
    expect((await complete('/arize space delete ')).items.map((i) => i.insert)).toEqual(
      expect.arrayContaining(['staging', 'experiments', '--org']),
    );
    expect((await complete('space list --org R')).items.map((i) => i.insert)).toEqual([
      '"Research Lab"',
    ]);
    const tooLong = await fetch(`${stack.url}/sandbox/api/complete?text=${'x'.repeat(4001)}`);
    expect(tooLong.status).toBe(400);

    // Something the bot stores: Carol asks to delete a space, which files an approval request
    // (with the previous test's faults off, so the worker's job ends promptly).
    expect((await putFaults(NO_FAULTS)).status).toBe(200);
    await fetch(`${stack.url}/sandbox/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: 'U0CAROL01',
        channelId: 'C0GENERAL1',
        text: 'space delete staging --org "Acme ML"',
      }),
    });
    // The ack stores before it queues; the worker's job (the approval request) ends at drain.
    await stack.queue.drain(10_000);
    const botData = (items: Array<{ pk: string }>) =>
      items.filter((item) => item.pk !== 'directory' && !item.pk.startsWith('jobrun#'));
    expect(botData(await storedItems()).length).toBeGreaterThan(0);
    expect((await putFaults({ ...NO_FAULTS, errorShare: 0.5 })).status).toBe(200);

    const reset = await fetch(`${stack.url}/sandbox/api/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    // Approvals, grants, contexts and earlier job runs are gone; the name directory is read
    // afresh from the reseeded account by one directory-refresh run (its run record stays).
    const left = await storedItems();
    expect(botData(left).map((item) => item.pk)).toEqual([]);
    expect(keysOf(left.filter((item) => item.pk === 'directory'))).toEqual(
      directoryKeysOfAccount(),
    );
    expect(left.filter((item) => item.pk.startsWith('jobrun#')).map((item) => item.pk)).toEqual([
      'jobrun#directory-refresh',
    ]);
    expect(await orgSuggestions('')).toEqual(['Acme ML', 'Research Lab']);
    expect(stack.scheduler.runs()).toEqual({ finished: 0, failed: 0 });
    expect(stack.emulator?.faults()).toEqual({});
    const account = (await (await fetch(`${stack.url}/sandbox/api/account`)).json()) as {
      faults: unknown;
    };
    expect(account.faults).toEqual(NO_FAULTS);
  });
});
