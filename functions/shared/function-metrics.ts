import type middy from '@middy/core';
import { MemoryMetrics } from '../../src/adapters/metrics/memory-metrics.ts';
import { MetricNames } from '../../src/adapters/metrics/metric-names.ts';
import { PowertoolsMetrics } from '../../src/adapters/metrics/powertools-metrics.ts';
import type { Metrics } from '../../src/app/ports.ts';

/** Metrics a function flushes once per invocation. */
export type FunctionMetrics = Metrics & { publish(): void };

/** EMF on stdout when the stack names a namespace (in AWS); in memory otherwise (local, tests). */
export function metricsFrom(
  config: { METRICS_NAMESPACE?: string | undefined },
  service: string,
): FunctionMetrics {
  return config.METRICS_NAMESPACE
    ? new PowertoolsMetrics({ namespace: config.METRICS_NAMESPACE, service })
    : new MemoryMetrics();
}

/**
 * Publishes the invocation's metrics after the handler, also when it throws (as Powertools'
 * `logMetrics` does; that one flushes a fixed list of instances, one dimension set each).
 */
export function flushMetrics(metrics: FunctionMetrics): middy.MiddlewareObj {
  const flush = async () => metrics.publish();
  return { after: flush, onError: flush };
}

/** Runs `work`, counting it and its duration under `Jobs` by kind and the outcome it reports. */
export async function measureJob<T>(
  metrics: Metrics,
  kind: string,
  work: () => Promise<T>,
  outcomeOf: (result: T) => string,
): Promise<T> {
  const started = Date.now();
  let outcome = 'error';
  try {
    const result = await work();
    outcome = outcomeOf(result);
    return result;
  } finally {
    metrics.count(MetricNames.jobs, { kind, outcome });
    metrics.duration(MetricNames.jobDuration, Date.now() - started, { kind, outcome });
  }
}
