import * as z from 'zod';
import { jsonOf } from '../json-of.ts';
import { parseScheduleExpression } from './schedule-expression.ts';

/**
 * When a scheduled job runs: an EventBridge Scheduler expression (`rate(5 minutes)` or
 * `cron(0 8 ? * MON *)`, six fields) in an IANA time zone, or not at all.
 */
export interface JobSchedule {
  expression: string;
  timeZone: string;
  enabled: boolean;
}

interface ScheduledJobDefinition {
  /** What the job does, for the schedule's description and `npm run job -- --list`. */
  description: string;
  schedule: JobSchedule;
  /**
   * Whether a retried invocation for the same scheduled time runs again. Jobs that only make
   * conditional writes (the sweep, grant ends) re-run harmlessly and a retry picks up what the
   * first try could not; jobs that post reports run once per scheduled time.
   */
  oncePerScheduledTime: boolean;
}

const every = (expression: string): JobSchedule => ({ expression, timeZone: 'UTC', enabled: true });

/** Every scheduled job, by the name its schedule sends. The one list the CDK and the runner read. */
export const scheduledJobDefinitions = {
  sweep: {
    description: 'Approvals sweep: expire pending requests, re-enqueue or recover stuck executions',
    schedule: every('rate(5 minutes)'),
    oncePerScheduledTime: false,
  },
  'grant-ends': {
    description: 'Grant ends: restore or remove time-bound space roles that are due',
    schedule: every('rate(1 minute)'),
    oncePerScheduledTime: false,
  },
  'access-report': {
    description:
      'Access report: who can reach what (per org, space admins, invitations, keys due to expire, grants), with changes since last week and a CSV',
    schedule: every('cron(0 8 ? * MON *)'),
    oncePerScheduledTime: true,
  },
  'access-review': {
    description:
      'Access review: each space (or organization) reviewer gets its members with Keep / Remove / Keep all',
    schedule: every('cron(0 9 1 1,4,7,10 ? *)'),
    oncePerScheduledTime: true,
  },
  'access-review-deadlines': {
    description:
      'Access review follow-up: reminders before the deadline; at it, what was not reviewed, and the review as a CSV',
    schedule: every('cron(0 9 * * ? *)'),
    oncePerScheduledTime: true,
  },
  'directory-refresh': {
    description:
      'Name directory refresh: the organization and space names the request modal suggests, read from Arize',
    schedule: every('rate(15 minutes)'),
    oncePerScheduledTime: false,
  },
  invitations: {
    description:
      'Invitation hygiene: invitations pending for days are reported (or resent); expired ones are listed with Re-invite',
    schedule: every('cron(0 9 ? * MON *)'),
    oncePerScheduledTime: true,
  },
  drift: {
    description:
      'Drift against access-as-code: each desired-access file compared with Arize; the differences posted with Propose fix',
    schedule: every('cron(0 7 * * ? *)'),
    oncePerScheduledTime: true,
  },
} as const satisfies Record<string, ScheduledJobDefinition>;

export type ScheduledJobName = keyof typeof scheduledJobDefinitions;
export const scheduledJobNames = Object.keys(scheduledJobDefinitions) as [
  ScheduledJobName,
  ...ScheduledJobName[],
];

/** A schedule expression EventBridge Scheduler accepts and the local scheduler can follow. */
export const scheduleExpressionSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseScheduleExpression(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

const timeZoneSchema = z
  .string()
  .refine((zone) => parseScheduleExpression('cron(0 0 * * ? *)', zone).ok, {
    message: 'an IANA time zone such as UTC or Europe/Paris',
  });

/** What a deployment may change per job: the expression, the time zone, or turn it off. */
const overridesSchema = z
  .partialRecord(
    z.enum(scheduledJobNames),
    z
      .object({
        expression: scheduleExpressionSchema.optional(),
        timeZone: timeZoneSchema.optional(),
        enabled: z.boolean().optional(),
      })
      .strict(),
  )
  .default({});

/**
 * A deployment's schedule overrides: an object, or JSON text of one (an environment variable, a
 * `-c schedules='{…}'` context value), e.g. `{"sweep":{"expression":"rate(10 minutes)"}}`.
 */
export const scheduleOverridesSchema = jsonOf(overridesSchema);
export type ScheduleOverrides = z.input<typeof overridesSchema>;

/**
 * How long EventBridge Scheduler keeps retrying a missed invocation: until the next run of a rate
 * (which covers the same ground), a day for a cron (a late report is still wanted; the run ledger
 * keeps it from posting twice). Scheduler accepts 1 to 1440 minutes.
 */
export function retryWindowMinutes(expression: string): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!rate) return 1440;
  const minutes = Number(rate[1]) * { minute: 1, hour: 60, day: 1440 }[rate[2] as 'minute'];
  return Math.min(Math.max(minutes, 1), 1440);
}

/** Each job's schedule after a deployment's overrides. */
export function schedulesWith(
  overrides: z.output<typeof scheduleOverridesSchema>,
): Record<ScheduledJobName, JobSchedule> {
  return Object.fromEntries(
    scheduledJobNames.map((name) => [
      name,
      { ...scheduledJobDefinitions[name].schedule, ...overrides[name] },
    ]),
  ) as Record<ScheduledJobName, JobSchedule>;
}
