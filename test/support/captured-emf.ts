import { vi } from 'vitest';

/** One CloudWatch EMF document as printed on stdout. */
export interface EmfLine {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
  };
  [field: string]: unknown;
}

/** Captures what `run` prints on stdout and returns the EMF documents among it. */
export async function captureEmf(run: () => Promise<unknown>): Promise<EmfLine[]> {
  const printed: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return printed
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
}

/** The metric names, dimension names and dimension values of one EMF document. */
export function describeEmf(line: EmfLine) {
  const [directive] = line._aws.CloudWatchMetrics;
  const dimensions = directive?.Dimensions.flat() ?? [];
  return {
    namespace: directive?.Namespace,
    metrics: directive?.Metrics.map((m) => m.Name) ?? [],
    dimensions: Object.fromEntries(dimensions.map((name) => [name, line[name]])),
  };
}
