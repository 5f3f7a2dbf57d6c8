import type { ArizeClient } from '@arizeai/ax-client';
import createClient, { type Client } from 'openapi-fetch';
import type { Metrics } from '../../app/ports.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';
import { type Credential, createResilientFetch } from './resilient-fetch.ts';
import { classifyRestRequest, type RetryPolicy } from './retry-policy.ts';
import { createTokenBucket, realSleep, type Sleep } from './token-bucket.ts';

/** Settings of the Arize gateway; config is passed in, never read from the environment here. */
export interface ArizeGatewayOptions {
  /** REST base URL (ARIZE_BASE_URL). */
  baseUrl: string;
  /** GraphQL and UI base URL (ARIZE_APP_URL). */
  appUrl: string;
  /** The admin API key, from the secret source (cached there). */
  apiKey: () => Promise<string>;
  /** Forces a re-read of the key after a 401 (used once per request). */
  refreshApiKey?: () => Promise<string>;
  /** The developer key for GraphQL (ARIZE_DEVELOPER_KEY); undefined when not configured. */
  developerKey?: () => Promise<string | undefined>;
  fetch?: typeof fetch;
  maxRps?: number;
  maxConcurrency?: number;
  timeoutMs?: number;
  /** GraphQL queries per minute (Arize allows 100). */
  graphqlMaxPerMinute?: number;
  /** Lambda's context.getRemainingTimeInMillis; bounds retries. */
  remainingTimeMs?: () => number;
  logger?: { warn(msg: string, data?: object): void; debug?(msg: string, data?: object): void };
  /** Counts every attempt by status with its latency, the retries and the 429s. */
  metrics?: Metrics;
  /**
   * REST burst size (default `interactiveBurst`, or a tenth of `maxRps` when that is more): any
   * window of t seconds holds at most `burst + maxRps × t` requests. A burst of 1 loses the
   * fraction of a token that timer overshoot leaves, so the achieved rate would sag below
   * `maxRps`, and it spaces even a command's first calls by 1/maxRps.
   */
  burst?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  retryBudgetMs?: number;
  safetyMarginMs?: number;
  /** Concurrency of bulk helpers (default `maxConcurrency`). */
  bulkConcurrency?: number;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

/** The REST client (ax-client's openapi-fetch type) over our resilient fetch. */
export type RestClient = ArizeClient;
// ax-client's exports map hides its generated `paths`; recover it from the client type.
type Paths = ArizeClient extends Client<infer P extends {}, infer _M> ? P : never;

export interface ArizeTransport {
  client: RestClient;
  policy: RetryPolicy;
  /** The keys seen so far, so error messages can be scrubbed of them. */
  secrets(): string[];
  seen: Set<string>;
  options: ArizeGatewayOptions;
}

/**
 * Calls an interactive command makes one after another (resolve the org, list, read the roles):
 * a bucket of one spaced them by 1/maxRps, 100 ms at 10 req/s and 500 ms at the stack's 2, before
 * the reply. Bulk and scheduled work keep the sustained rate; only this head start is added.
 */
export const interactiveBurst = 4;

export const DEFAULTS = {
  maxRps: 20,
  maxConcurrency: 8,
  timeoutMs: 10_000,
  graphqlMaxPerMinute: 100,
  maxAttempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 8_000,
  retryBudgetMs: 30_000,
  safetyMarginMs: 3_000,
} as const;

export function buildRetryPolicy(options: ArizeGatewayOptions): RetryPolicy {
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retryBudgetMs: options.retryBudgetMs ?? DEFAULTS.retryBudgetMs,
    safetyMarginMs: options.safetyMarginMs ?? DEFAULTS.safetyMarginMs,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
  if (options.remainingTimeMs) policy.remainingTimeMs = options.remainingTimeMs;
  return policy;
}

/** Shares one in-flight refresh between concurrent 401s; a refresh already done is reused. */
export function makeCredential(
  get: () => Promise<string>,
  refresh: (() => Promise<string>) | undefined,
  apply: (headers: Headers, key: string) => void,
  seen: Set<string>,
): Credential {
  let latest: string | undefined;
  let inflight: Promise<string> | undefined;
  const remember = (key: string) => {
    seen.add(key);
    latest = key;
    return key;
  };
  const credential: Credential = {
    get: async () => remember(await get()),
    apply,
  };
  if (refresh) {
    credential.refresh = async (stale) => {
      if (latest !== undefined && latest !== stale) return latest;
      inflight ??= refresh()
        .then(remember)
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    };
  }
  return credential;
}

export function createArizeTransport(options: ArizeGatewayOptions): ArizeTransport {
  const policy = buildRetryPolicy(options);
  const seen = new Set<string>();
  const maxRps = options.maxRps ?? DEFAULTS.maxRps;
  const bucket = createTokenBucket({
    capacity: options.burst ?? Math.max(interactiveBurst, Math.round(maxRps / 10)),
    refillPerSecond: maxRps,
    now: policy.now,
    sleep: policy.sleep,
  });
  const restFetch = createResilientFetch({
    fetch: options.fetch ?? globalThis.fetch,
    credential: makeCredential(
      options.apiKey,
      options.refreshApiKey,
      (headers, key) => headers.set('Authorization', `Bearer ${key}`),
      seen,
    ),
    classify: (method, url) => classifyRestRequest(method, url.pathname),
    bucket,
    limit: createConcurrencyLimit(options.maxConcurrency ?? DEFAULTS.maxConcurrency),
    policy,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const client = createClient<Paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: restFetch,
  }) as RestClient;
  return { client, policy, secrets: () => [...seen], seen, options };
}
