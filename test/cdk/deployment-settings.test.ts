import { describe, expect, it } from 'vitest';
import { deployedStackName, parseContextSettings } from '../../cdk/context-settings.ts';
import { leasesFor } from '../../cdk/leases.ts';
import { scheduledConfigSchema, workerConfigSchema } from '../../src/config.ts';
import { logicalIdOf, synthesizeStack } from './synth-stack.ts';

const required = { slackTeamId: 'T0123ABCD', slackApiAppId: 'A0123ABCD' };
const arn = (name: string) =>
  `arn:aws:secretsmanager:eu-west-1:123456789012:secret:shared/${name}-AbC123`;

describe('deployment settings: validation', () => {
  it('appends the stage to the stack name', () => {
    expect(deployedStackName(parseContextSettings({ ...required, stage: 'dev' }))).toBe(
      'ArizeOps-dev',
    );
    expect(deployedStackName(parseContextSettings(required))).toBe('ArizeOps');
  });

  it.each([
    [{ stage: 'Prod' }, 'stage: lower-case letters and digits, starting with a letter'],
    [
      { slackBotTokenArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bot' },
      'slackBotTokenArn: a complete secret ARN, ending in the name and the six characters',
    ],
    [{ workerTimeoutSeconds: '5' }, 'workerTimeoutSeconds'],
    [{ slackProvisionedConcurrency: '-1' }, 'slackProvisionedConcurrency'],
    [
      { workerTimeoutSeconds: '300', scheduledTimeoutSeconds: '200' },
      'scheduledTimeoutSeconds: at least workerTimeoutSeconds (300): the approvals sweep',
    ],
  ])('refuses %j, saying why', (override, message) => {
    expect(() => parseContextSettings({ ...required, ...override })).toThrow(message);
  });
});

describe('leases derived from the timeouts', () => {
  it('are the functions’ own defaults at the default timeouts', () => {
    const leases = leasesFor({ workerSeconds: 60, scheduledSeconds: 120 });
    expect(leases.jobSeconds).toBe(workerConfigSchema.shape.JOB_LEASE_SECONDS.parse(undefined));
    expect(leases.grantSeconds).toBe(workerConfigSchema.shape.GRANT_LEASE_SECONDS.parse(undefined));
    expect(leases.sweepMinutes).toBe(
      scheduledConfigSchema.shape.SWEEP_LEASE_MINUTES.parse(undefined),
    );
  });

  it.each([10, 60, 61, 300, 900])('outlast a worker with a %i s timeout', (workerSeconds) => {
    const leases = leasesFor({ workerSeconds, scheduledSeconds: 900 });
    expect(leases.jobSeconds).toBeGreaterThan(workerSeconds);
    expect(leases.sweepMinutes * 60).toBeGreaterThanOrEqual(2 * workerSeconds);
    expect(leases.grantSeconds).toBeGreaterThan(900);
  });
});

describe('deployment settings: the stack they shape', () => {
  const { stack, template } = synthesizeStack({
    workerTimeoutSeconds: 300,
    scheduledTimeoutSeconds: 600,
    scheduledMemoryMb: 2048,
    slackProvisionedConcurrency: 2,
    slackSigningSecretArn: arn('signing'),
    slackBotTokenArn: arn('bot'),
    arizeApiKeyArn: arn('arize'),
    arizeDeveloperKeyArn: arn('developer'),
    stage: 'prod',
  });
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
  const props = (id: string) => resources[id]?.Properties ?? {};
  const envOf = (id: string) =>
    (props(id).Environment as { Variables: Record<string, string> }).Variables;

  it('gives the worker its timeout, the queue six times it, and the leases beyond it', () => {
    const worker = logicalIdOf(stack.worker.function);
    expect(props(worker).Timeout).toBe(300);
    expect(props(logicalIdOf(stack.worker.queue)).VisibilityTimeout).toBe(6 * 300 + 1);
    expect(envOf(worker)).toMatchObject({ JOB_LEASE_SECONDS: '450', GRANT_LEASE_SECONDS: '900' });
  });

  it('sizes the scheduled function and hands it the sweep and grant leases', () => {
    const scheduled = logicalIdOf(stack.scheduledJobs.function);
    expect(props(scheduled)).toMatchObject({ Timeout: 600, MemorySize: 2048 });
    expect(envOf(scheduled)).toMatchObject({
      SWEEP_LEASE_MINUTES: '13',
      GRANT_LEASE_SECONDS: '900',
    });
  });

  it('keeps slack environments warm on the live alias, which the API invokes', () => {
    template.hasResourceProperties('AWS::Lambda::Alias', {
      Name: 'live',
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 },
    });
    const aliasId = Object.keys(template.findResources('AWS::Lambda::Alias'))[0] as string;
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: { Ref: aliasId },
    });
  });

  it('uses the existing secrets instead of creating its own, granting read on exactly them', () => {
    expect(template.findResources('AWS::SecretsManager::Secret')).toEqual({});
    expect(envOf(logicalIdOf(stack.worker.function))).toMatchObject({
      SLACK_BOT_TOKEN_ARN: arn('bot'),
      ARIZE_API_KEY_ARN: arn('arize'),
      ARIZE_DEVELOPER_KEY_ARN: arn('developer'),
    });
    expect(envOf(logicalIdOf(stack.slackIngress.function))).toMatchObject({
      SLACK_SIGNING_SECRET_ARN: arn('signing'),
    });
    const secretReads = Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(
      ([id, policy]) =>
        (
          policy.Properties.PolicyDocument.Statement as Array<{
            Action: string[];
            Resource: unknown;
          }>
        )
          .filter((statement) => statement.Action.includes('secretsmanager:GetSecretValue'))
          .flatMap((statement) =>
            [statement.Resource].flat().map((resource) => ({ id, resource })),
          ),
    );
    const imported = ['signing', 'bot', 'arize', 'developer'].map(arn);
    expect(secretReads.length).toBeGreaterThanOrEqual(7);
    for (const { resource } of secretReads) expect(imported).toContain(resource);
    const slackPolicy = secretReads.filter(({ id }) => id.startsWith('SlackIngress'));
    expect(slackPolicy.map(({ resource }) => resource).sort()).toEqual(
      [arn('bot'), arn('signing')].sort(),
    );
  });

  it('tags every taggable resource with the stage', () => {
    const table = props(logicalIdOf(stack.state.table));
    expect(table.Tags).toEqual(expect.arrayContaining([{ Key: 'Stage', Value: 'prod' }]));
    expect(props(logicalIdOf(stack.worker.function)).Tags).toEqual(
      expect.arrayContaining([{ Key: 'Stage', Value: 'prod' }]),
    );
  });

  it('creates no alias and no tag by default', () => {
    const defaults = synthesizeStack().template;
    expect(defaults.findResources('AWS::Lambda::Alias')).toEqual({});
    expect(Object.keys(defaults.findResources('AWS::SecretsManager::Secret'))).toHaveLength(4);
  });
});
