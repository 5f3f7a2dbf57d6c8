import { App, CloudFormationValidatePlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import policyDocument from '../policy/policy.json' with { type: 'json' };
import { parsePolicy } from '../src/domain/policy/policy.ts';
import { ArizeOpsStack } from './arize-ops-stack.ts';
import { parseContextSettings, stackSettingsOf } from './context-settings.ts';
import { demoSettings } from './stack-props.ts';

/**
 * `npx cdk synth` with no arguments synthesizes the demo settings; a deployment passes its own:
 * `npx cdk deploy -c slackApiAppId=A0123ABCD -c workerReservedConcurrency=5`.
 * Settings come from CDK context only, never `process.env`, validated by one schema
 * (`cdk/context-settings.ts`, listed in the README's configuration reference); an unknown key is
 * an error. `slackTeamId` defaults to the policy's `teamId`.
 *
 * CDK's built-in CloudFormation schema validation is opt-in (`-c cfnValidation=true`, e.g. once in
 * CI): starting its WASM engine takes 5-14 s on 2 cores, ~90 % of an otherwise ~2 s synthesis,
 * and this stack is built from L2 constructs whose output `test/cdk` asserts. cdk-nag always runs.
 */
const app = new App({ builtinCloudFormationValidation: false });

// The policy is bundled into the functions; a bad one must fail here, not at the first request.
const policy = parsePolicy(policyDocument);
if (!policy.ok) throw new Error(`policy/policy.json: ${policy.error}`);

const settings = parseContextSettings({
  ...demoSettings,
  slackTeamId: policy.value.teamId,
  ...app.node.getAllContext(),
});
if (settings.slackTeamId !== policy.value.teamId) {
  throw new Error(
    `slackTeamId ${settings.slackTeamId} is not the policy's teamId ${policy.value.teamId}: ` +
      "the policy would let no one request anything. Put your workspace's team id in " +
      "policy/policy.json's teamId (the stack takes it from there; -c slackTeamId is optional).",
  );
}

const { account, region } = settings;
new ArizeOpsStack(app, settings.stackName, {
  description: 'arize-ops: Slack ChatOps for Arize AX with two-person approvals',
  settings: stackSettingsOf(settings),
  env: account || region ? { account, region } : undefined,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
if (settings.cfnValidation) {
  Validations.of(app).addPlugins(new CloudFormationValidatePlugin());
}
