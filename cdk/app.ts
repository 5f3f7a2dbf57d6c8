import { readFileSync } from 'node:fs';
import { App, CloudFormationValidatePlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parsePolicyText } from '../src/domain/policy/policy.ts';
import { ArizeOpsStack } from './arize-ops-stack.ts';
import { deployedStackName, parseContextSettings, stackSettingsOf } from './context-settings.ts';
import { defaultPolicyFile, demoSettings } from './stack-props.ts';

/**
 * `npx cdk synth` with no arguments synthesizes the demo settings; a deployment passes its own:
 * `npx cdk deploy -c slackApiAppId=A0123ABCD -c workerReservedConcurrency=5`.
 * Settings come from CDK context only, never `process.env`, validated by one schema
 * (`cdk/context-settings.ts`, listed in the README's configuration reference); an unknown key is
 * an error. `slackTeamId` defaults to the policy's `teamId`; `policyFile` names the policy to ship.
 *
 * CDK's built-in CloudFormation schema validation is opt-in (`-c cfnValidation=true`, e.g. once in
 * CI): starting its WASM engine takes 5-14 s on 2 cores, ~90 % of an otherwise ~2 s synthesis,
 * and this stack is built from L2 constructs whose output `test/cdk` asserts. cdk-nag always runs.
 */
const app = new App({ builtinCloudFormationValidation: false });

// The policy ships to AppConfig (`-c policyFile=PATH`); a bad one fails here, never goes live.
const policyFile = String(app.node.tryGetContext('policyFile') ?? defaultPolicyFile);
const policyText = readFileSync(policyFile, 'utf8');
const policy = parsePolicyText(policyText);
if (!policy.ok) throw new Error(`${policyFile}: ${policy.error}`);

const settings = parseContextSettings({
  ...demoSettings,
  slackTeamId: policy.value.teamId,
  ...app.node.getAllContext(),
});
if (settings.slackTeamId !== policy.value.teamId) {
  throw new Error(
    `slackTeamId ${settings.slackTeamId} is not the policy's teamId ${policy.value.teamId}: ` +
      "the policy would let no one request anything. Put your workspace's team id in " +
      `${policyFile}'s teamId (the stack takes it from there; -c slackTeamId is optional).`,
  );
}

const { account, region } = settings;
new ArizeOpsStack(app, deployedStackName(settings), {
  description: 'arize-ops: Slack ChatOps for Arize AX with two-person approvals',
  settings: stackSettingsOf(settings),
  policy: { text: policyText, source: policyFile },
  env: account || region ? { account, region } : undefined,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
if (settings.cfnValidation) {
  Validations.of(app).addPlugins(new CloudFormationValidatePlugin());
}
