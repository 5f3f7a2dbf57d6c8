import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryMetrics } from '../../../src/adapters/metrics/memory-metrics.ts';
import { type Harness, startHarness } from './emulator-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.reset());

const total = (metrics: MemoryMetrics, name: string, status?: string) =>
  metrics.records
    .filter((r) => r.name === name && (status === undefined || r.dimensions.status === status))
    .reduce((sum, r) => sum + r.value, 0);

describe('the gateway metrics', () => {
  it('counts every attempt by status with its latency, the 429s and the retries', async () => {
    const metrics = new MemoryMetrics();
    const gw = h.gateway({ metrics, maxAttempts: 8 });
    const orgs = await gw.listOrganizations();
    h.emulator.setFaults({ rateLimit: { capacity: 1, refillPerSecond: 20, retryAfterSeconds: 0 } });
    await Promise.all([1, 2, 3].map(() => gw.listOrganizations()));

    expect(orgs.items.length).toBeGreaterThan(0);
    const throttled = total(metrics, 'ArizeCalls', '429');
    expect(throttled).toBeGreaterThan(0);
    expect(total(metrics, 'ArizeThrottled')).toBe(throttled);
    expect(total(metrics, 'ArizeRetries')).toBe(throttled);
    expect(total(metrics, 'ArizeCalls', '2xx')).toBe(4);
    const latencies = metrics.records.filter((r) => r.name === 'ArizeLatency');
    expect(latencies).toHaveLength(4 + throttled);
    expect(latencies.every((r) => r.unit === 'Milliseconds' && r.value >= 0)).toBe(true);
    // Only the status class: the path (ids in it) never becomes a dimension.
    expect(new Set(metrics.records.flatMap((r) => Object.keys(r.dimensions)))).toEqual(
      new Set(['status']),
    );
  });
});
