import * as z from 'zod';
import { closest } from '../src/domain/suggest.ts';
import {
  type ArizeOpsSettings,
  arizeOpsSettingsSchema,
  defaultPolicyFile,
  settingsConflicts,
} from './stack-props.ts';

/**
 * Every CDK context key arize-ops reads (`-c key=value`), in one schema: the stack's settings
 * plus where and how the app synthesizes it. Validated once at synth; the README's configuration
 * reference lists exactly these keys (a test compares them).
 */
export const contextSettingsSchema = arizeOpsSettingsSchema.extend({
  /** AWS account to pin the stack to; environment-agnostic when neither it nor region is set. */
  account: z.coerce
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional(),
  /** AWS region to pin the stack to, e.g. eu-west-1. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1')
    .optional(),
  /** CloudFormation stack name (the stage appended); also the prefix of the secrets' names. */
  stackName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'letters, digits and hyphens, starting with a letter')
    .default('ArizeOps'),
  /**
   * The policy file to ship to AppConfig (relative to where `cdk` runs), validated at synth by the
   * functions' own parser: a policy that does not validate fails the synth and never goes live.
   */
  policyFile: z.string().min(1).default(defaultPolicyFile),
  /** Also run CDK's CloudFormation schema validation (slow to start: 5-14 s). */
  cfnValidation: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((value) => value === true || value === 'true')
    .default(false),
});

/** Every context key, validated, defaults applied. */
export type ContextSettings = z.output<typeof contextSettingsSchema>;

/** The context keys arize-ops reads, in the order the README documents them. */
export const contextKeys = Object.keys(contextSettingsSchema.shape) as ReadonlyArray<
  keyof ContextSettings
>;

/**
 * Context that is not ours: CDK feature flags (`@aws-cdk/…`), keys the CLI injects
 * (`aws:cdk:…`) and `cli-telemetry` from cdk.json.
 */
const isCdkOwnKey = (key: string): boolean =>
  key.startsWith('@') || key.includes(':') || key === 'cli-telemetry';

/**
 * Validates the whole context at once, throwing one error that names every bad value and every
 * unknown key (with the closest known one), so a typo such as `-c slackTeamID=…` is not ignored.
 */
export function parseContextSettings(context: Readonly<Record<string, unknown>>): ContextSettings {
  const problems: string[] = [];
  for (const key of Object.keys(context)) {
    if (isCdkOwnKey(key) || (contextKeys as readonly string[]).includes(key)) continue;
    const near = closest(key, contextKeys, 1);
    problems.push(`${key}: not a context key${near[0] ? ` (did you mean ${near[0]}?)` : ''}`);
  }
  const ours = Object.fromEntries(
    Object.entries(context).filter(([key]) => (contextKeys as readonly string[]).includes(key)),
  );
  const parsed = contextSettingsSchema.safeParse(ours);
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  } else problems.push(...settingsConflicts(parsed.data));
  if (problems.length > 0 || !parsed.success) {
    throw new Error(`invalid arize-ops context (-c key=value): ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The part of the context the stack itself takes. */
export function stackSettingsOf(settings: ContextSettings): ArizeOpsSettings {
  const {
    account: _a,
    region: _r,
    stackName: _s,
    cfnValidation: _c,
    policyFile: _p,
    ...stack
  } = settings;
  return stack;
}

/** The deployed stack's name: `stackName`, with the stage appended when there is one. */
export const deployedStackName = (settings: ContextSettings): string =>
  settings.stage ? `${settings.stackName}-${settings.stage}` : settings.stackName;
