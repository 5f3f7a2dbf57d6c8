import type { MetricDimensions, Metrics } from '../../app/ports.ts';

export interface MetricRecord {
  name: string;
  unit: 'Count' | 'Milliseconds';
  value: number;
  dimensions: MetricDimensions;
}

/** Metrics kept in memory: the local stack's and the tests' (nothing is printed). */
export class MemoryMetrics implements Metrics {
  readonly records: MetricRecord[] = [];

  count(name: string, dimensions: MetricDimensions, value = 1): void {
    this.records.push({ name, unit: 'Count', value, dimensions });
  }

  duration(name: string, milliseconds: number, dimensions: MetricDimensions): void {
    this.records.push({ name, unit: 'Milliseconds', value: milliseconds, dimensions });
  }

  /** Nothing to send: the records stay for whoever reads them. */
  publish(): void {}
}
