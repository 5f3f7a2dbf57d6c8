import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { type ErrorContext, translating } from './arize-errors.ts';
import type { ArizeTransport, RestClient } from './arize-transport.ts';
import { isResourceId } from './resource-id.ts';

/** What each group of gateway calls needs: the REST client and error translation. */
export interface GatewayContext {
  client: RestClient;
  transport: ArizeTransport;
  call<T>(context: Omit<ErrorContext, 'secrets'>, fn: () => Promise<T>): Promise<T>;
  /** Refuses a value that is not an Arize id before ax-client would resolve it as a name. */
  requireId(kind: string, value: string): string;
  warn(msg: string, data?: object): void;
  /** The pause before reconciling a create whose outcome is unknown. */
  settle(): Promise<void>;
}

/** Longest pause before reading back an unknown create. */
const MAX_SETTLE_MS = 5_000;

export function createGatewayContext(transport: ArizeTransport): GatewayContext {
  return {
    client: transport.client,
    transport,
    call: (context, fn) => translating({ ...context, secrets: transport.secrets() }, fn),
    requireId(kind, value) {
      if (!isResourceId(value)) {
        throw new AppError(ErrorCodes.arizeInvalid, `'${value}' is not an Arize ${kind} id.`, {
          hint: `Use the ${kind} name through the resolver, or the id from a list command.`,
        });
      }
      return value;
    },
    warn: (msg, data) => transport.options.logger?.warn(msg, data),
    settle: () => transport.policy.sleep(Math.min(transport.policy.timeoutMs, MAX_SETTLE_MS)),
  };
}
