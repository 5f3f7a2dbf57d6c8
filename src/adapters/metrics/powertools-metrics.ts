import { MetricUnit, Metrics as PowertoolsMetricsClient } from '@aws-lambda-powertools/metrics';
import type { MetricDimensions, Metrics } from '../../app/ports.ts';

/**
 * Powertools Metrics (CloudWatch EMF on stdout). An EMF document carries one value per dimension,
 * so each distinct set of dimensions buffers in its own Powertools instance; `publish` prints one
 * line per set that holds metrics, once per invocation.
 */
export class PowertoolsMetrics implements Metrics {
  readonly #bySet = new Map<string, PowertoolsMetricsClient>();
  readonly #options: { namespace: string; serviceName: string };

  constructor(options: { namespace: string; service: string }) {
    this.#options = { namespace: options.namespace, serviceName: options.service };
  }

  count(name: string, dimensions: MetricDimensions, value = 1): void {
    this.#client(dimensions).addMetric(name, MetricUnit.Count, value);
  }

  duration(name: string, milliseconds: number, dimensions: MetricDimensions): void {
    this.#client(dimensions).addMetric(name, MetricUnit.Milliseconds, milliseconds);
  }

  /** Prints the buffered metrics; an empty buffer prints nothing (Powertools would warn). */
  publish(): void {
    for (const client of this.#bySet.values()) {
      if (client.hasStoredMetrics()) client.publishStoredMetrics();
    }
  }

  #client(dimensions: MetricDimensions): PowertoolsMetricsClient {
    const entries = Object.entries(dimensions).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    entries.sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify(entries);
    let client = this.#bySet.get(key);
    if (!client) {
      client = new PowertoolsMetricsClient({
        ...this.#options,
        defaultDimensions: Object.fromEntries(entries),
      });
      this.#bySet.set(key, client);
    }
    return client;
  }
}
