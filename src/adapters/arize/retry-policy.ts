import type { Sleep } from './token-bucket.ts';

/** How a request may be repeated after a failure. */
export const RetryClasses = ['read', 'idempotent', 'unsafe'] as const;
/**
 * `read` and `idempotent` (upserts, deletes, updates): repeat on 429, 502–504, timeouts and
 * network errors; only non-reads can leave an unknown outcome. `unsafe` (creates, refresh):
 * repeat only when Arize certainly did not act (429, a refused connection); otherwise the failure
 * surfaces as outcome-unknown so the caller can reconcile by reading.
 */
export type RetryClass = (typeof RetryClasses)[number];

/** Tunables of the retry loop, with injectable time and randomness. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** Total time one request may spend retrying, further bounded by `remainingTimeMs`. */
  retryBudgetMs: number;
  /** Time kept back from the Lambda's remaining time for the reply. */
  safetyMarginMs: number;
  remainingTimeMs?: () => number;
  sleep: Sleep;
  random: () => number;
  now: () => number;
}

export const RetryableStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Full-jitter exponential backoff: uniform in [0, min(max, base × 2^attempt)). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(policy.random() * ceiling);
}

/** Retry-After as delta-seconds (or an HTTP date), in milliseconds; undefined when absent. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The moment after which no retry starts, from the budget and the Lambda's remaining time. */
export function retryDeadline(policy: RetryPolicy): number {
  const start = policy.now();
  const remaining = policy.remainingTimeMs
    ? policy.remainingTimeMs() - policy.safetyMarginMs
    : Number.POSITIVE_INFINITY;
  return start + Math.max(0, Math.min(policy.retryBudgetMs, remaining));
}

/** Classifies a REST request: membership upserts are idempotent; other POSTs are not. */
export function classifyRestRequest(method: string, pathname: string): RetryClass {
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method !== 'POST') return 'idempotent';
  return /\/v2\/(organizations|spaces)\/[^/]+\/users\/?$/.test(pathname) ? 'idempotent' : 'unsafe';
}
