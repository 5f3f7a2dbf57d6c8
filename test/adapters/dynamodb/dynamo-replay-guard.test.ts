import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoReplayGuard } from '../../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import {
  createDynamoTable,
  type DynamoTable,
} from '../../../src/adapters/dynamodb/dynamo-table.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../../src/local/dynalite.ts';

let dynamo: LocalDynamo;
let table: DynamoTable;
let now = new Date('2026-11-22T08:00:00Z');
const clock = { now: () => now };
const tenMinutes = 10 * 60 * 1000;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = localTable(dynamo);
});
afterAll(async () => dynamo.close());

describe('DynamoReplayGuard', () => {
  it('claims a signature once, stored with its expiry for the TTL', async () => {
    const guard = new DynamoReplayGuard(table, clock);
    const expiresAt = new Date(now.getTime() + tenMinutes);

    const claims = [
      await guard.claim('v0=first', expiresAt),
      await guard.claim('v0=first', expiresAt),
      await guard.claim('v0=other', expiresAt),
    ];

    expect(claims).toEqual([true, false, true]);
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: 'replay#v0=first', sk: 'replay' } }),
    );
    expect(Item).toEqual({
      pk: 'replay#v0=first',
      sk: 'replay',
      expiresAt: Math.floor(expiresAt.getTime() / 1000),
    });
  });

  it('lets a signature be claimed again once its claim has expired (TTL deletes lazily)', async () => {
    const guard = new DynamoReplayGuard(table, clock);
    expect(await guard.claim('v0=late', new Date(now.getTime() + tenMinutes))).toBe(true);

    now = new Date(now.getTime() + tenMinutes - 1000);
    expect(await guard.claim('v0=late', new Date(now.getTime() + tenMinutes))).toBe(false);
    now = new Date(now.getTime() + 2000);
    expect(await guard.claim('v0=late', new Date(now.getTime() + tenMinutes))).toBe(true);
  });

  it('passes on errors other than a failed condition', async () => {
    const missing = { ...table, tableName: 'no-such-table' };
    await expect(
      new DynamoReplayGuard(missing, clock).claim('v0=x', new Date(now.getTime() + tenMinutes)),
    ).rejects.toThrow(/not found|ResourceNotFound/i);
  });

  it('keeps a burst of claims to a local endpoint on a few keep-alive connections', async () => {
    // A TCP relay in front of dynalite counts the connections the clients open.
    let connections = 0;
    const relay = createServer((inbound: Socket) => {
      connections += 1;
      const outbound = connect(Number(new URL(dynamo.endpoint).port), '127.0.0.1');
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      const relayed = createDynamoTable({
        tableName: dynamo.tableName,
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
      });
      const guard = new DynamoReplayGuard(relayed, clock);
      const expiresAt = new Date(now.getTime() + tenMinutes);

      const claims = await Promise.all(
        Array.from({ length: 50 }, (_, i) => guard.claim(`v0=burst-${i}`, expiresAt)),
      );

      expect(claims.every(Boolean)).toBe(true);
      expect(connections).toBeGreaterThan(0);
      expect(connections).toBeLessThanOrEqual(8);
      relayed.client.destroy();
    } finally {
      relay.close();
    }
  });
});
