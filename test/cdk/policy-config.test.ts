import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { describe, expect, it } from 'vitest';
import { PolicyConfig } from '../../cdk/constructs/policy-config.ts';
import { logicalIdOf, synthesizeStack } from './synth-stack.ts';

const repoPolicy = readFileSync(new URL('../../policy/policy.json', import.meta.url), 'utf8');
const { stack, template } = synthesizeStack();
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;
const [profileId, profile] = Object.entries(resources).find(
  ([, r]) => r.Type === 'AWS::AppConfig::ConfigurationProfile',
) ?? ['none', undefined];

/** The AppConfig statements of a function's role policy. */
function appConfigStatements(fn: NodejsFunction) {
  if (!fn.role) throw new Error(`${fn.node.path} has no role`);
  const roleId = logicalIdOf(fn.role);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => JSON.stringify(r.Properties.Roles).includes(roleId))
    .flatMap(
      (r) =>
        (r.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
          .Statement,
    )
    .filter((statement) => JSON.stringify(statement.Action).includes('appconfig:'));
}

describe('the policy in AppConfig', () => {
  it('hosts the policy file as a JSON configuration, checked by a JSON schema', () => {
    template.hasResourceProperties('AWS::AppConfig::HostedConfigurationVersion', {
      Content: repoPolicy,
      ContentType: 'application/json',
    });
    const { Validators: validators } = (profile?.Properties ?? {}) as {
      Validators: { Type: string; Content: string }[];
    };
    expect(validators).toHaveLength(1);
    expect(validators[0]!.Type).toBe('JSON_SCHEMA');
    const schema = JSON.parse(validators[0]!.Content) as { required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'teamId', 'requesters']));
  });

  it('deploys it to the live environment all at once with a one-minute bake', () => {
    template.hasResourceProperties('AWS::AppConfig::DeploymentStrategy', {
      GrowthFactor: 100,
      DeploymentDurationInMinutes: 0,
      FinalBakeTimeInMinutes: 1,
      ReplicateTo: 'NONE',
    });
    template.resourceCountIs('AWS::AppConfig::Deployment', 1);
    template.hasResourceProperties('AWS::AppConfig::Environment', { Name: 'live' });
  });

  it('lets the slack, worker and scheduled functions read that one profile, and no other', () => {
    for (const fn of [
      stack.slackIngress.function,
      stack.worker.function,
      stack.scheduledJobs.function,
    ]) {
      const [statement, ...more] = appConfigStatements(fn);
      expect(more).toEqual([]);
      expect(statement).toMatchObject({
        Action: ['appconfig:GetLatestConfiguration', 'appconfig:StartConfigurationSession'],
        Effect: 'Allow',
      });
      const resource = JSON.stringify(statement?.Resource);
      expect(resource).toContain(`/configuration/`);
      expect(resource).toContain(profileId);
      expect(resource).not.toContain('*');
    }
    expect(appConfigStatements(stack.worker.deadLetterFunction)).toEqual([]);
  });

  it('fails the synth with the parser message when the policy does not validate', () => {
    const bad = JSON.stringify({ ...JSON.parse(repoPolicy), quorum: { destructive: 9 } });
    const scope = new Stack(new App(), 'Bad');
    expect(
      () => new PolicyConfig(scope, 'Policy', { text: bad, source: 'my-policy.json' }),
    ).toThrow(
      'my-policy.json: invalid policy: quorum.destructive: quorum 9 exceeds the 3 eligible approver(s) of destructive',
    );
    expect(
      () => new PolicyConfig(scope, 'NotJson', { text: '{ "version": 3,', source: 'cut.json' }),
    ).toThrow(/^cut\.json: /);
  });
});
