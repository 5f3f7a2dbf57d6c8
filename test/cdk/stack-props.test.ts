import { describe, expect, it } from 'vitest';
import { parseArizeOpsSettings } from '../../cdk/stack-props.ts';

const required = { slackTeamId: 'T0123ABCD', slackApiAppId: 'A0123ABCD' };

describe('parseArizeOpsSettings', () => {
  it('applies the documented defaults', () => {
    expect(parseArizeOpsSettings(required)).toEqual({
      ...required,
      arizeBaseUrl: 'https://api.arize.com',
      arizeAppUrl: 'https://app.arize.com',
      workerReservedConcurrency: 5,
      arizeMaxRps: 2,
      arizeMaxConcurrency: 4,
      logLevel: 'INFO',
      schedules: {},
      invitationMode: 'report',
      invitationResendAfterDays: 7,
      logRetentionDays: 30,
      apiThrottleRateLimit: 20,
      apiThrottleBurstLimit: 40,
      slackMemoryMb: 512,
      workerMemoryMb: 1024,
      scheduledMemoryMb: 1024,
      workerTimeoutSeconds: 60,
      scheduledTimeoutSeconds: 120,
      slackProvisionedConcurrency: 0,
    });
  });

  it('coerces the strings CDK context delivers', () => {
    const settings = parseArizeOpsSettings({
      ...required,
      workerReservedConcurrency: '8',
      arizeMaxRps: '0.5',
      arizeMaxConcurrency: '2',
    });
    expect(settings).toMatchObject({
      workerReservedConcurrency: 8,
      arizeMaxRps: 0.5,
      arizeMaxConcurrency: 2,
    });
  });

  it('accepts an Enterprise Grid org id and trims a trailing slash from URLs', () => {
    const settings = parseArizeOpsSettings({
      ...required,
      slackTeamId: 'E0123ABCD',
      arizeAppUrl: 'https://app.eu.arize.com/',
    });
    expect(settings.slackTeamId).toBe('E0123ABCD');
    expect(settings.arizeAppUrl).toBe('https://app.eu.arize.com');
  });

  it.each([
    ['slackTeamId', { slackTeamId: 'U0123ABCD' }],
    ['slackTeamId', { slackTeamId: undefined }],
    ['slackApiAppId', { slackApiAppId: 'a0123' }],
    ['arizeBaseUrl', { arizeBaseUrl: 'http://api.arize.com' }],
    ['arizeAppUrl', { arizeAppUrl: 'not a url' }],
    ['workerReservedConcurrency', { workerReservedConcurrency: 1 }],
    ['workerReservedConcurrency', { workerReservedConcurrency: '2.5' }],
    ['arizeMaxRps', { arizeMaxRps: 0 }],
    ['arizeMaxConcurrency', { arizeMaxConcurrency: -1 }],
    ['logLevel', { logLevel: 'TRACE' }],
    ['alarmEmail', { alarmEmail: 'ops-at-example.com' }],
    ['logRetentionDays', { logRetentionDays: '31' }],
    ['apiThrottleRateLimit', { apiThrottleRateLimit: 0 }],
    ['apiThrottleBurstLimit', { apiThrottleBurstLimit: '1.5' }],
    ['slackMemoryMb', { slackMemoryMb: 64 }],
    ['workerMemoryMb', { workerMemoryMb: 20_000 }],
  ])('rejects a bad %s', (key, override) => {
    expect(() => parseArizeOpsSettings({ ...required, ...override })).toThrow(
      new RegExp(`invalid arize-ops stack settings: .*${key}`),
    );
  });

  it('names every bad setting in one error', () => {
    expect(() => parseArizeOpsSettings({ logLevel: 'LOUD' })).toThrow(
      /slackTeamId.*slackApiAppId.*logLevel/,
    );
  });
});
