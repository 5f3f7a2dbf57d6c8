import * as z from 'zod';
import { scheduleOverridesSchema } from '../src/domain/jobs/scheduled-jobs.ts';
import { invitationSettings } from '../src/domain/reports/invitation-report.ts';

/**
 * The settings an operator chooses per deployment. `cdk/app.ts` reads them from CDK context
 * (`-c slackTeamId=T0123`); context values arrive as strings, hence the coercions.
 */
/** The retention periods CloudWatch Logs accepts, in days. */
const logRetentionValues = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/** A Secrets Manager secret's complete ARN: with the six characters AWS appends to the name. */
const secretArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/,
    'a complete secret ARN, ending in the name and the six characters AWS appends (-AbC123)',
  );

const httpsUrl = z.url({ protocol: /^https$/ }).transform((url) => url.replace(/\/+$/, ''));

export const arizeOpsSettingsSchema = z.object({
  /** Slack workspace (`T…`) or Enterprise Grid org (`E…`) id the bot accepts requests from. */
  slackTeamId: z.string().regex(/^[TE][A-Z0-9]{2,}$/, 'a Slack team id such as T0123ABCD'),
  /** Slack app id (`A…`): requests for any other app are refused. */
  slackApiAppId: z.string().regex(/^A[A-Z0-9]{2,}$/, 'a Slack app id such as A0123ABCD'),
  arizeBaseUrl: httpsUrl.default('https://api.arize.com'),
  arizeAppUrl: httpsUrl.default('https://app.arize.com'),
  /**
   * Worker containers that may run at once. The global Arize request rate is
   * `arizeMaxRps × workerReservedConcurrency`. At least 2: the SQS event source's maximum
   * concurrency is set to the same number and SQS allows no less.
   */
  workerReservedConcurrency: z.coerce.number().int().min(2).max(1000).default(5),
  /** Arize requests per second per worker container. */
  arizeMaxRps: z.coerce.number().positive().max(1000).default(2),
  /** Arize requests in flight per worker container. */
  arizeMaxConcurrency: z.coerce.number().int().positive().max(100).default(4),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  /** E-mailed every alarm (confirm the subscription once); unset, synth warns that nobody is. */
  alarmEmail: z.email('an e-mail address such as ops@example.com').optional(),
  /**
   * Per-job schedule overrides (JSON): the expression, the IANA time zone, or `enabled: false`,
   * e.g. `-c schedules='{"sweep":{"expression":"rate(10 minutes)"}}'`. Jobs left out keep their
   * defaults (`src/domain/jobs/scheduled-jobs.ts`).
   */
  schedules: scheduleOverridesSchema,
  /** The channel scheduled reports are posted to (the bot must be in it); else the approvals channel. */
  reportsChannel: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'a Slack channel id such as C0123ABCD')
    .optional(),
  /**
   * A folder of desired-access files (one JSON file per organization, docs/access-as-code.md),
   * relative to where `cdk` runs: each is validated at synth and bundled into the scheduled
   * function, whose daily `drift` job compares them with Arize. Unset: the drift schedule is
   * created DISABLED.
   */
  desiredAccessDir: z.string().min(1).optional(),
  /** What the invitations job does with invitations pending too long: `report` them, or `resend` them. */
  invitationMode: invitationSettings.mode,
  /** Days after which a pending invitation is reported (or resent) by the invitations job. */
  invitationResendAfterDays: invitationSettings.resendAfterDays,
  /** Days every log group of the stack keeps its events (a CloudWatch Logs retention value). */
  logRetentionDays: z.coerce
    .number()
    .refine((days) => logRetentionValues.includes(days), {
      message: `one of CloudWatch's retention values: ${logRetentionValues.join(', ')}`,
    })
    .default(30),
  /** Requests per second the HTTP API lets through (steady rate) before answering 429. */
  apiThrottleRateLimit: z.coerce.number().positive().max(10_000).default(20),
  /** Requests the HTTP API lets through in a burst. */
  apiThrottleBurstLimit: z.coerce.number().int().positive().max(5_000).default(40),
  /** Memory of the slack function in MB (CPU grows with it: a faster cold ack). */
  slackMemoryMb: z.coerce.number().int().min(128).max(10_240).default(512),
  /** Memory of the worker function in MB. */
  workerMemoryMb: z.coerce.number().int().min(128).max(10_240).default(1024),
  /** Memory of the scheduled-jobs function in MB. */
  scheduledMemoryMb: z.coerce.number().int().min(128).max(10_240).default(1024),
  /**
   * The worker's timeout. The job queue's visibility timeout and every lease that must outlast a
   * running worker (job, approval execution, grant revocation) are derived from it.
   */
  workerTimeoutSeconds: z.coerce.number().int().min(10).max(900).default(60),
  /** The scheduled function's timeout: a job cut off by it continues from its checkpoint. */
  scheduledTimeoutSeconds: z.coerce.number().int().min(30).max(900).default(120),
  /**
   * Slack-function environments kept initialized (no cold start on the ack), on its `live` alias,
   * which the API then invokes; billed around the clock. 0: none, the API invokes the function.
   */
  slackProvisionedConcurrency: z.coerce.number().int().min(0).max(100).default(0),
  /** Secrets that already exist, by complete ARN, used instead of creating the stack's own. */
  slackSigningSecretArn: secretArn.optional(),
  slackBotTokenArn: secretArn.optional(),
  arizeApiKeyArn: secretArn.optional(),
  arizeDeveloperKeyArn: secretArn.optional(),
  /**
   * A deployment stage such as dev or prod: appended to the stack name (`ArizeOps-dev`), so that
   * stages deploy side by side in one account, and tagged `Stage` on every resource.
   */
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,15}$/, 'lower-case letters and digits, starting with a letter')
    .optional(),
});

/** What the stack is given: defaults may be left out. */
export type ArizeOpsSettingsInput = z.input<typeof arizeOpsSettingsSchema>;
/** What the stack uses: validated, defaults applied. */
export type ArizeOpsSettings = z.output<typeof arizeOpsSettingsSchema>;

/** What is wrong between valid values: each a `key: message` line. */
export function settingsConflicts(settings: ArizeOpsSettings): string[] {
  if (settings.scheduledTimeoutSeconds >= settings.workerTimeoutSeconds) return [];
  return [
    `scheduledTimeoutSeconds: at least workerTimeoutSeconds (${settings.workerTimeoutSeconds}): ` +
      'the approvals sweep may run an approved change again, which takes as long as the worker',
  ];
}

/** Validates the settings, throwing one error that names every bad value. */
export function parseArizeOpsSettings(input: unknown): ArizeOpsSettings {
  const parsed = arizeOpsSettingsSchema.safeParse(input);
  const problems = parsed.success
    ? settingsConflicts(parsed.data)
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new Error(`invalid arize-ops stack settings: ${problems.join('; ')}`);
}

/**
 * Demo values so that `npx cdk synth` works with no arguments (the team id comes from the policy
 * file). Never deploy them: Slack would send the real app id, and every request would be refused.
 */
export const demoSettings = {
  slackApiAppId: 'A00000000',
} as const satisfies Partial<ArizeOpsSettingsInput>;

/** The policy `cdk deploy` ships to AppConfig unless `-c policyFile=PATH` names another. */
export const defaultPolicyFile = 'policy/policy.json';
