import { createClient, listOrganizations, listSpaces, listUsers } from '@arizeai/ax-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../src/local/arize-emulator/index.ts';

let emulator: ArizeEmulator;

beforeAll(async () => {
  emulator = await startArizeEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('walking skeleton: demo account over REST', () => {
  it('lists the demo spaces of both orgs, "production" twice', async () => {
    const client = createClient({ baseUrl: emulator.url, apiKey: DEMO_ADMIN_API_KEY });
    const page = await listSpaces({ client, limit: 100 });
    const names = page.data.map((s) => s.name).sort();
    expect(names).toEqual([
      'experiments',
      'fraud-detection',
      'production',
      'production',
      'staging',
    ]);
    expect(page.pagination.hasMore).toBe(false);
  });

  it('lists the two demo organizations', async () => {
    const client = createClient({ baseUrl: emulator.url, apiKey: DEMO_ADMIN_API_KEY });
    const page = await listOrganizations({ client });
    expect(page.data.map((o) => o.name)).toEqual(['Acme ML', 'Research Lab']);
  });

  it('filters users by a case-insensitive email substring', async () => {
    const client = createClient({ baseUrl: emulator.url, apiKey: DEMO_ADMIN_API_KEY });
    const page = await listUsers({ client, email: 'ALICE@' });
    expect(page.data.map((u) => u.name)).toEqual(['Alice Admin']);
  });

  it('answers 401 with a problem body for an unknown key', async () => {
    const response = await fetch(`${emulator.url}/v2/spaces`, {
      headers: { authorization: 'Bearer ak-not-a-real-key' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 401, title: 'Authentication required' });
  });
});
