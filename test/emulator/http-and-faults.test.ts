import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorTarget, raw, startEmulatorTarget } from './support/target.ts';

let t: EmulatorTarget;

beforeAll(async () => {
  t = await startEmulatorTarget();
});
afterAll(() => t.close());
beforeEach(() => t.emulator.reset());

describe('HTTP surface', () => {
  it('answers problem+json bodies with the documented titles and types', async () => {
    const cases = [
      ['GET', '/v2/spaces/%%%', 400, 'Invalid request parameters', 'invalid-request'],
      ['GET', '/v2/nowhere', 404, 'Resource not found', 'resource-not-found'],
      ['POST', '/v2/organizations', 409, 'Resource conflict', 'resource-conflict'],
    ] as const;
    for (const [method, path, status, title, slug] of cases) {
      const response = await raw(
        t,
        method,
        path,
        status === 409 ? { body: { name: 'Acme ML' } } : {},
      );
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body).toMatchObject({
        status,
        title,
        type: `https://arize.com/docs/ax/rest-reference/errors#${slug}`,
        instance: path,
      });
    }
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const response = await raw(t, 'PUT', '/v2/organizations');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await raw(t, 'POST', '/v2/organizations', {
      rawBody: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
  });

  it('answers 204 with an empty body on delete', async () => {
    const created = await raw(t, 'POST', '/v2/organizations', { body: { name: 'Gone' } });
    const response = await fetch(`${t.baseUrl}/v2/organizations/${created.body.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.apiKey}` },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});

describe('faults', () => {
  it('rate limits with 429, Retry-After and a problem body, then recovers after reset', async () => {
    t.emulator.setFaults({ rateLimit: { capacity: 2, refillPerSecond: 0, retryAfterSeconds: 0 } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await raw(t, 'GET', '/v2/spaces')).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await raw(t, 'GET', '/v2/spaces');
    expect(limited.headers.get('retry-after')).toBe('0');
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(limited.body).toMatchObject({ status: 429, title: 'Rate limit exceeded' });
    t.emulator.reset();
    expect((await raw(t, 'GET', '/v2/spaces')).status).toBe(200);
  });

  it('computes Retry-After in whole seconds from the refill rate', async () => {
    t.emulator.setFaults({ rateLimit: { capacity: 1, refillPerSecond: 0.25 } });
    await raw(t, 'GET', '/v2/spaces');
    const limited = await raw(t, 'GET', '/v2/spaces');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(3);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(4);
  });

  it('applies a rule only to its route (operation name or method + path)', async () => {
    t.emulator.setFaults({
      routes: [
        { match: { operation: 'createSpace' }, errorRate: 1, errorStatus: 502 },
        { match: { method: 'GET', path: '/v2/users/*' }, errorRate: 1 },
      ],
    });
    expect((await raw(t, 'GET', '/v2/spaces')).status).toBe(200);
    const create = await raw(t, 'POST', '/v2/spaces', {
      body: { name: 'x', organization_id: 'T3JnYW5pemF0aW9uOjE6bTU=' },
    });
    expect(create.status).toBe(502);
    expect(create.body.status).toBe(502);
    const users = await raw(t, 'GET', '/v2/users');
    expect(users.status).toBe(200);
    const user = await raw(t, 'GET', `/v2/users/${users.body.users[0].id}`);
    expect(user.status).toBe(503);
    expect(t.emulator.mutations()).toEqual([]);
  });

  it('adds latency', async () => {
    t.emulator.setFaults({ latencyMs: 120 });
    const started = performance.now();
    await raw(t, 'GET', '/v2/organizations');
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('hangs a request until the client gives up', async () => {
    t.emulator.setFaults({ routes: [{ match: { operation: 'listSpaces' }, hangRate: 1 }] });
    const outcome = await fetch(`${t.baseUrl}/v2/spaces`, {
      headers: { authorization: `Bearer ${t.apiKey}` },
      signal: AbortSignal.timeout(200),
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect((await raw(t, 'GET', '/v2/organizations')).status).toBe(200);
  });

  it('draws errors from a seeded PRNG at the configured rate', async () => {
    t.emulator.setFaults({ errorRate: 0.5, randomSeed: 7 });
    let failures = 0;
    for (let i = 0; i < 40; i += 1)
      if ((await raw(t, 'GET', '/v2/organizations')).status === 503) failures += 1;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });
});

describe('admin endpoints', () => {
  it('sets and reads faults over HTTP without auth, and never faults themselves', async () => {
    const set = await raw(t, 'POST', '/_emulator/faults', { key: null, body: { errorRate: 1 } });
    expect(set.status).toBe(200);
    expect((await raw(t, 'GET', '/_emulator/faults', { key: null })).body).toEqual({
      errorRate: 1,
    });
    expect((await raw(t, 'GET', '/v2/spaces')).status).toBe(503);
    expect((await raw(t, 'GET', '/_emulator/health', { key: null })).status).toBe(200);
    expect(
      (await raw(t, 'POST', '/_emulator/faults', { key: null, body: { errorRate: 3 } })).status,
    ).toBe(400);
  });

  it('exposes the mutation log and resets state over HTTP', async () => {
    await raw(t, 'POST', '/v2/organizations', { body: { name: 'Logged' } });
    const log = await raw(t, 'GET', '/_emulator/mutations', { key: null });
    expect(log.body.mutations).toEqual([
      {
        seq: 1,
        at: expect.any(String),
        method: 'POST',
        path: '/v2/organizations',
        operation: 'createOrganization',
        resourceId: expect.any(String),
      },
    ]);
    expect((await raw(t, 'POST', '/_emulator/reset', { key: null })).status).toBe(204);
    expect((await raw(t, 'GET', '/_emulator/mutations', { key: null })).body.mutations).toEqual([]);
    const orgs = await raw(t, 'GET', '/v2/organizations?name=Logged');
    expect(orgs.body.organizations).toEqual([]);
  });

  it('loads a seed over HTTP and rejects an invalid one with 400', async () => {
    const seed = {
      users: [{ name: 'Solo', email: 'arize-ops-bot@example.com', role: 'ADMIN' }],
      organizations: [{ name: 'Only Org' }],
    };
    expect((await raw(t, 'POST', '/_emulator/seed', { key: null, body: seed })).status).toBe(204);
    expect(
      (await raw(t, 'GET', '/v2/organizations')).body.organizations.map(
        (o: { name: string }) => o.name,
      ),
    ).toEqual(['Only Org']);
    expect(
      (await raw(t, 'POST', '/_emulator/seed', { key: null, body: { users: 'no' } })).status,
    ).toBe(400);
  });
});
