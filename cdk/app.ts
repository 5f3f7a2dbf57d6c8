import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ArizeOpsStack } from './arize-ops-stack.ts';
import { demoSettings, parseArizeOpsSettings, settingsContextKeys } from './stack-props.ts';

/**
 * `npx cdk synth` with no arguments synthesizes the demo settings; a deployment passes its own:
 * `npx cdk deploy -c slackTeamId=T0123ABCD -c slackApiAppId=A0123ABCD -c workerReservedConcurrency=5`.
 * Settings come from CDK context only, never `process.env`. Optional `account` and `region` pin the
 * environment (otherwise the stack is environment-agnostic); `stackName` defaults to `ArizeOps`.
 */
const app = new App();
const contextString = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined ? undefined : String(value);
};

const fromContext = Object.fromEntries(
  settingsContextKeys.flatMap((key) => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined ? [] : [[key, value]];
  }),
);
const account = contextString('account');
const region = contextString('region');

new ArizeOpsStack(app, contextString('stackName') ?? 'ArizeOps', {
  description: 'arize-ops: Slack ChatOps for Arize AX with two-person approvals',
  settings: parseArizeOpsSettings({ ...demoSettings, ...fromContext }),
  env: account || region ? { account, region } : undefined,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
