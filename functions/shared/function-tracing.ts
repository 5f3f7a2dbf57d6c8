import { loadPowertoolsTracing } from '../../src/adapters/tracing/powertools-tracing.ts';
import { noTracing, type Tracing } from '../../src/adapters/tracing/tracing.ts';

/** X-Ray through Powertools Tracer when the stack turns it on (`TRACING=active`); else none. */
export function tracingFrom(
  config: { TRACING: 'active' | 'off' },
  service: string,
): Promise<Tracing> {
  return config.TRACING === 'active' ? loadPowertoolsTracing(service) : Promise.resolve(noTracing);
}
