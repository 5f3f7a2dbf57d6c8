import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArizeGateway } from '../../../src/adapters/arize/arize-gateway.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../../src/local/arize-emulator/index.ts';
import { fakeTime } from './fake-time.ts';

let emulator: ArizeEmulator;
beforeAll(async () => {
  emulator = await startArizeEmulator({ port: 0 });
});
afterAll(async () => emulator?.close());

describe('the REST rate limiter at the default rate', () => {
  it('lets the few sequential calls of one command go without waiting, then paces', async () => {
    // Time moves only when the gateway sleeps: no token comes back between the calls.
    const time = fakeTime();
    const gateway = createArizeGateway({
      baseUrl: emulator.url,
      appUrl: emulator.url,
      apiKey: async () => DEMO_ADMIN_API_KEY,
      maxRps: 10,
      now: time.now,
      sleep: time.sleep,
    });
    for (let call = 0; call < 4; call++) await gateway.listOrganizations();
    expect(time.sleeps).toEqual([]);

    await gateway.listOrganizations();
    expect(time.sleeps).toEqual([100]);
  });
});
