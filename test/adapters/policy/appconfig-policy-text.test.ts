import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  appConfigPolicyText,
  policyMaxAgeSeconds,
} from '../../../src/adapters/policy/appconfig-policy-text.ts';
import {
  type AppConfigDataStandin,
  startAppConfigDataStandin,
  useAppConfigDataStandin,
} from '../../support/appconfig-data-standin.ts';

let appConfig: AppConfigDataStandin;
beforeAll(async () => {
  appConfig = await startAppConfigDataStandin('{"version": 3}');
  useAppConfigDataStandin(appConfig);
});
afterAll(async () => {
  vi.useRealTimers();
  await appConfig.close();
});

describe('the AppConfig policy reader (Powertools Parameters)', () => {
  it('reads the deployed document and asks again only after the cache of 60 s', async () => {
    expect(policyMaxAgeSeconds).toBeLessThanOrEqual(60);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T05:00:00Z') });
    const read = appConfigPolicyText({
      application: 'app',
      environment: 'live',
      profile: 'policy',
    });

    expect(await read()).toBe('{"version": 3}');
    appConfig.deploy('{"version": 2}');
    vi.setSystemTime(new Date('2026-12-07T05:00:59Z'));
    expect(await read()).toBe('{"version": 3}');
    vi.setSystemTime(new Date('2026-12-07T05:01:01Z'));
    expect(await read()).toBe('{"version": 2}');
    // AppConfig answers an unchanged deployment with an empty body: the last document stays.
    vi.setSystemTime(new Date('2026-12-07T05:02:03Z'));
    expect(await read()).toBe('{"version": 2}');

    expect(appConfig.calls).toEqual([
      'start app/live/policy',
      'get token-0',
      'get token-1',
      'get token-2',
    ]);
  });
});
