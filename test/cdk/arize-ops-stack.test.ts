import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { scheduledJobNames } from '../../src/domain/jobs/scheduled-jobs.ts';
import { logicalIdOf, synthesizeStack, testSettings } from './synth-stack.ts';

const { stack, template } = synthesizeStack();
const slackFunctionId = logicalIdOf(stack.slackIngress.function);
const workerFunctionId = logicalIdOf(stack.worker.function);
const deadLetterFunctionId = logicalIdOf(stack.worker.deadLetterFunction);
const jobQueueId = logicalIdOf(stack.worker.queue);
const deadLetterQueueId = logicalIdOf(stack.worker.deadLetterQueue);
const tableId = logicalIdOf(stack.state.table);
const secretIds = {
  slackSigningSecret: logicalIdOf(stack.state.secrets.slackSigningSecret),
  slackBotToken: logicalIdOf(stack.state.secrets.slackBotToken),
  arizeApiKey: logicalIdOf(stack.state.secrets.arizeApiKey),
  arizeDeveloperKey: logicalIdOf(stack.state.secrets.arizeDeveloperKey),
};

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: unknown; Resource: unknown };
const resourceProps = (logicalId: string): Record<string, unknown> =>
  (template.toJSON().Resources as Record<string, Resource>)[logicalId]!.Properties;
const environmentOf = (functionId: string): Record<string, unknown> =>
  (resourceProps(functionId).Environment as { Variables: Record<string, unknown> }).Variables;

describe('Slack ingress', () => {
  it.each(['POST /slack/commands', 'POST /slack/interactions'])(
    'routes %s to the slack function',
    (routeKey) => {
      const routes = template.findResources('AWS::ApiGatewayV2::Route', {
        Properties: { RouteKey: routeKey },
      });
      expect(Object.keys(routes)).toHaveLength(1);
      const target = JSON.stringify(Object.values(routes)[0]!.Properties.Target);
      const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1];
      expect(integrationId).toBeDefined();
      expect(resourceProps(integrationId!)).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [slackFunctionId, 'Arn'] },
        PayloadFormatVersion: '2.0',
      });
    },
  );

  it('exposes no other route', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
  });

  it('throttles and access-logs the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: Match.anyValue(),
        ThrottlingBurstLimit: Match.anyValue(),
      },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });

  it('keeps request bodies and query strings out of the access log', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const format = stage.Properties.AccessLogSettings.Format as string;
    expect(format).not.toMatch(/body|querystring|header|authorizer/i);
  });
});

describe('functions', () => {
  it.each([
    ['slack', () => slackFunctionId, 'index.handler', 512, 10],
    ['worker', () => workerFunctionId, 'index.handler', 1024, 60],
    ['dead-letter', () => deadLetterFunctionId, 'index.deadLetterHandler', 512, 30],
  ])('runs the %s function on nodejs22.x arm64', (_name, id, handler, memory, timeout) => {
    expect(resourceProps(id())).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: handler,
      MemorySize: memory,
      Timeout: timeout,
    });
  });

  it('has no other function', () => {
    template.resourceCountIs('AWS::Lambda::Function', 4);
  });

  it('traces every function actively, and lets each role write traces and nothing more on *', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.map((f) => f.Properties.TracingConfig)).toEqual(
      functions.map(() => ({ Mode: 'Active' })),
    );
    const onEverything = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        (policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[])
          .filter((statement) => statement.Resource === '*')
          .map((statement) => statement.Action),
    );
    expect(onEverything).toEqual(
      functions.map(() => ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']),
    );
  });

  const policyVariables = [
    'POLICY_APPCONFIG_APPLICATION',
    'POLICY_APPCONFIG_ENVIRONMENT',
    'POLICY_APPCONFIG_PROFILE',
  ];

  it('gives the slack function exactly the variables src/config.ts reads for it', () => {
    const env = environmentOf(slackFunctionId);
    expect(Object.keys(env).sort()).toEqual(
      [
        'TABLE_NAME',
        'JOB_QUEUE_URL',
        'SLACK_SIGNING_SECRET_ARN',
        'SLACK_BOT_TOKEN_ARN',
        'SLACK_TEAM_ID',
        'SLACK_API_APP_ID',
        'LOG_LEVEL',
        'METRICS_NAMESPACE',
        'TRACING',
        'NODE_OPTIONS',
        'DISABLE_PRERELEASE_WARNING',
        ...policyVariables,
      ].sort(),
    );
    expect(env).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      JOB_QUEUE_URL: { Ref: jobQueueId },
      SLACK_SIGNING_SECRET_ARN: { Ref: secretIds.slackSigningSecret },
      SLACK_BOT_TOKEN_ARN: { Ref: secretIds.slackBotToken },
      SLACK_TEAM_ID: testSettings.slackTeamId,
      SLACK_API_APP_ID: testSettings.slackApiAppId,
      LOG_LEVEL: 'INFO',
      METRICS_NAMESPACE: 'ArizeOps',
      TRACING: 'active',
      NODE_OPTIONS: '--enable-source-maps',
      DISABLE_PRERELEASE_WARNING: 'true',
    });
  });

  it('gives the worker exactly the variables src/config.ts reads for it', () => {
    const env = environmentOf(workerFunctionId);
    expect(Object.keys(env).sort()).toEqual(
      [
        'TABLE_NAME',
        'SLACK_BOT_TOKEN_ARN',
        'SLACK_TEAM_ID',
        'SLACK_API_APP_ID',
        'ARIZE_BASE_URL',
        'ARIZE_APP_URL',
        'ARIZE_API_KEY_ARN',
        'ARIZE_DEVELOPER_KEY_ARN',
        'ARIZE_MAX_RPS',
        'ARIZE_MAX_CONCURRENCY',
        'JOB_LEASE_SECONDS',
        'GRANT_LEASE_SECONDS',
        'DEAD_LETTER_QUEUE_URL',
        'DEPLOYED_SCHEDULES',
        'LOG_LEVEL',
        'METRICS_NAMESPACE',
        'TRACING',
        'NODE_OPTIONS',
        'DISABLE_PRERELEASE_WARNING',
        ...policyVariables,
      ].sort(),
    );
    expect(env).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      SLACK_BOT_TOKEN_ARN: { Ref: secretIds.slackBotToken },
      DEAD_LETTER_QUEUE_URL: { Ref: deadLetterQueueId },
      ARIZE_API_KEY_ARN: { Ref: secretIds.arizeApiKey },
      ARIZE_DEVELOPER_KEY_ARN: { Ref: secretIds.arizeDeveloperKey },
      ARIZE_BASE_URL: 'https://api.arize.com',
      ARIZE_APP_URL: 'https://app.arize.com',
      ARIZE_MAX_RPS: '2',
      ARIZE_MAX_CONCURRENCY: '4',
      JOB_LEASE_SECONDS: '90',
      GRANT_LEASE_SECONDS: '180',
    });
  });

  it("lets the worker's doctor read each schedule and the DLQ's depth, and nothing more of them", () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) =>
        JSON.stringify(policy.Properties.Roles).includes(logicalIdOf(stack.worker.function.role!)),
      )
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
    const scheduleIds = Object.values(stack.scheduledJobs.schedules).map((s) => logicalIdOf(s));
    expect(scheduleIds).toHaveLength(scheduledJobNames.length);
    const onSchedules = statements.filter((s) => JSON.stringify(s.Action).includes('scheduler:'));
    expect(onSchedules.map((s) => s.Action)).toEqual(['scheduler:GetSchedule']);
    const arns = (onSchedules[0]!.Resource as { 'Fn::GetAtt': [string, string] }[]).map(
      (arn) => arn['Fn::GetAtt'],
    );
    expect(arns.sort()).toEqual(scheduleIds.map((id) => [id, 'Arn']).sort());
    expect(
      statements.filter((s) => JSON.stringify(s.Resource).includes(deadLetterQueueId)),
    ).toEqual([
      expect.objectContaining({
        Action: 'sqs:GetQueueAttributes',
        Resource: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] },
      }),
    ]);
    const deployed = JSON.stringify(environmentOf(workerFunctionId).DEPLOYED_SCHEDULES);
    for (const id of scheduleIds) expect(deployed).toContain(id);
    expect(deployed).toContain('\\"sweep\\":{\\"name\\":');
  });

  it('gives the dead-letter function the Slack settings and no Arize setting', () => {
    const env = environmentOf(deadLetterFunctionId);
    expect(Object.keys(env).sort()).toEqual(
      [
        'TABLE_NAME',
        'SLACK_BOT_TOKEN_ARN',
        'SLACK_TEAM_ID',
        'SLACK_API_APP_ID',
        'LOG_LEVEL',
        'METRICS_NAMESPACE',
        'TRACING',
        'NODE_OPTIONS',
        'DISABLE_PRERELEASE_WARNING',
      ].sort(),
    );
    expect(env).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      SLACK_BOT_TOKEN_ARN: { Ref: secretIds.slackBotToken },
    });
  });

  it('reserves worker concurrency (default 5) and caps the queue pollers to match', () => {
    expect(resourceProps(workerFunctionId).ReservedConcurrentExecutions).toBe(5);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: workerFunctionId },
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    expect(resourceProps(slackFunctionId).ReservedConcurrentExecutions).toBeUndefined();
  });

  it('takes concurrency, rate and URLs from the settings', () => {
    const custom = synthesizeStack({
      workerReservedConcurrency: 7,
      arizeMaxRps: 1.5,
      arizeBaseUrl: 'https://api.eu.arize.com/',
      logLevel: 'DEBUG',
    });
    const id = logicalIdOf(custom.stack.worker.function);
    const props = custom.template.toJSON().Resources[id].Properties;
    expect(props.ReservedConcurrentExecutions).toBe(7);
    expect(props.Environment.Variables).toMatchObject({
      ARIZE_MAX_RPS: '1.5',
      ARIZE_BASE_URL: 'https://api.eu.arize.com',
      LOG_LEVEL: 'DEBUG',
    });
    custom.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id },
      ScalingConfig: { MaximumConcurrency: 7 },
    });
  });
});

describe('job queue', () => {
  it('dead-letters a job after 3 receives into a 14-day DLQ', () => {
    expect(resourceProps(jobQueueId).RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] },
      maxReceiveCount: 3,
    });
    expect(resourceProps(deadLetterQueueId).MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('keeps a message invisible for at least 6× the worker timeout', () => {
    const workerTimeout = resourceProps(workerFunctionId).Timeout as number;
    expect(resourceProps(jobQueueId).VisibilityTimeout).toBeGreaterThanOrEqual(6 * workerTimeout);
  });

  it.each([
    ['job queue', () => jobQueueId],
    ['DLQ', () => deadLetterQueueId],
  ])('encrypts the %s and refuses plain HTTP', (_name, id) => {
    expect(resourceProps(id()).SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: id() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('feeds the worker in batches that report item failures', () => {
    const mappings = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { EventSourceArn: { 'Fn::GetAtt': [jobQueueId, 'Arn'] } },
    });
    expect(Object.values(mappings).map((m) => m.Properties)).toEqual([
      expect.objectContaining({
        FunctionName: { Ref: workerFunctionId },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumBatchingWindowInSeconds: expect.any(Number),
      }),
    ]);
    expect(Object.values(mappings)[0]!.Properties.MaximumBatchingWindowInSeconds).toBeLessThan(3);
  });

  it('hands dead letters to the dead-letter function, which reports item failures', () => {
    const mappings = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { EventSourceArn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] } },
    });
    expect(Object.values(mappings).map((m) => m.Properties)).toEqual([
      expect.objectContaining({
        FunctionName: { Ref: deadLetterFunctionId },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    ]);
  });

  it('retries a failed dead-letter report no more often than every 6× its timeout', () => {
    const timeout = resourceProps(deadLetterFunctionId).Timeout as number;
    expect(resourceProps(deadLetterQueueId).VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
  });
});
