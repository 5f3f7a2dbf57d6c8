import * as z from 'zod';
import { scheduleOverridesSchema } from './domain/jobs/scheduled-jobs.ts';
import { jsonOf } from './domain/json-of.ts';
import { invitationSettings } from './domain/reports/invitation-report.ts';

/**
 * The one reader of `process.env`. Each Lambda parses only the part it needs, once, and fails fast
 * naming the missing variable. Locally the stack passes the same variables.
 */
const port = z.coerce.number().int().min(0).max(65535);

const common = {
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  /** Set by the stack: metrics go to CloudWatch (EMF) under it; unset, they stay in memory. */
  METRICS_NAMESPACE: z.string().min(1).optional(),
  /** Set by the stack to `active`: X-Ray traces through Powertools Tracer; off, no tracer loads. */
  TRACING: z.enum(['active', 'off']).default('off'),
  AWS_REGION: z.string().default('us-east-1'),
  TABLE_NAME: z.string().min(1),
  /** Set only locally, to point the DynamoDB client at dynalite. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /**
   * Where the policy is read (`POLICY_APPCONFIG_*` in AWS, set by the stack; `POLICY_FILE`
   * locally). AppConfig wins when its three names are set.
   */
  POLICY_APPCONFIG_APPLICATION: z.string().min(1).optional(),
  POLICY_APPCONFIG_ENVIRONMENT: z.string().min(1).optional(),
  POLICY_APPCONFIG_PROFILE: z.string().min(1).optional(),
  /** A policy JSON file, read on every request (the local stack, tests). */
  POLICY_FILE: z.string().min(1).optional(),
};

/** Slack secrets: Secrets Manager ARNs in AWS, or the raw values locally. */
const slackSecrets = {
  SLACK_SIGNING_SECRET_ARN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  /** During a rotation, requests signed with the previous secret are still accepted. */
  SLACK_PREVIOUS_SIGNING_SECRET: z.string().optional(),
  SLACK_BOT_TOKEN_ARN: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_API_URL: z.url().optional(),
  SLACK_TEAM_ID: z.string().min(1),
  SLACK_API_APP_ID: z.string().min(1),
};

export const slackFunctionConfigSchema = z.object({
  ...common,
  ...slackSecrets,
  JOB_QUEUE_URL: z.url(),
});
export type SlackFunctionConfig = z.infer<typeof slackFunctionConfigSchema>;

export const workerConfigSchema = z.object({
  ...common,
  ...slackSecrets,
  ARIZE_BASE_URL: z.url().default('https://api.arize.com'),
  ARIZE_APP_URL: z.url().default('https://app.arize.com'),
  ARIZE_API_KEY_ARN: z.string().optional(),
  ARIZE_API_KEY: z.string().optional(),
  ARIZE_DEVELOPER_KEY_ARN: z.string().optional(),
  ARIZE_DEVELOPER_KEY: z.string().optional(),
  ARIZE_MAX_RPS: z.coerce.number().positive().default(10),
  ARIZE_MAX_CONCURRENCY: z.coerce.number().int().positive().default(8),
  ARIZE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** A job a worker took is another's only after this long; above the worker's timeout. */
  JOB_LEASE_SECONDS: z.coerce.number().int().positive().default(90),
  /** A grant being revoked is another's only after this long; above both functions' timeouts. */
  GRANT_LEASE_SECONDS: z.coerce.number().int().positive().default(180),
  /** Set by the stack, for `/arize doctor`: the dead-letter queue whose depth it reports. */
  DEAD_LETTER_QUEUE_URL: z.url().optional(),
  /**
   * Set by the stack, for `/arize doctor`: each scheduled job's EventBridge schedule (JSON
   * `{"sweep":{"name":"…","enabled":true},…}`) in the group SCHEDULE_GROUP.
   */
  DEPLOYED_SCHEDULES: jsonOf(
    z.record(z.string(), z.object({ name: z.string().min(1), enabled: z.boolean() })),
  ).optional(),
  SCHEDULE_GROUP: z.string().min(1).default('default'),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** The scheduled function: the worker's Arize and Slack settings, the queue, sweep timings. */
export const scheduledConfigSchema = workerConfigSchema.extend({
  /** The sweep re-enqueues execute jobs no worker picked up. */
  JOB_QUEUE_URL: z.url(),
  /** An APPROVED request no worker started for this long gets its execute job again. */
  SWEEP_PICKUP_MINUTES: z.coerce.number().positive().default(10),
  /** An EXECUTING lease older than this is recovered; keep it well above the worker timeout. */
  SWEEP_LEASE_MINUTES: z.coerce.number().positive().default(5),
  /** Re-enqueues before an APPROVED request that never started is FAILED. */
  SWEEP_MAX_REQUEUES: z.coerce.number().int().min(0).default(3),
  /** Where scheduled reports go (a channel id the bot is in); else the policy's approvals channel. */
  REPORTS_CHANNEL: z.string().min(1).optional(),
  /** Invitations pending too long: only reported (the default), or resent. */
  INVITATION_MODE: invitationSettings.mode,
  /** An invitation is pending too long once it is this many days old. */
  INVITATION_RESEND_AFTER_DAYS: invitationSettings.resendAfterDays,
  /** One access review per space, or one per organization (all its spaces). */
  ACCESS_REVIEW_SCOPE: z.enum(['space', 'org']).default('space'),
  /** Days a reviewer has from the review's scheduled time to its deadline. */
  ACCESS_REVIEW_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Days before an access review's deadline its reviewers are reminded, comma-separated. */
  ACCESS_REVIEW_REMINDER_DAYS: z
    .string()
    .regex(/^\s*(\d{1,2}\s*(,\s*\d{1,2}\s*)*)?$/, 'whole days, comma-separated, e.g. 7,1')
    .default('7,1')
    .transform((text) =>
      text
        .split(',')
        .map((day) => day.trim())
        .filter((day) => day !== '')
        .map(Number),
    ),
  /** The desired-access files (one per organization) the drift job compares with Arize. */
  DESIRED_ACCESS_DIR: z.string().min(1).optional(),
});
export type ScheduledConfig = z.infer<typeof scheduledConfigSchema>;

export const localStackConfigSchema = z.object({
  PORT: port.default(3000),
  ARIZE_EMULATOR_PORT: port.default(4010),
  SLACK_SIGNING_SECRET: z.string().optional(),
  ARIZE_API_KEY: z.string().optional(),
  ARIZE_BASE_URL: z.url().optional(),
  ARIZE_APP_URL: z.url().optional(),
  ARIZE_DEVELOPER_KEY: z.string().optional(),
  POLICY_FILE: common.POLICY_FILE,
  LOG_LEVEL: common.LOG_LEVEL,
  /** How often the in-process scheduler looks for due jobs; 0 turns its timer off. */
  SCHEDULER_TICK_SECONDS: z.coerce.number().min(0).default(15),
  /**
   * Per-job schedule overrides as JSON, the same shape as the `schedules` CDK context, e.g.
   * `{"sweep":{"expression":"rate(1 minute)"},"grant-ends":{"enabled":false}}`.
   */
  SCHEDULES: scheduleOverridesSchema,
  /** The desired-access files of the drift job (default: the demo folder policy/desired-access). */
  DESIRED_ACCESS_DIR: z.string().min(1).optional(),
});
export type LocalStackConfig = z.infer<typeof localStackConfigSchema>;

/** `npm run drift`: a real Arize when both are set, else the emulator. */
export const driftCliConfigSchema = z.object({
  ARIZE_BASE_URL: z.url().optional(),
  ARIZE_API_KEY: z.string().min(1).optional(),
  ARIZE_DEVELOPER_KEY: z.string().min(1).optional(),
});

/** `npm run emulator`: the Arize emulator on its own. */
export const emulatorConfigSchema = z.object({
  ARIZE_EMULATOR_PORT: port.default(4010),
  ARIZE_EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  /** A JSON seed file (else the demo account). */
  ARIZE_EMULATOR_SEED: z.string().min(1).optional(),
  ARIZE_EMULATOR_ADMIN_KEY: z.string().min(1).optional(),
  /** A JSON FaultConfig. */
  ARIZE_EMULATOR_FAULTS: z.string().min(1).optional(),
});
export type EmulatorConfig = z.infer<typeof emulatorConfigSchema>;

/** Parses `env` with `schema`, throwing one error that names every bad or missing variable. */
export function parseConfig<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`invalid configuration: ${problems.join('; ')}`);
}

/** ax-client prints a beta banner per function unless this is set; the bot knows it is beta. */
export function silenceArizePrereleaseWarning(): void {
  process.env.DISABLE_PRERELEASE_WARNING = 'true';
}
