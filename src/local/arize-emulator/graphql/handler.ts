import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';
import type { EmulatorRuntime } from '../runtime.ts';

export interface GraphqlLimits {
  queriesPerMinute: number;
  mutationsPerMinute: number;
  maxComplexity: number;
}

export function createGraphqlHandler(runtime: EmulatorRuntime, limits: Partial<GraphqlLimits>) {
  void runtime;
  void limits;
  return {
    handle: async (_req: IncomingMessage, res: ServerResponse, _rawBody: string): Promise<void> => {
      sendJson(res, 501, { errors: [{ message: 'GraphQL is not implemented yet' }] });
    },
    resetLimits: (): void => {},
  };
}
