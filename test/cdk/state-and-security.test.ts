import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStack } from './synth-stack.ts';

const { stack, template } = synthesizeStack();
const secrets = stack.state.secrets;
const arizeSecretIds = [logicalIdOf(secrets.arizeApiKey), logicalIdOf(secrets.arizeDeveloperKey)];
const slackRoleId = logicalIdOf(stack.slackIngress.function.role!);
const workerRoleId = logicalIdOf(stack.worker.function.role!);
const scheduledRoleId = logicalIdOf(stack.scheduledJobs.function.role!);

type Policy = { Properties: { Roles: unknown[]; PolicyDocument: unknown } };
const policiesOfRole = (roleId: string): Policy[] =>
  Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Policy>).filter(
    (policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`),
  );
const referencesIn = (value: unknown): string[] =>
  [...JSON.stringify(value).matchAll(/"Ref":"([^"]+)"/g)].map((match) => match[1]!);

describe('table', () => {
  it('keys items by pk/sk, on demand, with TTL, PITR and AWS-managed encryption', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
      DeletionProtectionEnabled: true,
    });
  });

  it('survives a stack delete', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('has one string-keyed GSI gsi1', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });
});

describe('secrets', () => {
  it.each([
    'ArizeOps/slack/signing-secret',
    'ArizeOps/slack/bot-token',
    'ArizeOps/arize/api-key',
    'ArizeOps/arize/developer-key',
  ])('creates %s with a generated placeholder', (name) => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: name,
      GenerateSecretString: Match.objectLike({ PasswordLength: 32 }),
      SecretString: Match.absent(),
    });
  });

  it('creates exactly four', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 4);
  });

  it('lets no role but the worker and the scheduled function reference the Arize keys', () => {
    const policies = template.findResources('AWS::IAM::Policy') as Record<string, Policy>;
    const readers = Object.values(policies)
      .filter((policy) =>
        referencesIn(policy.Properties.PolicyDocument).some((ref) => arizeSecretIds.includes(ref)),
      )
      .flatMap((policy) => referencesIn(policy.Properties.Roles));
    expect(readers.sort()).toEqual([workerRoleId, scheduledRoleId].sort());
  });

  it('mentions the Arize keys nowhere but in the worker and scheduled functions and their role policies', () => {
    const resources = template.toJSON().Resources as Record<string, unknown>;
    const mentioning = Object.entries(resources)
      .filter(([id, resource]) => {
        if (arizeSecretIds.includes(id)) return false;
        return referencesIn(resource).some((ref) => arizeSecretIds.includes(ref));
      })
      .map(([id]) => id)
      .sort();
    const policyOf = (fn: typeof stack.worker.function) =>
      logicalIdOf(fn.role!.node.findChild('DefaultPolicy'));
    const scheduled = stack.scheduledJobs.function;
    expect(mentioning).toEqual(
      [
        logicalIdOf(stack.worker.function),
        policyOf(stack.worker.function),
        logicalIdOf(scheduled),
        policyOf(scheduled),
      ].sort(),
    );
  });

  it('lets the slack function read the Slack secrets but not the Arize keys', () => {
    const refs = policiesOfRole(slackRoleId).flatMap((p) => referencesIn(p.Properties));
    expect(refs).toEqual(
      expect.arrayContaining([
        logicalIdOf(secrets.slackSigningSecret),
        logicalIdOf(secrets.slackBotToken),
      ]),
    );
    for (const id of arizeSecretIds) expect(refs).not.toContain(id);
  });

  it('lets the worker read the bot token and both Arize keys but not the signing secret', () => {
    const refs = policiesOfRole(workerRoleId).flatMap((p) => referencesIn(p.Properties));
    expect(refs).toEqual(
      expect.arrayContaining([logicalIdOf(secrets.slackBotToken), ...arizeSecretIds]),
    );
    expect(refs).not.toContain(logicalIdOf(secrets.slackSigningSecret));
  });

  it('attaches no AWS managed policy to any role', () => {
    template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });
});

describe('alarms', () => {
  const dlqName = { 'Fn::GetAtt': [logicalIdOf(stack.worker.deadLetterQueue), 'QueueName'] };

  it('alarms when any job is dead-lettered', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'NumberOfMessagesReceived',
      Dimensions: [{ Name: 'QueueName', Value: dlqName }],
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('alarms when the DLQ depth, in flight included, stays above 0', () => {
    const alarm = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', {
        Properties: { Metrics: Match.arrayWith([Match.objectLike({ Id: 'visible' })]) },
      }),
    );
    expect(alarm).toHaveLength(1);
    const { Metrics, Threshold, ComparisonOperator } = alarm[0]!.Properties;
    expect({ Threshold, ComparisonOperator }).toEqual({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    const names = Metrics.flatMap((m: { MetricStat?: { Metric: Record<string, unknown> } }) =>
      m.MetricStat ? [m.MetricStat.Metric] : [],
    );
    expect(names).toEqual([
      expect.objectContaining({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: dlqName }],
      }),
      expect.objectContaining({
        MetricName: 'ApproximateNumberOfMessagesNotVisible',
        Dimensions: [{ Name: 'QueueName', Value: dlqName }],
      }),
    ]);
  });

  it('alarms on worker errors', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(stack.worker.function) } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });
});

describe('outputs', () => {
  it.each([
    'ApiUrl',
    'SlackCommandsUrl',
    'SlackInteractionsUrl',
    'SlackSigningSecretArn',
    'SlackBotTokenArn',
    'ArizeApiKeyArn',
    'ArizeDeveloperKeyArn',
    'JobQueueUrl',
    'DeadLetterQueueUrl',
  ])('outputs %s', (name) => {
    expect(Object.keys(template.findOutputs(name))).toEqual([name]);
  });

  it.each([
    ['ApiUrl', '/'],
    ['SlackCommandsUrl', '/slack/commands'],
    ['SlackInteractionsUrl', '/slack/interactions'],
  ])('builds %s from the $default stage endpoint', (name, path) => {
    expect(template.findOutputs(name)[name]!.Value).toEqual({
      'Fn::Join': [
        '',
        [
          'https://',
          { Ref: logicalIdOf(stack.slackIngress.api) },
          '.execute-api.',
          { Ref: 'AWS::Region' },
          '.',
          { Ref: 'AWS::URLSuffix' },
          path,
        ],
      ],
    });
  });
});
