import type { Metrics } from '../../app/ports.ts';
import { MetricNames } from '../metrics/metric-names.ts';
import type { ConcurrencyLimit } from './concurrency-limit.ts';
import {
  backoffDelay,
  parseRetryAfter,
  RetryableStatuses,
  type RetryClass,
  type RetryPolicy,
  retryDeadline,
} from './retry-policy.ts';
import type { TokenBucket } from './token-bucket.ts';
import { ArizeHttpError, ArizeTransportError, type Problem } from './transport-errors.ts';

/** Supplies the key for each attempt, and a fresh one once after a 401. */
export interface Credential {
  get(): Promise<string>;
  /** Re-reads the key; `stale` is the key that was refused (concurrent refreshes are shared). */
  refresh?(stale: string): Promise<string>;
  apply(headers: Headers, key: string): void;
}

export interface ResilientFetchOptions {
  fetch: typeof fetch;
  credential: Credential;
  classify: (method: string, url: URL, body: string | undefined) => RetryClass;
  bucket: TokenBucket;
  limit: ConcurrencyLimit;
  policy: RetryPolicy;
  logger?: { warn(msg: string, data?: object): void; debug?(msg: string, data?: object): void };
  metrics?: Metrics;
}

/** The status class an attempt is counted under: a few values, never the path. */
function statusClass(attempt: Attempt): string {
  if (attempt.kind !== 'response') return attempt.kind;
  if (attempt.status === 429) return '429';
  return `${Math.floor(attempt.status / 100)}xx`;
}

type Attempt =
  | { kind: 'response'; status: number; headers: Headers; body: ArrayBuffer }
  | { kind: 'timeout' | 'network'; sent: boolean; error: unknown };

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function parseProblem(body: ArrayBuffer, status: number): Problem {
  const text = new TextDecoder().decode(body);
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const p = parsed as Record<string, unknown>;
      return {
        status: typeof p.status === 'number' ? p.status : status,
        title: typeof p.title === 'string' ? p.title : undefined,
        detail: typeof p.detail === 'string' ? p.detail : undefined,
        type: typeof p.type === 'string' ? p.type : undefined,
      };
    }
  } catch {
    // Not JSON (a proxy's HTML page): keep only the status.
  }
  return { status };
}

/**
 * A `fetch` for openapi-fetch and GraphQL that adds the key per request and owns every retry:
 * a per-attempt timeout, the container's token bucket and concurrency limit, full-jitter backoff
 * honouring Retry-After, one key refresh after a 401, and a budget bounded by the Lambda's
 * remaining time. Any final non-2xx answer is thrown as `ArizeHttpError`; no answer as
 * `ArizeTransportError`. Callers therefore only ever see successful responses.
 */
export function createResilientFetch(options: ResilientFetchOptions): typeof fetch {
  const { policy, credential, bucket, limit, logger, metrics } = options;
  const measured = async (attempt: Promise<Attempt>): Promise<Attempt> => {
    const started = policy.now();
    const result = await attempt;
    const status = statusClass(result);
    metrics?.count(MetricNames.arizeCalls, { status });
    metrics?.duration(MetricNames.arizeLatency, policy.now() - started, { status });
    if (status === '429') metrics?.count(MetricNames.arizeThrottled, {});
    return result;
  };

  const attemptOnce = async (
    url: URL,
    init: { method: string; headers: Headers; body: ArrayBuffer | undefined },
    timeoutMs: number,
  ): Promise<Attempt> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1, timeoutMs));
    try {
      const response = await options.fetch(url, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: controller.signal,
      });
      const body = await response.arrayBuffer();
      return { kind: 'response', status: response.status, headers: response.headers, body };
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'timeout', sent: true, error };
      return { kind: 'network', sent: !NOT_SENT_CODES.has(errorCode(error) ?? ''), error };
    } finally {
      clearTimeout(timer);
    }
  };

  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const body = hasBody ? await request.arrayBuffer() : undefined;
    const bodyText = body && body.byteLength > 0 ? new TextDecoder().decode(body) : undefined;
    const retryClass = options.classify(method, url, bodyText);
    const deadline = retryDeadline(policy);
    const path = url.pathname;
    let key = await credential.get();
    let refreshed = false;
    // Set once an attempt of a change may have been applied without us seeing the answer.
    let ambiguous = false;
    const changes = retryClass !== 'read';

    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(request.headers);
      credential.apply(headers, key);
      const result = await limit.run(async () => {
        // No attempt waits for a token past the deadline (a long Retry-After pause); the first
        // may use one timeout's worth even when the budget is spent.
        const tokenBy =
          attempt === 0 ? Math.max(deadline, policy.now() + policy.timeoutMs) : deadline;
        if (!(await bucket.take(tokenBy))) return undefined;
        const timeLeft = deadline - policy.now();
        return measured(
          attemptOnce(
            url,
            { method, headers, body },
            Math.min(policy.timeoutMs, Math.max(timeLeft, 1000)),
          ),
        );
      });
      if (result === undefined) {
        const waitMs = Math.max(0, bucket.pausedUntil() - policy.now());
        throw new ArizeHttpError(
          429,
          { status: 429, detail: 'The rate limit pause outlasts the time left for this request.' },
          { method, path, retryAfterMs: waitMs, outcomeUnknown: ambiguous },
        );
      }

      let delay: number | undefined;
      let failure: () => Error;
      if (result.kind === 'response') {
        const { status } = result;
        if (status >= 200 && status < 400) {
          bucket.succeeded();
          return new Response(status === 204 || status === 304 ? null : result.body, {
            status,
            headers: result.headers,
          });
        }
        if (status === 404 && method === 'DELETE' && ambiguous) {
          // An earlier attempt of this delete probably succeeded; the goal state is reached.
          logger?.debug?.('arize delete already applied', { path });
          return new Response(null, { status: 204 });
        }
        const retryAfterMs = parseRetryAfter(result.headers.get('retry-after'), policy.now());
        const problem = parseProblem(result.body, status);
        failure = () =>
          new ArizeHttpError(status, problem, {
            method,
            path,
            retryAfterMs,
            outcomeUnknown: ambiguous || (retryClass === 'unsafe' && status >= 500),
          });
        if (status >= 500 && changes) ambiguous = true;
        if (status === 401 && credential.refresh && !refreshed) {
          refreshed = true;
          logger?.warn('arize refused the key; re-reading it once', { path });
          key = await credential.refresh(key);
          attempt -= 1;
          continue;
        }
        const retryable =
          status === 429 || (retryClass !== 'unsafe' && RetryableStatuses.has(status));
        if (!retryable) throw failure();
        if (status === 429) {
          // Retry-After holds for the whole container; a little jitter spreads the restart.
          const wait = retryAfterMs ?? backoffDelay(policy, attempt);
          bucket.throttled(policy.now() + wait);
          delay = retryAfterMs === undefined ? wait : wait + backoffDelay(policy, 0);
        }
      } else {
        const kind = result.kind;
        const sent = result.sent;
        const cause = result.error;
        failure = () =>
          new ArizeTransportError(kind, {
            method,
            path,
            outcomeUnknown: ambiguous || (retryClass === 'unsafe' && sent),
            cause,
          });
        if (retryClass === 'unsafe' && sent) throw failure();
        if (sent && changes) ambiguous = true;
      }

      delay ??= backoffDelay(policy, attempt);
      const nextStart = policy.now() + delay;
      if (attempt + 1 >= policy.maxAttempts || nextStart >= deadline) throw failure();
      metrics?.count(MetricNames.arizeRetries, {});
      logger?.warn('arize request retried', {
        method,
        path,
        attempt: attempt + 1,
        delayMs: delay,
        status: result.kind === 'response' ? result.status : result.kind,
      });
      await policy.sleep(delay);
    }
  };
}
