import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildStack, logicalIdOf, synthesizeStack } from './synth-stack.ts';

// cdk-nag 3 is a policy-validation plugin: its findings go to the validation report (and make
// synthesis throw), not to construct annotations, so `Annotations.findError('AwsSolutions-*')`
// would pass vacuously. These tests read the plugin's report instead; `synthesizeStack` has
// already synthesized with the plugin registered, which throws on any unacknowledged error.
const { app, stack } = synthesizeStack();

describe('synthesis', () => {
  it('leaves no CDK error or warning annotation', () => {
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(
      report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`),
    ).toEqual([]);
  });

  it('catches a finding when one is introduced, and synthesis fails on it', () => {
    const probe = buildStack();
    new Queue(probe.stack, 'PlainQueue');
    const report = new AwsSolutionsChecks(probe.app).validateScope(probe.app);
    expect(report.violations.map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
    );
    expect(() => Template.fromStack(probe.stack)).toThrow(/SQS queue does not require .*SSL/);
  });

  it('acknowledges only the reviewed rules, each with a reason', () => {
    const acknowledged = stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    const ids = [...new Set(acknowledged.map(([id]) => id.replace(/^annotation::/i, '')))].sort();
    expect(ids).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack.scheduledJobs.function)}.Arn>:*]`,
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack.state.table)}.Arn>/index/*]`,
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
    ]);
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });
});
