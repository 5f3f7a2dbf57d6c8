import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConcurrencyLimit } from '../../../src/adapters/arize/concurrency-limit.ts';
import { createResilientFetch } from '../../../src/adapters/arize/resilient-fetch.ts';
import { classifyRestRequest, type RetryPolicy } from '../../../src/adapters/arize/retry-policy.ts';
import { createTokenBucket } from '../../../src/adapters/arize/token-bucket.ts';
import {
  ArizeHttpError,
  ArizeTransportError,
} from '../../../src/adapters/arize/transport-errors.ts';
import { fakeTime } from './fake-time.ts';
import { type Handler, sendJson, startTinyServer } from './tiny-server.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function setup(
  handler: Handler,
  overrides: Partial<RetryPolicy> = {},
  refresh?: () => Promise<string>,
) {
  const server = await startTinyServer(handler);
  close = server.close;
  const time = fakeTime();
  const policy: RetryPolicy = {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    timeoutMs: 2_000,
    retryBudgetMs: 60_000,
    safetyMarginMs: 1_000,
    sleep: time.sleep,
    random: () => 0.5,
    now: time.now,
    ...overrides,
  };
  let key = 'key-1';
  const fetchFn = createResilientFetch({
    fetch,
    credential: {
      get: async () => key,
      apply: (headers, k) => headers.set('authorization', `Bearer ${k}`),
      ...(refresh
        ? {
            refresh: async () => {
              key = await refresh();
              return key;
            },
          }
        : {}),
    },
    classify: (method, url) => classifyRestRequest(method, url.pathname),
    bucket: createTokenBucket({
      capacity: 100,
      refillPerSecond: 1000,
      now: time.now,
      sleep: time.sleep,
    }),
    limit: createConcurrencyLimit(4),
    policy,
  });
  return { server, time, fetchFn };
}

/** A handler answering with the given statuses in turn, then 200. */
const sequence = (statuses: number[], headers: Record<string, string> = {}): Handler => {
  let i = 0;
  return (_req, res) => {
    const status = statuses[i++] ?? 200;
    if (status === 200) return sendJson(res, 200, { ok: true });
    if (status === 204) {
      res.writeHead(204);
      return res.end();
    }
    return sendJson(res, status, { status, title: 'x', detail: `failure ${status}` }, headers);
  };
};

describe('resilient fetch', () => {
  it('retries an idempotent GET on 502, 503 and 504 with full-jitter backoff', async () => {
    const { server, time, fetchFn } = await setup(sequence([502, 503, 504]));
    const response = await fetchFn(`${server.url}/v2/spaces`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(server.seen).toHaveLength(4);
    // random() = 0.5 of min(max, base × 2^attempt)
    expect(time.sleeps).toEqual([50, 100, 200]);
  });

  it('honours Retry-After in seconds on 429 and adds the bearer key', async () => {
    const { server, time, fetchFn } = await setup(sequence([429], { 'retry-after': '3' }));
    const response = await fetchFn(`${server.url}/v2/organizations`);
    expect(response.status).toBe(200);
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(3_000);
    expect(server.seen.every((r) => r.headers.authorization === 'Bearer key-1')).toBe(true);
  });

  it('gives up after maxAttempts with the last status', async () => {
    const { server, fetchFn } = await setup(sequence([503, 503, 503, 503, 503]));
    const error = await fetchFn(`${server.url}/v2/spaces`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArizeHttpError);
    expect((error as ArizeHttpError).status).toBe(503);
    expect(server.seen).toHaveLength(4);
  });

  it('never repeats a create after a 503: it reports an unknown outcome instead', async () => {
    const { server, fetchFn } = await setup(sequence([503]));
    const error = await fetchFn(`${server.url}/v2/spaces`, { method: 'POST', body: '{}' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArizeHttpError);
    expect((error as ArizeHttpError).outcomeUnknown).toBe(true);
    expect(server.seen).toHaveLength(1);
  });

  it('repeats a create after a 429, which Arize did not act on', async () => {
    const { server, fetchFn } = await setup(sequence([429, 429], { 'retry-after': '1' }));
    const response = await fetchFn(`${server.url}/v2/spaces`, {
      method: 'POST',
      body: '{"name":"a"}',
    });
    expect(response.status).toBe(200);
    expect(server.seen.map((r) => r.body)).toEqual([
      '{"name":"a"}',
      '{"name":"a"}',
      '{"name":"a"}',
    ]);
  });

  it('repeats a membership upsert after a 503 (it is idempotent)', async () => {
    const { server, fetchFn } = await setup(sequence([503]));
    const response = await fetchFn(`${server.url}/v2/spaces/U3BhY2U6MQ==/users`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(server.seen).toHaveLength(2);
  });

  it('times out a hung GET and retries it', async () => {
    let calls = 0;
    const { server, fetchFn } = await setup(
      (_req, res) => {
        calls += 1;
        if (calls === 1) return; // never answers
        sendJson(res, 200, { ok: true });
      },
      { timeoutMs: 150 },
    );
    const response = await fetchFn(`${server.url}/v2/users`);
    expect(response.status).toBe(200);
    expect(server.seen).toHaveLength(2);
  });

  it('reports a hung create as an unknown outcome without repeating it', async () => {
    const { server, fetchFn } = await setup(() => undefined, { timeoutMs: 150 });
    const error = await fetchFn(`${server.url}/v2/organizations`, {
      method: 'POST',
      body: '{}',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArizeTransportError);
    expect(error).toMatchObject({ kind: 'timeout', outcomeUnknown: true });
    expect(server.seen).toHaveLength(1);
  });

  it('re-reads the key once after a 401 and succeeds with the new one', async () => {
    const refresh = vi.fn(async () => 'key-2');
    const { server, fetchFn } = await setup(
      (req, res) =>
        req.headers.authorization === 'Bearer key-2'
          ? sendJson(res, 200, { ok: true })
          : sendJson(res, 401, { status: 401, title: 'Authentication required' }),
      {},
      refresh,
    );
    const response = await fetchFn(`${server.url}/v2/spaces`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.seen.map((r) => r.headers.authorization)).toEqual([
      'Bearer key-1',
      'Bearer key-2',
    ]);
  });

  it('fails with 401 when the refreshed key is refused too, refreshing only once', async () => {
    const refresh = vi.fn(async () => 'key-2');
    const { server, fetchFn } = await setup(sequence([401, 401, 401]), {}, refresh);
    const error = await fetchFn(`${server.url}/v2/spaces`).catch((e: unknown) => e);
    expect((error as ArizeHttpError).status).toBe(401);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.seen).toHaveLength(2);
  });

  it('stops retrying when the Lambda has no time left for another attempt', async () => {
    const { server, fetchFn } = await setup(sequence([503, 503, 503]), {
      remainingTimeMs: () => 1_100, // 100 ms after the safety margin
    });
    const error = await fetchFn(`${server.url}/v2/spaces`).catch((e: unknown) => e);
    expect((error as ArizeHttpError).status).toBe(503);
    expect(server.seen).toHaveLength(2);
  });

  it('does not wait out a Retry-After longer than the budget', async () => {
    const { server, time, fetchFn } = await setup(sequence([429], { 'retry-after': '120' }));
    const error = await fetchFn(`${server.url}/v2/spaces`).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(time.sleeps).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  it('fails fast instead of queueing behind a Retry-After pause longer than its budget', async () => {
    const { server, time, fetchFn } = await setup(sequence([429], { 'retry-after': '120' }));
    await fetchFn(`${server.url}/v2/spaces`).catch(() => undefined);
    const started = time.now();
    const error = await fetchFn(`${server.url}/v2/users`).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
    expect((error as ArizeHttpError).retryAfterMs).toBeGreaterThan(100_000);
    expect(time.now() - started).toBe(0);
    expect(server.seen).toHaveLength(1);
  });

  it('treats a 404 on a repeated DELETE as done', async () => {
    const { server, fetchFn } = await setup(sequence([503, 404]));
    const response = await fetchFn(`${server.url}/v2/spaces/U3BhY2U6MQ==`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(server.seen).toHaveLength(2);
  });

  it('keeps a plain 404 as an error', async () => {
    const { server, fetchFn } = await setup(sequence([404]));
    const error = await fetchFn(`${server.url}/v2/spaces/U3BhY2U6MQ==`, { method: 'DELETE' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 404, problem: { detail: 'failure 404' } });
  });

  it('repeats a create whose connection was refused (it never reached Arize)', async () => {
    const { server, fetchFn } = await setup(sequence([]));
    const dead = await startTinyServer(() => undefined);
    await dead.close();
    const error = await fetchFn(`${dead.url}/v2/spaces`, { method: 'POST', body: '{}' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: false });
    expect(server.seen).toHaveLength(0);
  });
});
