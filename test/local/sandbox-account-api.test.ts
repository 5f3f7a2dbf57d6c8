import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN_API_KEY,
  DEMO_SERVICE_KEYS,
  DEMO_USER_KEYS,
} from '../../src/local/arize-emulator/index.ts';
import { localTable } from '../../src/local/dynalite.ts';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, emulatorPort: 0, logLevel: 'SILENT' });
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
  const page = await table.client.send(new ScanCommand({ TableName: table.tableName }));
  return page.Items?.length ?? 0;
};
const NO_FAULTS = { latencyMs: 0, rateLimitStorm: false, errorShare: 0, hangShare: 0 };

describe('the sandbox panel endpoints of the local stack', () => {
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
    expect(await storedItems()).toBeGreaterThan(0);
    expect((await putFaults({ ...NO_FAULTS, errorShare: 0.5 })).status).toBe(200);

    const reset = await fetch(`${stack.url}/sandbox/api/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await storedItems()).toBe(0);
    expect(stack.emulator?.faults()).toEqual({});
    const account = (await (await fetch(`${stack.url}/sandbox/api/account`)).json()) as {
      faults: unknown;
    };
    expect(account.faults).toEqual(NO_FAULTS);
  });
});
