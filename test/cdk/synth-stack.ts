import { readFileSync } from 'node:fs';
import {
  App,
  type CfnElement,
  CloudFormationValidatePlugin,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ArizeOpsStack } from '../../cdk/arize-ops-stack.ts';
import type { ArizeOpsSettingsInput } from '../../cdk/stack-props.ts';

/** The feature flags and settings of `cdk.json`, so tests synthesize what `cdk synth` does. */
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export const testSettings = {
  slackTeamId: 'T0TESTTEAM',
  slackApiAppId: 'A0TESTAPP',
  alarmEmail: 'ops@example.com',
} as const satisfies ArizeOpsSettingsInput;

export interface SynthesizedStack {
  readonly app: App;
  readonly stack: ArizeOpsStack;
  readonly template: Template;
}

// One instance per test worker: each new instance starts its own (slow) validation engine.
let cfnValidatePlugin: CloudFormationValidatePlugin | undefined;

export interface BuildOptions {
  /** Also run CDK's CloudFormation schema validation (`-c cfnValidation=true`); slow to start. */
  readonly cfnValidation?: boolean;
}

/** Builds the app and stack as `cdk/app.ts` does (cdk-nag registered), without synthesizing. */
export function buildStack(
  settings: Partial<ArizeOpsSettingsInput> = {},
  options: BuildOptions = {},
): Omit<SynthesizedStack, 'template'> {
  const app = new App({
    context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
  });
  const stack = new ArizeOpsStack(app, 'ArizeOps', {
    settings: { ...testSettings, ...settings },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  if (options.cfnValidation) {
    cfnValidatePlugin ??= new CloudFormationValidatePlugin();
    Validations.of(app).addPlugins(cfnValidatePlugin);
  }
  return { app, stack };
}

/**
 * Builds and synthesizes the stack on the real `functions/` entries with bundling skipped.
 * Synthesis runs the validation plugins like `cdk synth`: it throws on an unacknowledged cdk-nag
 * error (or, with `cfnValidation`, a CloudFormation schema error).
 */
export function synthesizeStack(
  settings: Partial<ArizeOpsSettingsInput> = {},
  options: BuildOptions = {},
): SynthesizedStack {
  const { app, stack } = buildStack(settings, options);
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical id CloudFormation sees for the L1 resource behind an L2 construct. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!resource) throw new Error(`${construct.node.path} has no default child`);
  return Stack.of(construct).getLogicalId(resource as CfnElement);
}
