import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import { WebClient } from '@slack/web-api';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import policyDocument from '../policy/policy.json' with { type: 'json' };
import { createTargetResolver } from '../src/adapters/arize/target-resolver.ts';
import { DynamoApprovalStore } from '../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../src/adapters/dynamodb/dynamo-audit-log.ts';
import { createDynamoTable } from '../src/adapters/dynamodb/dynamo-table.ts';
import { createLog } from '../src/adapters/logging/create-log.ts';
import { SecretNames } from '../src/adapters/secrets/secret-names.ts';
import { SlackApprovalMessenger } from '../src/adapters/slack/slack-approval-messenger.ts';
import { SlackChatNotifier } from '../src/adapters/slack/slack-chat-notifier.ts';
import { SlackRevealMessenger } from '../src/adapters/slack/slack-reveal-messenger.ts';
import { SqsJobQueue } from '../src/adapters/sqs/sqs-job-queue.ts';
import { makeSweepApprovals, type SweepReport } from '../src/app/approvals/sweep-approvals.ts';
import {
  type EndGrantsOutcome,
  type EndGrantsRun,
  makeEndGrants,
} from '../src/app/grants/end-grants.ts';
import { makeGrantRecorder } from '../src/app/grants/grant-recorder.ts';
import { executors } from '../src/app/operations/executors.ts';
import type { JobQueue } from '../src/app/ports.ts';
import { parseConfig, type ScheduledConfig, scheduledConfigSchema } from '../src/config.ts';
import { catalogue } from '../src/domain/operations/catalogue.ts';
import { parsePolicy } from '../src/domain/policy/policy.ts';
import { arizeGatewayFrom } from './shared/arize-gateway-from-config.ts';
import { grantLeaseMs, grantPartsFrom } from './shared/grant-parts.ts';
import { secretSourceFrom } from './shared/secret-source.ts';
import { systemClock } from './shared/system-clock.ts';

/** The scheduled jobs by name; the schedule's input names one (reports come later). */
export const ScheduledJobs = ['sweep', 'grant-ends'] as const;

/**
 * What EventBridge Scheduler sends: the job and its scheduled time (`<aws.scheduler.scheduled-time>`).
 * The job runs "as of" that time, so a retried invocation makes the same decisions.
 */
export const scheduledEventSchema = z.object({
  job: z.enum(ScheduledJobs),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
});
export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;

export interface ScheduledResult {
  job: ScheduledEvent['job'];
  at: string;
  /** How many requests each action touched, e.g. `{ expired: 2, rerun: 1 }`. */
  actions: Record<string, number>;
}

export interface ScheduledDeps {
  sweep: (now: Date) => Promise<SweepReport>;
  /** Ends the time-bound grants that are due (every minute). */
  grantEnds: (run: EndGrantsRun) => Promise<EndGrantsOutcome>;
  logging: ReturnType<typeof createLog>;
  /** The invocation under way: Arize retries are bounded by the Lambda's remaining time. */
  invocation: { context?: Context };
}

/** The policy's user mappings name the subjects whose Slack e-mail differs. */
function policyOf() {
  const parsed = parsePolicy(policyDocument);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

type ScheduledHandler = (event: unknown, context: Context) => Promise<ScheduledResult>;

/** Runs the named job as of its scheduled time; a bad event or a failed job throws (alarmed). */
export function createScheduledHandler(deps: ScheduledDeps): ScheduledHandler {
  return middy<unknown, ScheduledResult>()
    .use(injectLambdaContext(deps.logging.logger, { resetKeys: true }))
    .handler(async (event, context) => {
      deps.invocation.context = context;
      const parsed = scheduledEventSchema.safeParse(event);
      if (!parsed.success) throw new Error(`not a scheduled job: ${parsed.error.message}`);
      const now = parsed.data.scheduledTime
        ? new Date(parsed.data.scheduledTime)
        : systemClock.now();
      const job = parsed.data.job;
      if (job === 'grant-ends') {
        const remainingMs = context.getRemainingTimeInMillis?.() ?? 60_000;
        const ended = await deps.grantEnds({ scheduledTime: now, remainingMs });
        deps.logging.log.info('scheduled job done', { job, ...ended });
        return { job, ...ended };
      }
      const report = await deps.sweep(now);
      const actions: Record<string, number> = {};
      for (const { action } of report.outcomes) actions[action] = (actions[action] ?? 0) + 1;
      deps.logging.log.info('scheduled job done', { job, at: report.at, actions });
      return { job, at: report.at, actions };
    });
}

/** Everything the scheduled function needs, from its configuration. */
export function createScheduledDeps(
  config: ScheduledConfig,
  overrides: { fetch?: typeof fetch; queue?: JobQueue } = {},
): ScheduledDeps {
  const logging = createLog({ service: 'arize-ops-scheduled', level: config.LOG_LEVEL });
  const invocation: ScheduledDeps['invocation'] = {};
  const secrets = secretSourceFrom(config, systemClock);
  const table = createDynamoTable({
    tableName: config.TABLE_NAME,
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  const gateway = arizeGatewayFrom(config, secrets, invocation, logging.log, overrides.fetch);
  const web = new WebClient(undefined, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    retryConfig: { retries: 2 },
  });
  const botToken = () => secrets.get(SecretNames.slackBotToken);
  const audit = new DynamoAuditLog(table);
  const grants = grantPartsFrom({ table, web, botToken, log: logging.log, policy: policyOf() });
  const grantEnds = makeEndGrants({
    store: grants.store,
    gateway,
    audit,
    news: grants.news,
    clock: systemClock,
    log: logging.log,
    leaseMs: grantLeaseMs,
    maxClaims: 3,
    concurrency: config.ARIZE_MAX_CONCURRENCY,
  });
  const sweep = makeSweepApprovals({
    catalogue,
    executors,
    store: new DynamoApprovalStore(table, systemClock),
    audit,
    messenger: new SlackApprovalMessenger(web, botToken),
    notifier: new SlackChatNotifier(web, botToken, overrides.fetch),
    reveals: new SlackRevealMessenger(web, botToken),
    queue:
      overrides.queue ??
      new SqsJobQueue(new SQSClient({ region: config.AWS_REGION }), config.JOB_QUEUE_URL),
    log: logging.log,
    contextFor: async (request) => ({
      gateway,
      resolver: createTargetResolver(gateway),
      requester: request.requester,
      context: {},
      appUrl: config.ARIZE_APP_URL,
      catalogue,
      clock: systemClock,
    }),
    pickupMs: config.SWEEP_PICKUP_MINUTES * 60_000,
    leaseMs: config.SWEEP_LEASE_MINUTES * 60_000,
    maxRequeues: config.SWEEP_MAX_REQUEUES,
    grants: makeGrantRecorder({
      store: grants.store,
      audit,
      news: grants.news,
      clock: systemClock,
      log: logging.log,
      slackIdOf: grants.slackIdOf,
    }),
  });
  return { sweep, grantEnds, logging, invocation };
}

let fromEnvironment: ScheduledHandler | undefined;

/** The Lambda entry point of the schedule; built on the first event so imports read no env. */
export const handler: ScheduledHandler = (event, context) => {
  fromEnvironment ??= createScheduledHandler(
    createScheduledDeps(parseConfig(scheduledConfigSchema)),
  );
  return fromEnvironment(event, context);
};
