/** Waits for time to pass; injected so retries and rate limits are testable without real delays. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

export interface TokenBucketOptions {
  /** Tokens available at once (the burst). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  now?: () => number;
  sleep?: Sleep;
}

/** A rate limiter shared by every request of one container (REST and GraphQL get one each). */
export interface TokenBucket {
  /**
   * Resolves true when a token is taken (callers queue in order), or false at once when none
   * can be had before `deadlineMs`, e.g. during a long Retry-After pause.
   */
  take(deadlineMs?: number): Promise<boolean>;
  /** When the current pause ends (0 when not paused). */
  pausedUntil(): number;
  /** Holds every caller until `untilMs` (a server's Retry-After applies to the whole container). */
  pauseUntil(untilMs: number): void;
  /**
   * A 429 from the server: pause until `untilMs` and halve the rate (once per pause), since the
   * configured rate is evidently above the server's real limit.
   */
  throttled(untilMs: number): void;
  /** A request went through: win back a little of the configured rate. */
  succeeded(): void;
  /** Tokens per second handed out now (at most `refillPerSecond`). */
  currentRate(): number;
}

/**
 * A token bucket. In any window of `w` seconds at most `capacity + refillPerSecond × w` tokens are
 * handed out, so a server limit of `L` per window is respected when `capacity + rate × w ≤ L`.
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const capacity = Math.max(1, options.capacity);
  const maxRate = options.refillPerSecond;
  let rate = maxRate;
  // Additive increase: about 0.1 % of the configured rate per success, so after a 429 the rate
  // climbs back over a few seconds instead of tripping the limit again at once.
  const step = maxRate / 1000;
  let tokens = capacity;
  let updatedAt = now();
  let pausedUntil = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - updatedAt) / 1000) * rate);
    updatedAt = t;
  };

  const takeOne = async (deadlineMs: number) => {
    for (;;) {
      const t = now();
      if (t < pausedUntil) {
        if (pausedUntil >= deadlineMs) return false;
        await sleep(pausedUntil - t);
        continue;
      }
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      const wait = Math.ceil(((1 - tokens) / rate) * 1000);
      if (t + wait >= deadlineMs) return false;
      await sleep(wait);
    }
  };

  const pauseUntil = (untilMs: number) => {
    if (untilMs > pausedUntil) {
      pausedUntil = untilMs;
      refill();
      tokens = Math.min(tokens, 0);
    }
  };

  return {
    take(deadlineMs = Number.POSITIVE_INFINITY) {
      const next = queue.then(() => takeOne(deadlineMs));
      queue = next.catch(() => undefined);
      return next;
    },
    pausedUntil: () => pausedUntil,
    pauseUntil,
    throttled(untilMs) {
      if (now() >= pausedUntil) {
        refill();
        rate = Math.max(maxRate / 20, rate / 2);
      }
      pauseUntil(untilMs);
    },
    succeeded() {
      if (rate < maxRate) {
        refill();
        rate = Math.min(maxRate, rate + step);
      }
    },
    currentRate: () => rate,
  };
}
