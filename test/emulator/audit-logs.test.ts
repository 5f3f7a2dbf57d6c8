import { createApiKey, listAuditLogs } from '@arizeai/ax-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER_KEYS } from '../../src/local/arize-emulator/index.ts';
import { type DemoIds, demoIds } from './support/demo.ts';
import { type EmulatorTarget, raw, startEmulatorTarget } from './support/target.ts';

let t: EmulatorTarget;
let ids: DemoIds;
let nowMs = Date.parse('2026-03-01T12:00:00.000Z');

beforeAll(async () => {
  t = await startEmulatorTarget({ now: () => new Date(nowMs) });
  ids = await demoIds(t.client);
});
afterAll(() => t.close());
beforeEach(() => {
  nowMs = Date.parse('2026-03-01T12:00:00.000Z');
  t.emulator.reset();
});

describe('audit logs', () => {
  it('records mutations newest first, with filters', async () => {
    await createApiKey({ client: t.client, keyType: 'USER', name: 'one' });
    nowMs += 1000;
    await raw(t, 'POST', '/v2/organizations', { body: { name: 'Audited' } });
    const logs = await listAuditLogs({ client: t.client });
    expect(logs.data.map((l) => l.operationName)).toEqual(['createOrganization', 'createApiKey']);
    expect(logs.data[0]).toMatchObject({
      operationType: 'MUTATION',
      userId: ids.user('arize-ops-bot@example.com'),
    });
    expect(logs.data[0]?.operationText).toContain('Audited');
    const since = await listAuditLogs({ client: t.client, startTime: new Date(nowMs) });
    expect(since.data.map((l) => l.operationName)).toEqual(['createOrganization']);
    const paged = await listAuditLogs({ client: t.client, limit: 1 });
    const rest = await listAuditLogs({
      client: t.client,
      limit: 1,
      cursor: paged.pagination.nextCursor,
    });
    expect(rest.data.map((l) => l.operationName)).toEqual(['createApiKey']);
    expect(rest.pagination.hasMore).toBe(false);
  });

  it('answers 403 to non-admins and when audit logging is off', async () => {
    expect((await raw(t, 'GET', '/v2/audit-logs', { key: DEMO_USER_KEYS.bob })).status).toBe(403);
    t.emulator.seedFrom({
      account: { name: 'x', auditLogging: false },
      users: [{ name: 'a', email: 'arize-ops-bot@example.com', role: 'ADMIN' }],
    });
    expect((await raw(t, 'GET', '/v2/audit-logs')).status).toBe(403);
  });
});
