import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArizeGateway } from '../../../src/adapters/arize/arize-gateway.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../../src/local/arize-emulator/index.ts';

const SENTINEL_KEY = 'sentinel-key-that-must-never-be-sent';
const saved = { base: process.env.ARIZE_BASE_URL, key: process.env.ARIZE_API_KEY };
let emulator: ArizeEmulator;

beforeAll(async () => {
  emulator = await startArizeEmulator({ port: 0 });
  // ax-client's default client would read these: an unreachable host and a key we can spot.
  process.env.ARIZE_BASE_URL = 'http://127.0.0.1:9';
  process.env.ARIZE_API_KEY = SENTINEL_KEY;
});
afterAll(async () => {
  for (const [name, value] of [
    ['ARIZE_BASE_URL', saved.base],
    ['ARIZE_API_KEY', saved.key],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await emulator.close();
});

describe('ax-client calls', () => {
  it('all go through our fetch, to our base URL, with our key', async () => {
    const seen: Array<{ method: string; url: string; auth: string | null }> = [];
    const spy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push({
        method: request.method,
        url: request.url,
        auth: request.headers.get('authorization'),
      });
      return fetch(request);
    };
    const gw = createArizeGateway({
      baseUrl: emulator.url,
      appUrl: emulator.url,
      apiKey: async () => DEMO_ADMIN_API_KEY,
      fetch: spy,
      maxRps: 500,
    });

    const org = await gw.createOrganization({ name: 'Env Check' });
    const orgs = await gw.listOrganizations();
    await gw.getOrganization(org.id);
    await gw.updateOrganization(org.id, { description: 'x' });
    const space = await gw.createSpace({ orgId: org.id, name: 'env-space' });
    await gw.listSpaces({ orgId: org.id });
    await gw.getSpace(space.id);
    await gw.updateSpace(space.id, { description: 'y' });
    const invited = await gw.createUser({
      name: 'Env User',
      email: 'env@example.com',
      role: 'MEMBER',
      inviteMode: 'EMAIL_LINK',
    });
    const userId = invited.user.id;
    await gw.listUsers({ email: 'env@example.com' });
    await gw.getUser(userId);
    await gw.updateUser(userId, { name: 'Env User 2' });
    await gw.resendInvitation(userId);
    await gw.addOrganizationUser(org.id, userId, 'MEMBER');
    await gw.addSpaceUser(space.id, userId, 'MEMBER');
    await gw.upsertSpaceMemberships([{ userId, spaceId: space.id }], 'READ_ONLY');
    await gw.removeSpaceUser(space.id, userId);
    await gw.removeOrganizationUser(org.id, userId);
    const key = await gw.createServiceApiKey({
      name: 'env-key',
      orgId: org.id,
      spaceId: space.id,
      spaceRole: 'MEMBER',
    });
    await gw.listApiKeys({ spaceId: space.id });
    const refreshed = await gw.refreshApiKey(key.id, {});
    await gw.revokeApiKey(refreshed.id);
    await gw.listAuditLogs({ limit: 5 });
    await gw.deleteUser(userId);
    await gw.deleteSpace(space.id);
    await gw.deleteOrganization(org.id);

    expect(orgs.items.length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThanOrEqual(27);
    for (const request of seen) {
      expect(request.url.startsWith(`${emulator.url}/v2/`)).toBe(true);
      expect(request.auth).toBe(`Bearer ${DEMO_ADMIN_API_KEY}`);
    }
    expect(JSON.stringify(seen)).not.toContain(SENTINEL_KEY);
    // Every change the emulator recorded came through the spied fetch.
    const changesSent = seen.filter((r) => r.method !== 'GET').length;
    expect(changesSent).toBe(18);
    expect(emulator.mutations()).toHaveLength(changesSent);
  });
});
