import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoApprovalStore } from '../../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../../../src/adapters/dynamodb/dynamo-audit-log.ts';
import type { DynamoTable } from '../../../src/adapters/dynamodb/dynamo-table.ts';
import { systemClock } from '../../../src/adapters/system-clock.ts';
import type { ApprovalRequest } from '../../../src/domain/approvals/approval.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../../src/local/dynalite.ts';
import { approvalRequest, emptyPlan } from '../../support/approval-request.ts';

let dynamo: LocalDynamo;
let table: DynamoTable;
let store: DynamoApprovalStore;
let seq = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = localTable(dynamo);
  store = new DynamoApprovalStore(table, systemClock);
});
afterAll(async () => dynamo.close());

const makeRequest = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest =>
  approvalRequest({
    id: `R${++seq}`,
    plan: emptyPlan({
      projection: { space: { id: 'U3BhY2U6Mg==', name: 'staging', isPrivate: false } },
    }),
    ...overrides,
  });

describe('DynamoApprovalStore', () => {
  it('stores a request once and reads it back as written', async () => {
    const request = makeRequest();

    expect(await store.create(request)).toBe(true);
    expect(await store.create({ ...request, status: 'APPROVED' })).toBe(false);
    expect(await store.get(request.id)).toEqual(request);
  });

  it('keeps the table TTL attribute numeric and 90 days past the request expiry', async () => {
    const request = makeRequest();
    await store.create(request);
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: `approval#${request.id}`, sk: 'request' },
      }),
    );

    expect(Item?.expiresAt).toBe(Date.parse(request.expiresAt) / 1000 + 90 * 86_400);
    expect(Item?.approvalExpiresAt).toBe(request.expiresAt);
  });

  it('updates only on the version read, bumping it', async () => {
    const request = makeRequest();
    await store.create(request);

    const first = await store.update(request.id, 1, {
      status: 'APPROVED',
      approvals: ['U0BOB0001'],
    });
    const lost = await store.update(request.id, 1, { status: 'REJECTED' });

    expect(first).toMatchObject({ version: 2, status: 'APPROVED', approvals: ['U0BOB0001'] });
    expect(lost).toBeUndefined();
    expect((await store.get(request.id))?.status).toBe('APPROVED');
  });

  it('lets exactly one of concurrent writers on the same version win', async () => {
    const request = makeRequest();
    await store.create(request);

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.update(request.id, 1, { approvals: [`U${i}`] })),
    );

    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
  });

  it('does not update a request that does not exist', async () => {
    expect(await store.update('R-missing', 1, { status: 'APPROVED' })).toBeUndefined();
  });

  it('records a vote once per person', async () => {
    const request = makeRequest();
    await store.create(request);
    const vote = { userId: 'U0BOB0001', decision: 'approve' as const, at: '2026-11-22T06:01:00Z' };

    expect(await store.recordVote(request.id, vote)).toBe(true);
    expect(await store.recordVote(request.id, { ...vote, decision: 'reject' })).toBe(false);
    expect(await store.recordVote(request.id, { ...vote, userId: 'U0APPR001' })).toBe(true);
  });

  it('claims a render only for a newer version', async () => {
    const request = makeRequest();
    await store.create(request);

    expect(await store.claimRender(request.id, 3)).toBe(true);
    expect(await store.claimRender(request.id, 2)).toBe(false);
    expect(await store.claimRender(request.id, 3)).toBe(false);
    expect(await store.claimRender(request.id, 4)).toBe(true);
    expect(await store.claimRender('R-missing', 1)).toBe(false);
  });
});

describe('DynamoAuditLog', () => {
  it('appends once per id and never overwrites', async () => {
    const audit = new DynamoAuditLog(table);
    const record = {
      id: 'R9#requested',
      requestId: 'R9',
      event: 'requested' as const,
      at: '2026-11-22T06:00:00Z',
      detail: { operation: 'space.delete' },
    };

    await audit.append(record);
    await audit.append({ ...record, detail: { operation: 'changed' } });
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: 'audit#R9', sk: 'R9#requested' } }),
    );

    expect(Item?.detail).toEqual({ operation: 'space.delete' });
    expect(Item?.expiresAt).toBeUndefined();
  });
});

describe('the pending listing', () => {
  it('lists pending requests newest first, and one requester’s only when asked', async () => {
    const older = makeRequest({ createdAt: '2026-11-22T06:10:00.000Z' });
    const newer = makeRequest({
      createdAt: '2026-11-22T06:20:00.000Z',
      requester: { teamId: 'T0LOCAL01', userId: 'U0CAROL01' },
    });
    await store.create(older);
    await store.create(newer);

    const ids = (await store.listPending()).map((r) => r.id);
    const carols = (await store.listPending({ requesterUserId: 'U0CAROL01' })).map((r) => r.id);

    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(carols).toContain(newer.id);
    expect(carols).not.toContain(older.id);
  });

  it('drops a request from the listing with the write that ends it, keeping it readable', async () => {
    const request = makeRequest({ createdAt: '2026-11-22T06:30:00.000Z' });
    await store.create(request);
    await store.update(request.id, 1, { status: 'CANCELLED' });

    expect((await store.listPending()).map((r) => r.id)).not.toContain(request.id);
    expect((await store.get(request.id))?.status).toBe('CANCELLED');
  });

  it('keeps a request listed through writes that leave it pending', async () => {
    const request = makeRequest({ createdAt: '2026-11-22T06:40:00.000Z' });
    await store.create(request);
    await store.update(request.id, 1, { approvals: ['U0BOB0001'] });

    expect((await store.listPending()).map((r) => r.id)).toContain(request.id);
  });
});

describe('the audit listing', () => {
  const audit = () => new DynamoAuditLog(table);
  const record = (requestId: string, at: string, actor?: string) => ({
    id: `${requestId}#requested`,
    requestId,
    event: 'requested' as const,
    at,
    ...(actor ? { actor } : {}),
    detail: { command: 'space delete staging' },
  });

  it('lists records since a time, newest first, page by page', async () => {
    const log = audit();
    await log.append(record('A1', '2030-11-20T00:00:00.000Z', 'U0ALICE01'));
    await log.append(record('A2', '2030-11-21T00:00:00.000Z', 'U0ALICE01'));
    await log.append(record('A3', '2030-11-21T12:00:00.000Z', 'U0BOB0001'));

    const first = await log.list({ since: new Date('2030-11-20T12:00:00Z'), limit: 1 });
    const second = await log.list({
      since: new Date('2030-11-20T12:00:00Z'),
      limit: 1,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });

    expect(first.items.map((r) => r.requestId)).toEqual(['A3']);
    expect(second.items.map((r) => r.requestId)).toEqual(['A2']);
    expect(first.items[0]).toEqual(record('A3', '2030-11-21T12:00:00.000Z', 'U0BOB0001'));
  });

  it("lists one actor's records only when asked", async () => {
    const log = audit();
    await log.append(record('B1', '2030-11-22T01:00:00.000Z', 'U0CAROL01'));
    await log.append(record('B2', '2030-11-22T02:00:00.000Z', 'U0DAVE001'));

    const page = await log.list({ since: new Date('2030-11-22T00:00:00Z'), actor: 'U0CAROL01' });

    expect(page.items.map((r) => r.requestId)).toEqual(['B1']);
  });
});
