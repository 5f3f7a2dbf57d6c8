import { App, CloudFormationValidatePlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import policyDocument from '../policy/policy.json' with { type: 'json' };
import { parsePolicy } from '../src/domain/policy/policy.ts';
import { ArizeOpsStack } from './arize-ops-stack.ts';
import { demoSettings, parseArizeOpsSettings, settingsContextKeys } from './stack-props.ts';

/**
 * `npx cdk synth` with no arguments synthesizes the demo settings; a deployment passes its own:
 * `npx cdk deploy -c slackApiAppId=A0123ABCD -c workerReservedConcurrency=5`.
 * Settings come from CDK context only, never `process.env`. `slackTeamId` defaults to the policy's
 * `teamId`. Optional `account` and `region` pin the environment (otherwise the stack is
 * environment-agnostic); `stackName` defaults to `ArizeOps`.
 *
 * CDK's built-in CloudFormation schema validation is opt-in (`-c cfnValidation=true`, e.g. once in
 * CI): starting its WASM engine takes 5-14 s on 2 cores, ~90 % of an otherwise ~2 s synthesis,
 * and this stack is built from L2 constructs whose output `test/cdk` asserts. cdk-nag always runs.
 */
const app = new App({ builtinCloudFormationValidation: false });
const contextString = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined ? undefined : String(value);
};

// The policy is bundled into the slack function; a bad one must fail here, not at the first request.
const policy = parsePolicy(policyDocument);
if (!policy.ok) throw new Error(`policy/policy.json: ${policy.error}`);

const fromContext = Object.fromEntries(
  settingsContextKeys.flatMap((key) => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined ? [] : [[key, value]];
  }),
);
const settings = parseArizeOpsSettings({
  ...demoSettings,
  slackTeamId: policy.value.teamId,
  ...fromContext,
});
if (settings.slackTeamId !== policy.value.teamId) {
  throw new Error(
    `slackTeamId ${settings.slackTeamId} is not the policy's teamId ${policy.value.teamId}: ` +
      'the policy would let no one request anything. Fix policy/policy.json or the context.',
  );
}

const account = contextString('account');
const region = contextString('region');
new ArizeOpsStack(app, contextString('stackName') ?? 'ArizeOps', {
  description: 'arize-ops: Slack ChatOps for Arize AX with two-person approvals',
  settings,
  env: account || region ? { account, region } : undefined,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
if (contextString('cfnValidation') === 'true') {
  Validations.of(app).addPlugins(new CloudFormationValidatePlugin());
}
