import { Duration, Stack } from 'aws-cdk-lib';
import {
  Application,
  ConfigurationContent,
  DeploymentStrategy,
  Environment,
  HostedConfiguration,
  JsonSchemaValidator,
  RolloutStrategy,
} from 'aws-cdk-lib/aws-appconfig';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import * as z from 'zod';
import { parsePolicyText, policySchema } from '../../src/domain/policy/policy.ts';

export interface PolicyConfigProps {
  /** The policy document as written (`-c policyFile=PATH`, default `policy/policy.json`). */
  readonly text: string;
  /** Where the text came from, named in the synth error of a policy that does not validate. */
  readonly source: string;
}

/** The structural half of the zod schema, for AppConfig's own check of a new version. */
const policyJsonSchema = (): string =>
  JSON.stringify(z.toJSONSchema(policySchema, { target: 'draft-4', io: 'input' }));

/**
 * The deployed policy in AWS AppConfig: a hosted configuration with a JSON-schema validator,
 * deployed all at once to the `live` environment with a one-minute bake (a deployment can be
 * stopped and rolled back in that minute). The functions read it through Powertools Parameters
 * (cached 60 s), so a new policy applies within a minute and without a redeploy of code.
 *
 * The synth validates the text with the same zod parser the functions use: a policy that does
 * not validate fails `cdk synth` with the parser's message and never reaches AppConfig. A version
 * created outside the stack must pass the JSON schema; the functions still parse it with zod and
 * keep the last good policy if it fails the rules a JSON schema cannot say (quorums, version).
 */
export class PolicyConfig extends Construct {
  readonly application: Application;
  readonly environment: Environment;
  readonly profile: HostedConfiguration;

  constructor(scope: Construct, id: string, props: PolicyConfigProps) {
    super(scope, id);
    const parsed = parsePolicyText(props.text);
    if (!parsed.ok) throw new Error(`${props.source}: ${parsed.error}`);
    const stackName = Stack.of(this).stackName;
    this.application = new Application(this, 'Application', {
      applicationName: stackName,
      description: 'arize-ops: who may request and approve what',
    });
    this.environment = new Environment(this, 'Live', {
      application: this.application,
      environmentName: 'live',
    });
    this.profile = new HostedConfiguration(this, 'Policy', {
      application: this.application,
      name: 'policy',
      content: ConfigurationContent.fromInlineJson(props.text),
      validators: [JsonSchemaValidator.fromInline(policyJsonSchema())],
      deploymentStrategy: new DeploymentStrategy(this, 'AllAtOnce', {
        rolloutStrategy: RolloutStrategy.linear({
          growthFactor: 100,
          deploymentDuration: Duration.minutes(0),
          finalBakeTime: Duration.minutes(1),
        }),
      }),
      deployTo: [this.environment],
    });
  }

  /** Lets `fn` read this one configuration profile (no other) and tells it where it is. */
  readBy(fn: IFunction & IGrantable & { addEnvironment(key: string, value: string): unknown }) {
    fn.addEnvironment('POLICY_APPCONFIG_APPLICATION', this.application.applicationId);
    fn.addEnvironment('POLICY_APPCONFIG_ENVIRONMENT', this.environment.environmentId);
    fn.addEnvironment('POLICY_APPCONFIG_PROFILE', this.profile.configurationProfileId);
    fn.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
        resources: [
          `${this.environment.environmentArn}/configuration/${this.profile.configurationProfileId}`,
        ],
      }),
    );
  }
}
