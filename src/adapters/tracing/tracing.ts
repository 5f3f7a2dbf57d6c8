import type middy from '@middy/core';

/** Hands an AWS SDK v3 client back, instrumented or not. */
export type InstrumentClient = <C extends object>(client: C) => C;

/** What a function traces: its handler's segment and the AWS SDK calls it makes. */
export interface Tracing {
  /** The middy middlewares that open and close the handler's segment; none when off. */
  readonly middlewares: middy.MiddlewareObj[];
  /** Records the client's calls as subsegments; the client unchanged when off. */
  readonly instrument: InstrumentClient;
}

/** Locally and in tests: no tracer is loaded, nothing is printed or sent. */
export const noTracing: Tracing = { middlewares: [], instrument: (client) => client };
