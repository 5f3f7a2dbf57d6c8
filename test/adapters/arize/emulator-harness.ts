import {
  type ArizeGatewayAdapter,
  createArizeGateway,
} from '../../../src/adapters/arize/arize-gateway.ts';
import type { ArizeGatewayOptions } from '../../../src/adapters/arize/arize-transport.ts';
import {
  type ArizeEmulator,
  type ArizeEmulatorOptions,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../../src/local/arize-emulator/index.ts';

export interface Harness {
  emulator: ArizeEmulator;
  gateway(overrides?: Partial<ArizeGatewayOptions>): ArizeGatewayAdapter;
}

/** Starts an emulator on an ephemeral port and builds gateways against it (fast retries). */
export async function startHarness(options: ArizeEmulatorOptions = {}): Promise<Harness> {
  const emulator = await startArizeEmulator({ port: 0, ...options });
  return {
    emulator,
    gateway: (overrides = {}) =>
      createArizeGateway({
        baseUrl: emulator.url,
        appUrl: emulator.url,
        apiKey: async () => DEMO_ADMIN_API_KEY,
        developerKey: async () => DEMO_ADMIN_API_KEY,
        maxRps: 500,
        maxConcurrency: 8,
        timeoutMs: 2_000,
        baseDelayMs: 10,
        maxDelayMs: 100,
        ...overrides,
      }),
  };
}

export const demo = {
  emails: {
    bot: 'arize-ops-bot@example.com',
    alice: 'alice@example.com',
    bob: 'bob@example.com',
    carol: 'carol@example.com',
    dave: 'dave@example.com',
    erin: 'erin@example.com',
    frank: 'frank@example.com',
    grace: 'grace@example.com',
    heidi: 'heidi@example.com',
  },
} as const;
