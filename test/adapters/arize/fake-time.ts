import type { RetryPolicy } from '../../../src/adapters/arize/retry-policy.ts';

/** A clock that only moves when the code sleeps, recording every sleep. */
export function fakeTime(start = 1_700_000_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}

export function testPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const time = fakeTime();
  return {
    maxAttempts: 5,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
    timeoutMs: 2_000,
    retryBudgetMs: 30_000,
    safetyMarginMs: 1_000,
    sleep: time.sleep,
    random: () => 0.5,
    now: time.now,
    ...overrides,
  };
}
