import { describe, expect, it } from 'vitest';
import { contextKeys, parseContextSettings, stackSettingsOf } from '../../cdk/context-settings.ts';
import { logicalIdOf, synthesizeStack } from './synth-stack.ts';

const required = { slackTeamId: 'T0123ABCD', slackApiAppId: 'A0123ABCD' };

describe('parseContextSettings', () => {
  it('applies the app-level defaults and passes the rest to the stack', () => {
    const settings = parseContextSettings(required);
    expect(settings).toMatchObject({ stackName: 'ArizeOps', cfnValidation: false });
    expect(settings.account).toBeUndefined();
    const stack = stackSettingsOf(settings);
    expect(stack).not.toHaveProperty('stackName');
    expect(stack).toMatchObject({ ...required, workerMemoryMb: 1024, logRetentionDays: 30 });
  });

  it('reads the strings the CDK CLI delivers', () => {
    const settings = parseContextSettings({
      ...required,
      account: '123456789012',
      region: 'eu-west-1',
      cfnValidation: 'true',
      logRetentionDays: '90',
      schedules: '{"sweep":{"expression":"rate(10 minutes)"}}',
    });
    expect(settings).toMatchObject({
      account: '123456789012',
      region: 'eu-west-1',
      cfnValidation: true,
      logRetentionDays: 90,
      schedules: { sweep: { expression: 'rate(10 minutes)' } },
    });
  });

  it('ignores CDK feature flags and the keys the CLI injects', () => {
    expect(() =>
      parseContextSettings({
        ...required,
        '@aws-cdk/core:checkSecretUsage': true,
        'aws:cdk:bundling-stacks': ['**'],
        'cli-telemetry': false,
      }),
    ).not.toThrow();
  });

  it('refuses an unknown key, naming the closest known one', () => {
    expect(() => parseContextSettings({ ...required, slackTeamID: 'T0123ABCD' })).toThrow(
      'invalid arize-ops context (-c key=value): slackTeamID: not a context key (did you mean slackTeamId?)',
    );
    expect(() => parseContextSettings({ ...required, colour: 'blue' })).toThrow(
      /colour: not a context key$/,
    );
  });

  it.each([
    ['account', { account: '1234' }],
    ['region', { region: 'Europe' }],
    ['stackName', { stackName: '9lives' }],
    ['cfnValidation', { cfnValidation: 'yes' }],
    ['schedules', { schedules: '{"sweep":{"expression":"every 5 minutes"}}' }],
  ])('names a bad %s', (key, override) => {
    expect(() => parseContextSettings({ ...required, ...override })).toThrow(
      new RegExp(`invalid arize-ops context .*${key}`),
    );
  });

  it('names every problem in one error', () => {
    expect(() => parseContextSettings({ typo: 1, logLevel: 'LOUD' })).toThrow(
      /typo: not a context key.*slackTeamId.*slackApiAppId.*logLevel/,
    );
  });

  it('lists the stack settings and the app-level keys', () => {
    expect(contextKeys).toEqual(expect.arrayContaining(['slackTeamId', 'schedules', 'region']));
    expect(new Set(contextKeys).size).toBe(contextKeys.length);
  });
});

describe('settings that shape the stack', () => {
  const { stack, template } = synthesizeStack({
    logRetentionDays: 7,
    apiThrottleRateLimit: 5,
    apiThrottleBurstLimit: 9,
    slackMemoryMb: 1769,
    workerMemoryMb: 2048,
  });

  it('gives every log group the retention', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(7);
  });

  it('throttles the API as configured', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 9 },
    });
  });

  it('sizes the slack and worker functions', () => {
    const memoryOf = (id: string) =>
      (template.toJSON().Resources[id] as { Properties: { MemorySize: number } }).Properties
        .MemorySize;
    expect(memoryOf(logicalIdOf(stack.slackIngress.function))).toBe(1769);
    expect(memoryOf(logicalIdOf(stack.worker.function))).toBe(2048);
  });

  it('keeps the defaults otherwise', () => {
    const defaults = synthesizeStack().template;
    const groups = Object.values(defaults.findResources('AWS::Logs::LogGroup'));
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(30);
  });
});
