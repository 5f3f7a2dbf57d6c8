import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStack } from './synth-stack.ts';

const { stack, template } = synthesizeStack();
const topicRef = { Ref: logicalIdOf(stack.alarmTopic.topic) };
const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
  (alarm) => alarm.Properties,
);
const functions = {
  slack: stack.slackIngress.function,
  worker: stack.worker.function,
  'dead-letter': stack.worker.deadLetterFunction,
  scheduled: stack.scheduledJobs.function,
};

/** The alarms on an AWS/Lambda metric, by the function's logical id. */
const lambdaAlarms = (metricName: string) =>
  alarms
    .filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === metricName)
    .map((alarm) => alarm.Dimensions[0].Value.Ref as string)
    .sort();

describe('the alarm topic', () => {
  it('is the one topic, encrypted with its own rotating key, and every alarm notifies it', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect(alarms.length).toBeGreaterThanOrEqual(15);
    expect(
      alarms.filter((alarm) => JSON.stringify(alarm.AlarmActions) !== JSON.stringify([topicRef])),
    ).toEqual([]);
  });

  it('lets CloudWatch publish to it through the key', () => {
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const statements = key?.Properties.KeyPolicy.Statement as { Principal?: unknown }[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });

  it('e-mails alarmEmail, and warns at synth when nobody is subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: topicRef,
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);

    const unsubscribed = synthesizeStack({ alarmEmail: undefined });
    unsubscribed.template.resourceCountIs('AWS::SNS::Subscription', 0);
    const warnings = Annotations.fromStack(unsubscribed.stack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => w.entry.data)).toEqual([
      expect.stringContaining('Nobody is subscribed to the alarm topic'),
    ]);
  });
});

describe('alarms', () => {
  const every = Object.values(functions)
    .map((fn) => logicalIdOf(fn))
    .sort();

  it('alarm on every function’s errors and throttles', () => {
    expect(lambdaAlarms('Errors')).toEqual(every);
    expect(lambdaAlarms('Throttles')).toEqual(every);
  });

  it('alarm on API 5xx answers', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalIdOf(stack.slackIngress.api) } }],
      Threshold: 0,
    });
  });

  it('alarm when the ack p99 is over 1 s', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ArizeOps',
      MetricName: 'AckLatency',
      ExtendedStatistic: 'p99',
      Dimensions: [
        { Name: 'outcome', Value: 'ok' },
        { Name: 'service', Value: 'arize-ops-slack' },
      ],
      Threshold: 1000,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('alarm when EventBridge Scheduler fails to run a job', () => {
    const scheduler = alarms.filter((alarm) =>
      JSON.stringify(alarm.Metrics ?? []).includes('AWS/Scheduler'),
    );
    expect(scheduler).toHaveLength(1);
    const names = JSON.stringify(scheduler[0]?.Metrics);
    expect(names).toContain('TargetErrorCount');
    expect(names).toContain('InvocationDroppedCount');
  });

  it.each(['arize-ops-worker', 'arize-ops-scheduled'])(
    'alarm when more than a tenth of the Arize calls of %s fail',
    (service) => {
      const rate = alarms.filter((alarm) => {
        const metrics = JSON.stringify(alarm.Metrics ?? []);
        return metrics.includes('ArizeCalls') && metrics.includes(`"${service}"`);
      });
      expect(rate).toHaveLength(1);
      expect(rate[0]?.Threshold).toBe(10);
      const expression = rate[0]?.Metrics.find((m: { Expression?: string }) => m.Expression);
      // Failures are Arize's (5xx, timeouts, network) over every call, 2xx, 4xx and 429 included.
      expect(expression.Expression).toBe(
        'IF((f5xx + ftimeout + fnetwork + o2xx + o4xx + o429) >= 10, ' +
          '100 * (f5xx + ftimeout + fnetwork) / (f5xx + ftimeout + fnetwork + o2xx + o4xx + o429), 0)',
      );
    },
  );
});

describe('the dashboard', () => {
  it('shows acks, ack p99, jobs, approvals, Arize calls, latency and 429s, errors and DLQ depth', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const shown of [
      'MetricName=\\\\\\"Acks\\\\\\"',
      'AckLatency',
      'p99',
      'MetricName=\\\\\\"Jobs\\\\\\"',
      'MetricName=\\\\\\"Approvals\\\\\\"',
      'MetricName=\\\\\\"ArizeCalls\\\\\\"',
      'MetricName=\\\\\\"ArizeLatency\\\\\\"',
      'MetricName=\\\\\\"ArizeThrottled\\\\\\"',
      '\\"Errors\\"',
      '\\"Throttles\\"',
      'ApproximateNumberOfMessagesVisible',
    ]) {
      expect(body).toContain(shown);
    }
  });
});
