import { describe, expect, it } from 'vitest';
import { DynamoApprovalStore } from '../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { type Harness, request, useHarness } from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const ids = (requests: { id: string }[]) => requests.map((r) => r.id);

describe('the sweep listings (sparse gsi1 partitions, no scan)', () => {
  it('moves a request from pending to in flight and out, in the write that changes its status', async () => {
    const at = new Date('2026-11-22T07:00:00.000Z');
    const store = new DynamoApprovalStore(h.table, { now: () => at });
    const { request: req } = await request(h, 'space delete staging');
    expect(ids(await store.listInFlight())).not.toContain(req.id);

    const approved = await store.update(req.id, req.version, { status: 'APPROVED' });
    expect(approved?.statusChangedAt).toBe(at.toISOString());
    expect(ids(await store.listInFlight())).toContain(req.id);
    expect(ids(await store.listPending())).not.toContain(req.id);

    const counted = await store.update(req.id, approved!.version, { requeues: 1 });
    expect(counted?.statusChangedAt).toBe(at.toISOString());
    expect(ids(await store.listInFlight())).toContain(req.id);

    const executing = await store.update(req.id, counted!.version, { status: 'EXECUTING' });
    expect((await store.listInFlight()).find((r) => r.id === req.id)?.status).toBe('EXECUTING');

    await store.update(req.id, executing!.version, { status: 'SUCCEEDED' });
    expect(ids(await store.listInFlight())).not.toContain(req.id);
  });

  it('lists pending requests at or past their expiry only', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const expiry = new Date(req.expiresAt);

    expect(ids(await h.store.listExpired(new Date(expiry.getTime() - 1)))).not.toContain(req.id);
    expect(ids(await h.store.listExpired(expiry))).toContain(req.id);

    await h.store.update(req.id, req.version, { status: 'CANCELLED' });
    expect(ids(await h.store.listExpired(expiry))).not.toContain(req.id);
  });
});
