import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoReportStore } from '../../../src/adapters/dynamodb/dynamo-report-store.ts';
import {
  createDynamoTable,
  type DynamoTable,
} from '../../../src/adapters/dynamodb/dynamo-table.ts';
import { type LocalDynamo, startLocalDynamo } from '../../../src/local/dynalite.ts';

let dynamo: LocalDynamo;
let table: DynamoTable;
const now = new Date('2026-12-07T08:00:00Z');
const weekSeconds = 7 * 86_400;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = createDynamoTable({
    tableName: dynamo.tableName,
    region: 'us-east-1',
    endpoint: dynamo.endpoint,
  });
});
afterAll(async () => dynamo.close());

const store = () => new DynamoReportStore(table, { now: () => now });

/** The stored chunk items of a run, as DynamoDB holds them. */
async function chunksOf(runId: string) {
  const { Items } = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `report#${runId}` },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []) as Array<{ sk: string; text: string; expiresAt: number; chunks?: number }>;
}

/** Rows of a members part, about `chars` characters of JSON with names that need escaping. */
const rowsOf = (count: number, tag: string) =>
  Array.from({ length: count }, (_, i) => ({
    email: `user-${i}@example.com`,
    name: `=HYPERLINK("x") "${tag}" ${'é'.repeat(40)} #${i}`,
  }));

describe('DynamoReportStore', () => {
  it('round-trips a part larger than one chunk, every chunk kept a week', async () => {
    const rows = rowsOf(3_000, 'big');

    await store().putPart('run-big', 'members-000000', rows);

    const items = await chunksOf('run-big');
    expect(JSON.stringify(rows).length).toBeGreaterThan(200_000);
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items[0]?.chunks).toBe(items.length);
    for (const item of items) {
      expect(item.text.length).toBeLessThanOrEqual(100_000);
      expect(item.expiresAt).toBe(Math.floor(now.getTime() / 1000) + weekSeconds);
    }
    expect(await store().parts('run-big', 'members-')).toEqual([rows]);
  });

  it('a part saved again with fewer chunks reads whole and leaves no stale chunk behind', async () => {
    await store().putPart('run-again', 'users-000000', rowsOf(3_000, 'first'));
    const smaller = rowsOf(10, 'second');

    await store().putPart('run-again', 'users-000000', smaller);

    const items = await chunksOf('run-again');
    expect(items.map((i) => i.sk)).toEqual(['part#users-000000#0000']);
    expect(items[0]?.chunks).toBe(1);
    expect(await store().parts('run-again', 'users-')).toEqual([smaller]);
  });

  it('lists parts by prefix in name order', async () => {
    await store().putPart('run-order', 'members-000020', ['b']);
    await store().putPart('run-order', 'members-000000', ['a']);
    await store().putPart('run-order', 'users-000000', ['u']);

    expect(await store().parts('run-order', 'members-')).toEqual([['a'], ['b']]);
  });

  it('keeps the later snapshot of a scope', async () => {
    await store().saveSnapshot('account', '2026-12-07T08:00:00.000Z', { at: 'later' });
    await store().saveSnapshot('account', '2026-11-30T08:00:00.000Z', { at: 'earlier' });

    expect(await store().lastSnapshot('account')).toEqual({ at: 'later' });
    expect(await store().lastSnapshot('org#none')).toBeUndefined();
  });
});
