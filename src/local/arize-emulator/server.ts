import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AccountSnapshot, accountSnapshot } from './account-snapshot.ts';
import { type FaultConfig, type FaultCounts, FaultInjector } from './faults.ts';
import { createGraphqlHandler, type GraphqlLimits } from './graphql/handler.ts';
import { readBody, sendProblem } from './http.ts';
import type { MutationRecord } from './model.ts';
import { handleRest } from './rest.ts';
import { handleAdmin } from './routes/admin.ts';
import { EmulatorRuntime } from './runtime.ts';
import { buildStore } from './seed/apply-seed.ts';
import { DEMO_ADMIN_API_KEY, demoSeed, emptySeed } from './seed/demo-seed.ts';
import type { EmulatorSeed } from './seed/seed-schema.ts';

export interface ArizeEmulatorOptions {
  /** Default 0 (ephemeral); main.ts passes ARIZE_EMULATOR_PORT (default 4010). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 'demo'. */
  seed?: EmulatorSeed | 'demo' | 'empty';
  /** The bot admin's raw key; default DEMO_ADMIN_API_KEY. */
  adminApiKey?: string;
  /** Latency, rate limit, error rate, hangs; optionally per route. */
  faults?: FaultConfig;
  /** Injectable clock (timestamps, expiry, rate-limit buckets). */
  now?: () => Date;
  /** GraphQL limits; defaults are Arize's (100 queries/min, 300 mutations/min, complexity 1000). */
  graphqlLimits?: Partial<GraphqlLimits>;
}

export interface ArizeEmulator {
  /** e.g. http://127.0.0.1:4010 (REST at /v2/..., GraphQL at /graphql). */
  url: string;
  close(): Promise<void>;
  /** Back to the seed, faults cleared, mutation log emptied. */
  reset(): void;
  setFaults(faults: FaultConfig): void;
  /** The faults now in force. */
  faults(): FaultConfig;
  /** Requests answered with a 429, an error or no answer since the faults were last set. */
  faultCounts(): FaultCounts;
  /** The account as it is now, without a secret (for the sandbox panel). */
  account(): AccountSnapshot;
  /** Every successful state change, oldest first. */
  mutations(): MutationRecord[];
  /** Replaces the account with this seed (and makes it the one `reset()` returns to). */
  seedFrom(seed: EmulatorSeed): void;
}

function resolveSeed(seed: ArizeEmulatorOptions['seed']): EmulatorSeed {
  if (seed === undefined || seed === 'demo') return demoSeed();
  if (seed === 'empty') return emptySeed();
  return seed;
}

/** Starts the emulator on `host:port` and resolves once it is listening. */
export async function startArizeEmulator(
  options: ArizeEmulatorOptions = {},
): Promise<ArizeEmulator> {
  const now = options.now ?? (() => new Date());
  const adminApiKey = options.adminApiKey ?? DEMO_ADMIN_API_KEY;
  const faults = new FaultInjector(() => now().getTime());
  if (options.faults) faults.set(options.faults);
  let onReset = (): void => {};
  const runtime = new EmulatorRuntime(
    resolveSeed(options.seed),
    (seed) => buildStore(seed, adminApiKey),
    faults,
    now,
    () => onReset(),
  );
  const graphql = createGraphqlHandler(runtime, options.graphqlLimits ?? {});
  onReset = () => graphql.resetLimits();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const rawBody = await readBody(req);
    if (url.pathname.startsWith('/_emulator/')) {
      return handleAdmin(runtime, req.method ?? 'GET', url.pathname, rawBody, res);
    }
    if (url.pathname === '/graphql' || url.pathname === '/graphql/') {
      return graphql.handle(req, res, rawBody);
    }
    return handleRest(runtime, req, res, url, rawBody);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('arize emulator: request failed', error);
      sendProblem(res, 500, req.url ?? '/', 'The emulator failed to handle this request.');
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    reset: () => runtime.reset(),
    setFaults: (config) => faults.set(config),
    faults: () => faults.get(),
    faultCounts: () => faults.counts(),
    account: () => accountSnapshot(runtime.store),
    mutations: () => runtime.mutations(),
    seedFrom: (seed) => runtime.seedFrom(seed),
  };
}
