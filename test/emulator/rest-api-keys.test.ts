import {
  addSpaceUser,
  createApiKey,
  getSpace,
  listApiKeys,
  listSpaces,
  refreshApiKey,
  revokeApiKey,
} from '@arizeai/ax-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SERVICE_KEYS, DEMO_USER_KEYS } from '../../src/local/arize-emulator/index.ts';
import { type DemoIds, demoIds } from './support/demo.ts';
import { GET_SPACE_USERS, gql } from './support/graphql.ts';
import { type EmulatorTarget, raw, startEmulatorTarget, statusOf } from './support/target.ts';

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

const spacesSeenBy = async (key: string): Promise<number> =>
  (await raw(t, 'GET', '/v2/spaces', { key })).status;

describe('API keys', () => {
  it('returns the raw key only at creation; lists show it redacted', async () => {
    const created = await createApiKey({ client: t.client, keyType: 'USER', name: 'laptop' });
    expect(created.key).toMatch(/^ak-[A-Za-z0-9]{40}$/);
    expect(created.redactedKey).toBe(`${created.key.slice(0, 6)}...${created.key.slice(-3)}`);
    const listed = await raw(t, 'GET', '/v2/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.key);
    expect(listed.body.api_keys.map((k: { name: string }) => k.name)).toEqual([
      'arize-ops admin',
      'laptop',
    ]);
    expect(await spacesSeenBy(created.key)).toBe(200);
  });

  it('revokes idempotently with 204; the key then gets 401 and lists as REVOKED', async () => {
    const created = await createApiKey({ client: t.client, keyType: 'USER', name: 'temp' });
    const first = await raw(t, 'PUT', `/v2/api-keys/${created.id}/revoke`);
    expect(first.status).toBe(204);
    expect((await raw(t, 'PUT', `/v2/api-keys/${created.id}/revoke`)).status).toBe(204);
    expect(await spacesSeenBy(created.key)).toBe(401);
    const revoked = await listApiKeys({ client: t.client, status: 'REVOKED' });
    expect(revoked.data.map((k) => k.name)).toEqual(['temp']);
    expect(t.emulator.mutations().map((m) => m.operation)).toEqual([
      'createApiKey',
      'revokeApiKey',
    ]);
  });

  it('expires a key at expires_at (401)', async () => {
    const created = await createApiKey({
      client: t.client,
      keyType: 'USER',
      name: 'short',
      expiresAt: new Date(nowMs + 60_000),
    });
    expect(await spacesSeenBy(created.key)).toBe(200);
    nowMs += 61_000;
    expect(await spacesSeenBy(created.key)).toBe(401);
  });

  it('refreshes with a grace period: same id, new secret, old secret valid until the grace ends', async () => {
    const created = await createApiKey({ client: t.client, keyType: 'USER', name: 'rotating' });
    const refreshed = await refreshApiKey({
      client: t.client,
      apiKeyId: created.id,
      gracePeriodSeconds: 300,
    });
    expect(refreshed.id).toBe(created.id);
    expect(refreshed.key).not.toBe(created.key);
    expect(await spacesSeenBy(created.key)).toBe(200);
    expect(await spacesSeenBy(refreshed.key)).toBe(200);
    nowMs += 301_000;
    expect(await spacesSeenBy(created.key)).toBe(401);
    expect(await spacesSeenBy(refreshed.key)).toBe(200);
  });

  it('revokes the old secret at once without a grace period', async () => {
    const created = await createApiKey({ client: t.client, keyType: 'USER', name: 'now' });
    await refreshApiKey({ client: t.client, apiKeyId: created.id });
    expect(await spacesSeenBy(created.key)).toBe(401);
  });

  it('enforces the expiry rules of refresh with 422 and the grace bound with 400', async () => {
    const expiring = await createApiKey({
      client: t.client,
      keyType: 'USER',
      name: 'exp',
      expiresAt: new Date(nowMs + 86_400_000),
    });
    const path = `/v2/api-keys/${expiring.id}/refresh`;
    expect((await raw(t, 'POST', path, { body: {} })).status).toBe(422);
    expect(
      (
        await raw(t, 'POST', path, {
          body: { expires_at: new Date(nowMs + 2 * 86_400_000).toISOString() },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await raw(t, 'POST', path, {
          body: { grace_period_seconds: 86_401, expires_at: new Date(nowMs + 1000).toISOString() },
        })
      ).status,
    ).toBe(400);
    const ok = await raw(t, 'POST', path, {
      body: { expires_at: new Date(nowMs + 3_600_000).toISOString() },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.expires_at).toBe(new Date(nowMs + 3_600_000).toISOString());
  });

  it('creates a service key with a bot user and resolved default roles', async () => {
    const staging = ids.space('Acme ML', 'staging');
    const created = await createApiKey({
      client: t.client,
      keyType: 'SERVICE',
      name: 'etl',
      organizations: [{ orgId: ids.org('Acme ML'), spaces: [{ spaceId: staging }] }],
    });
    expect(created.keyType).toBe('SERVICE');
    if (created.keyType !== 'SERVICE') return;
    expect(created.botUser?.accountRole).toMatchObject({ name: 'MEMBER' });
    expect(created.botUser?.organizations).toEqual([
      {
        orgId: ids.org('Acme ML'),
        role: { type: 'PREDEFINED', name: 'READ_ONLY' },
        spaces: [{ spaceId: staging, role: { type: 'PREDEFINED', name: 'MEMBER' } }],
      },
    ]);
    const listed = await listApiKeys({ client: t.client, spaceId: staging });
    expect(listed.data.map((k) => k.name)).toEqual(['etl']);
  });

  it.each([
    [
      'an ANNOTATOR space role',
      { role: undefined, spaceRole: { type: 'PREDEFINED', name: 'ANNOTATOR' } },
      422,
    ],
    [
      'a CUSTOM org role',
      { role: { type: 'CUSTOM', id: 'Um9sZToxOmFi' }, spaceRole: undefined },
      422,
    ],
    ['an ANNOTATOR account role', { account: { type: 'PREDEFINED', name: 'ANNOTATOR' } }, 422],
    ['no spaces', { noSpaces: true }, 400],
  ])('refuses a service key with %s', async (_label, c: Record<string, unknown>, status) => {
    const space = {
      space_id: ids.space('Acme ML', 'staging'),
      ...(c.spaceRole ? { role: c.spaceRole } : {}),
    };
    const org = {
      org_id: ids.org('Acme ML'),
      ...(c.role ? { role: c.role } : {}),
      spaces: c.noSpaces ? [] : [space],
    };
    const body = {
      key_type: 'SERVICE',
      name: 'bad',
      organizations: [org],
      ...(c.account ? { account_role: c.account } : {}),
    };
    expect((await raw(t, 'POST', '/v2/api-keys', { body })).status).toBe(status);
  });

  it('refuses a service key in a space outside its org (422) and roles above the caller (422)', async () => {
    const body = (spaceId: string, role?: string) => ({
      key_type: 'SERVICE',
      name: 'x',
      organizations: [
        {
          org_id: ids.org('Acme ML'),
          spaces: [
            { space_id: spaceId, ...(role ? { role: { type: 'PREDEFINED', name: role } } : {}) },
          ],
        },
      ],
    });
    expect(
      (
        await raw(t, 'POST', '/v2/api-keys', {
          body: body(ids.space('Research Lab', 'experiments')),
        })
      ).status,
    ).toBe(422);
    const bobAboveOwnRole = await raw(t, 'POST', '/v2/api-keys', {
      key: DEMO_USER_KEYS.bob,
      body: body(ids.space('Acme ML', 'staging'), 'ADMIN'),
    });
    expect(bobAboveOwnRole.status).toBe(422);
    const asDave = await raw(t, 'POST', '/v2/api-keys', {
      key: DEMO_USER_KEYS.dave,
      body: body(ids.space('Acme ML', 'production')),
    });
    expect(asDave.status).toBe(403);
  });

  it('lets a service key act only within its spaces and roles', async () => {
    const svc = t.clientFor(DEMO_SERVICE_KEYS.ciPipeline);
    const visible = await listSpaces({ client: svc });
    expect(visible.data.map((s) => s.name)).toEqual(['production']);
    expect(await statusOf(getSpace({ client: svc, space: ids.space('Acme ML', 'staging') }))).toBe(
      404,
    );
    const add = addSpaceUser({
      client: svc,
      spaceId: ids.space('Acme ML', 'production'),
      userId: ids.user('heidi@example.com'),
      role: { type: 'PREDEFINED', name: 'MEMBER' },
    });
    expect(await statusOf(add)).toBe(403);
    expect(
      (
        await raw(t, 'POST', '/v2/organizations', {
          key: DEMO_SERVICE_KEYS.ciPipeline,
          body: { name: 'svc org' },
        })
      ).status,
    ).toBe(403);
  });

  it("removes a revoked service key's bot user from its spaces", async () => {
    const production = ids.space('Acme ML', 'production');
    const keys = await listApiKeys({ client: t.client, spaceId: production });
    const ci = keys.data.find((k) => k.name === 'ci-pipeline');
    await revokeApiKey({ client: t.client, apiKeyId: ci?.id ?? '' });
    const vars = { spaceId: production, first: 50, endCursor: null, search: null, userType: 'bot' };
    const members = await gql(t.baseUrl, t.apiKey, GET_SPACE_USERS, vars);
    const names = members.body.data.node.spaceUsers.edges.map(
      (e: { node: { user: { name: string } } }) => e.node.user.name,
    );
    expect(names).toEqual(['model-monitor']);
    expect(await spacesSeenBy(DEMO_SERVICE_KEYS.ciPipeline)).toBe(401);
  });

  it("hides another developer's user key (404) and limits user_id listing to admins (403)", async () => {
    const bobKeys = await listApiKeys({ client: t.clientFor(DEMO_USER_KEYS.bob) });
    const bobKey = bobKeys.data[0];
    expect(bobKey?.name).toBe('bob laptop');
    expect(
      (await raw(t, 'PUT', `/v2/api-keys/${bobKey?.id}/revoke`, { key: DEMO_USER_KEYS.dave }))
        .status,
    ).toBe(404);
    expect(
      (
        await raw(t, 'GET', `/v2/api-keys?user_id=${ids.user('bob@example.com')}`, {
          key: DEMO_USER_KEYS.dave,
        })
      ).status,
    ).toBe(403);
    const asAdmin = await listApiKeys({ client: t.client, userId: ids.user('bob@example.com') });
    expect(asAdmin.data.map((k) => k.id)).toEqual([bobKey?.id]);
  });

  it.each([
    ['key_type=SERVICE', 400],
    ['status=DELETED', 400],
    ['key_type=USER&space_id=__SPACE__', 400],
  ])('answers %s with %i', async (query, status) => {
    const q = query.replace('__SPACE__', ids.space('Acme ML', 'production'));
    expect((await raw(t, 'GET', `/v2/api-keys?${q}`)).status).toBe(status);
  });
});
