import { describe, expect, it } from 'vitest';
import { translateArizeError } from '../../../src/adapters/arize/arize-errors.ts';
import {
  createConcurrencyLimit,
  mapWithConcurrency,
} from '../../../src/adapters/arize/concurrency-limit.ts';
import { didYouMean, nearNames } from '../../../src/adapters/arize/near-names.ts';
import { reconcileCreate } from '../../../src/adapters/arize/reconcile-create.ts';
import { isResourceId } from '../../../src/adapters/arize/resource-id.ts';
import { parseRetryAfter } from '../../../src/adapters/arize/retry-policy.ts';
import { createTokenBucket } from '../../../src/adapters/arize/token-bucket.ts';
import {
  ArizeHttpError,
  ArizeTransportError,
} from '../../../src/adapters/arize/transport-errors.ts';
import { ErrorCodes } from '../../../src/domain/errors.ts';
import { fakeTime } from './fake-time.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const http = (
  status: number,
  detail?: string,
  extra: { outcomeUnknown?: boolean; retryAfterMs?: number } = {},
) =>
  new ArizeHttpError(
    status,
    { status, ...(detail ? { detail } : {}) },
    { method: 'GET', path: '/v2/x', ...extra },
  );

describe('isResourceId', () => {
  it.each([
    [b64('Space:12345'), true],
    [b64('Organization:1:aBcD'), true],
    ['QWNjb3VudE9yZ2FuaXphdGlvbjox', true],
    ['production', false],
    ['spc_001', false],
    [b64('no colon here'), false],
    [b64('Space:1').replace(/=+$/, ''), false], // missing padding is not strict base64
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isResourceId(value)).toBe(expected);
  });
});

describe('near names', () => {
  it('suggests the space a typo meant', () => {
    expect(didYouMean('prodution', ['production', 'staging', 'experiments'])).toBe(
      " Did you mean 'production'?",
    );
  });
  it('suggests names differing only in case, and nothing for unrelated input', () => {
    expect(nearNames('Staging', ['staging', 'production'])).toEqual(['staging']);
    expect(didYouMean('zzzzzz', ['production', 'staging'])).toBe('');
  });
});

describe('token bucket', () => {
  it('spaces takes at the refill rate after the burst', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket({
      capacity: 1,
      refillPerSecond: 10,
      now: time.now,
      sleep: time.sleep,
    });
    const start = time.now();
    for (let i = 0; i < 11; i++) await bucket.take();
    expect(time.now() - start).toBe(1_000);
  });
  it('holds every caller during a pause', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket({
      capacity: 5,
      refillPerSecond: 100,
      now: time.now,
      sleep: time.sleep,
    });
    bucket.pauseUntil(time.now() + 2_000);
    const start = time.now();
    await bucket.take();
    expect(time.now() - start).toBeGreaterThanOrEqual(2_000);
  });
});

describe('adaptive rate', () => {
  it('halves the rate once per 429 pause and wins it back with successes', () => {
    const time = fakeTime();
    const bucket = createTokenBucket({
      capacity: 1,
      refillPerSecond: 100,
      now: time.now,
      sleep: time.sleep,
    });
    bucket.throttled(time.now() + 1_000);
    bucket.throttled(time.now() + 1_000); // same pause: no second cut
    expect(bucket.currentRate()).toBe(50);
    for (let i = 0; i < 100; i++) bucket.succeeded();
    expect(bucket.currentRate()).toBeCloseTo(60);
    for (let i = 0; i < 1_000; i++) bucket.succeeded();
    expect(bucket.currentRate()).toBe(100);
  });
});

describe('concurrency', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
      return n * 2;
    });
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
    const limit = createConcurrencyLimit(1);
    expect(await Promise.all([limit.run(async () => 'a'), limit.run(async () => 'b')])).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', 0)).toBe(2_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 5_000)).toBe(5_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('translateArizeError', () => {
  const context = {
    action: 'add the user to the space',
    target: 'space X',
    secrets: ['ak-secret-key-123456'],
  };
  it.each([
    [400, ErrorCodes.arizeInvalid],
    [422, ErrorCodes.arizeInvalid],
    [401, ErrorCodes.arizeAuthFailed],
    [403, ErrorCodes.arizeForbidden],
    [404, ErrorCodes.arizeNotFound],
    [409, ErrorCodes.arizeConflict],
    [429, ErrorCodes.arizeRateLimited],
    [500, ErrorCodes.arizeUnavailable],
    [503, ErrorCodes.arizeUnavailable],
  ])('maps HTTP %i to %s and keeps the vendor error as cause', (status, code) => {
    const vendor = http(status, 'Some detail.');
    const error = translateArizeError(vendor, context);
    expect(error.code).toBe(code);
    expect(error.cause).toBe(vendor);
    expect(error.message).not.toMatch(/at .*\.ts:\d+/);
  });
  it("quotes Arize's detail for invalid requests", () => {
    const error = translateArizeError(
      http(400, "The user must be a member of the space's organization."),
      context,
    );
    expect(error.message).toBe(
      "Arize rejected the request to add the user to the space. Arize said: The user must be a member of the space's organization.",
    );
  });
  it('names the target of a not-found', () => {
    expect(translateArizeError(http(404), context).message).toContain('could not find space X');
  });
  it('never repeats a key found in the vendor detail', () => {
    const error = translateArizeError(
      http(400, 'bad key ak-secret-key-123456 and Bearer abcdef'),
      context,
    );
    expect(error.message).not.toContain('ak-secret-key-123456');
    expect(error.message).not.toContain('abcdef');
  });
  it('says when an outcome is unknown', () => {
    const error = translateArizeError(
      new ArizeTransportError('timeout', {
        method: 'POST',
        path: '/v2/spaces',
        outcomeUnknown: true,
      }),
      context,
    );
    expect(error.code).toBe(ErrorCodes.arizeUnavailable);
    expect(error.message).toContain('may or may not have happened');
  });
  it('tells how long to wait when rate limited', () => {
    expect(
      translateArizeError(http(429, undefined, { retryAfterMs: 30_000 }), context).message,
    ).toContain('30 s');
  });
});

describe('reconcileCreate', () => {
  const unknown = () => http(503, 'down', { outcomeUnknown: true });
  it('returns what a lost attempt created instead of creating again', async () => {
    let creates = 0;
    const result = await reconcileCreate({
      create: async () => {
        creates += 1;
        throw unknown();
      },
      find: async () => 'existing',
    });
    expect(result).toBe('existing');
    expect(creates).toBe(1);
  });
  it('creates again only after reading that nothing exists', async () => {
    const log: string[] = [];
    const result = await reconcileCreate({
      create: async () => {
        log.push('create');
        if (log.length === 1) throw unknown();
        return 'made';
      },
      find: async () => {
        log.push('find');
        return undefined;
      },
    });
    expect(result).toBe('made');
    expect(log).toEqual(['create', 'find', 'create']);
  });
  it('passes a definite failure through without reading', async () => {
    const error = await reconcileCreate({
      create: async () => {
        throw http(409, 'exists');
      },
      find: async () => 'never',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409 });
  });
});
