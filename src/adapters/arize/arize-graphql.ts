import { AppError, ErrorCodes } from '../../domain/errors.ts';
import type { ArizeGatewayOptions } from './arize-transport.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';
import { createResilientFetch } from './resilient-fetch.ts';
import { backoffDelay, type RetryPolicy, retryDeadline } from './retry-policy.ts';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';
import { ArizeHttpError } from './transport-errors.ts';

/** Runs GraphQL documents on `ARIZE_APP_URL/graphql` with the developer key. */
export interface ArizeGraphql {
  /** True when a developer key is configured. */
  configured(): Promise<boolean>;
  /** Runs a query; GraphQL errors are thrown as `ArizeHttpError` with a matching status. */
  query<T>(document: string, variables: Record<string, unknown>): Promise<T>;
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

const notConfigured = () =>
  new AppError(
    ErrorCodes.arizeNotConfigured,
    'Reading space members and searching users by name needs an Arize developer key, and none is configured.',
    { hint: 'Set ARIZE_DEVELOPER_KEY (a developer key of an Arize account admin), or use emails.' },
  );

/** The status a GraphQL error message stands for (Arize answers 200 with `errors`). */
function statusOf(message: string, code: string | undefined): number {
  const text = `${code ?? ''} ${message}`.toLowerCase();
  if (/too_many_requests|rate limit|too many requests/.test(text)) return 429;
  if (/not found|does not exist|unknown id/.test(text)) return 404;
  if (/unauthenticated|invalid api key|api key/.test(text) && /invalid|missing|unauth/.test(text))
    return 401;
  if (/forbidden|permission|not authorized|unauthorized/.test(text)) return 403;
  return 400;
}

/** True when a GraphQL request body carries a mutation (those are never repeated blindly). */
export function isMutation(body: string | undefined): boolean {
  try {
    const parsed = JSON.parse(body ?? '{}') as { query?: unknown };
    return typeof parsed.query === 'string' && /^\s*mutation\b/.test(parsed.query);
  } catch {
    return true;
  }
}

export function createArizeGraphql(
  options: ArizeGatewayOptions,
  policy: RetryPolicy,
  seen: Set<string>,
): ArizeGraphql {
  const perMinute = options.graphqlMaxPerMinute ?? 100;
  // A tenth of the minute's allowance may go at once; the refill covers the rest, so no one-minute
  // window ever holds more than `perMinute` queries and a long read goes at 90 % of the limit.
  const burst = Math.max(1, Math.floor(perMinute / 10));
  const bucket: TokenBucket = createTokenBucket({
    capacity: burst,
    refillPerSecond: Math.max(perMinute - burst, 1) / 60,
    now: policy.now,
    sleep: policy.sleep,
  });
  const developerKey = async () => {
    const key = await options.developerKey?.();
    if (!key) throw notConfigured();
    seen.add(key);
    return key;
  };
  const endpoint = `${options.appUrl.replace(/\/+$/, '')}/graphql`;
  const graphqlFetch = createResilientFetch({
    fetch: options.fetch ?? globalThis.fetch,
    credential: { get: developerKey, apply: (headers, key) => headers.set('x-api-key', key) },
    classify: (_method, _url, body) => (isMutation(body) ? 'unsafe' : 'read'),
    bucket,
    limit: createConcurrencyLimit(Math.min(options.maxConcurrency ?? 4, 4)),
    policy,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });

  const once = async <T>(document: string, variables: Record<string, unknown>) => {
    const response = await graphqlFetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    });
    const body = (await response.json()) as GraphqlBody<T>;
    const first = body.errors?.[0];
    if (first) {
      const message = first.message ?? 'GraphQL error';
      const status = statusOf(message, first.extensions?.code);
      throw new ArizeHttpError(
        status,
        { status, detail: message, type: 'graphql' },
        { method: 'POST', path: '/graphql' },
      );
    }
    if (body.data == null) {
      throw new ArizeHttpError(
        502,
        { status: 502, detail: 'GraphQL answered without data' },
        {
          method: 'POST',
          path: '/graphql',
        },
      );
    }
    return body.data;
  };

  return {
    configured: async () => Boolean(await options.developerKey?.()),
    async query<T>(document: string, variables: Record<string, unknown>): Promise<T> {
      const deadline = retryDeadline(policy);
      for (let attempt = 0; ; attempt++) {
        try {
          return await once<T>(document, variables);
        } catch (error) {
          // Rate limits reported in the body are retried like a 429 (queries only).
          const limited =
            error instanceof ArizeHttpError &&
            error.status === 429 &&
            error.problem.type === 'graphql';
          const delay = Math.max(backoffDelay(policy, attempt + 2), 1000);
          if (!limited || attempt + 1 >= policy.maxAttempts || policy.now() + delay >= deadline) {
            throw error;
          }
          bucket.pauseUntil(policy.now() + delay);
          options.logger?.warn('arize graphql rate limited; retrying', { attempt: attempt + 1 });
          await policy.sleep(delay);
        }
      }
    },
  };
}
