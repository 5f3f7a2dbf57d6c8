import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import { WebClient } from '@slack/web-api';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { createTargetResolver } from '../src/adapters/arize/target-resolver.ts';
import { fileDesiredAccessSource } from '../src/adapters/drift/file-desired-access-source.ts';
import { DynamoAccessReviewStore } from '../src/adapters/dynamodb/dynamo-access-review-store.ts';
import { DynamoApprovalStore } from '../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoContextStore } from '../src/adapters/dynamodb/dynamo-context-store.ts';
import { DynamoDriftStore } from '../src/adapters/dynamodb/dynamo-drift-store.ts';
import { DynamoJobRunLedger } from '../src/adapters/dynamodb/dynamo-job-run-ledger.ts';
import { DynamoNameDirectory } from '../src/adapters/dynamodb/dynamo-name-directory.ts';
import { DynamoReportStore } from '../src/adapters/dynamodb/dynamo-report-store.ts';
import { LambdaJobContinuer } from '../src/adapters/lambda/lambda-job-continuer.ts';
import { withCorrelation } from '../src/adapters/logging/correlation.ts';
import { createLog } from '../src/adapters/logging/create-log.ts';
import { perPolicy } from '../src/adapters/policy/per-policy.ts';
import { SecretNames } from '../src/adapters/secrets/secret-names.ts';
import { SlackAccessReviewMessenger } from '../src/adapters/slack/slack-access-review-messenger.ts';
import { SlackApprovalMessenger } from '../src/adapters/slack/slack-approval-messenger.ts';
import { SlackChatNotifier } from '../src/adapters/slack/slack-chat-notifier.ts';
import { SlackDriftMessenger } from '../src/adapters/slack/slack-drift-messenger.ts';
import { SlackFileSharer } from '../src/adapters/slack/slack-file-sharer.ts';
import { SlackRevealMessenger } from '../src/adapters/slack/slack-reveal-messenger.ts';
import { SlackWebDirectory } from '../src/adapters/slack/slack-web-directory.ts';
import { SqsJobQueue } from '../src/adapters/sqs/sqs-job-queue.ts';
import { systemClock } from '../src/adapters/system-clock.ts';
import { noTracing, type Tracing } from '../src/adapters/tracing/tracing.ts';
import { makeSweepApprovals } from '../src/app/approvals/sweep-approvals.ts';
import { makeRefreshDirectory } from '../src/app/directory/refresh-directory.ts';
import { makeCheckDrift } from '../src/app/drift/check-drift.ts';
import { makeDriftJob } from '../src/app/drift/drift-job.ts';
import { makeEndGrants } from '../src/app/grants/end-grants.ts';
import { makeGrantRecorder } from '../src/app/grants/grant-recorder.ts';
import { makeAccessReportJob } from '../src/app/jobs/access-report-job.ts';
import { makeInvitationsJob } from '../src/app/jobs/invitations-job.ts';
import {
  makeRunScheduledJob,
  type RunScheduledJobDeps,
  type ScheduledInvocation,
  type ScheduledRunResult,
} from '../src/app/jobs/run-scheduled-job.ts';
import type { ScheduledJobs } from '../src/app/jobs/scheduled-job.ts';
import { makeContextFor } from '../src/app/operations/execution-context.ts';
import { executors } from '../src/app/operations/executors.ts';
import type { JobQueue } from '../src/app/ports.ts';
import { makeFollowAccessReviews } from '../src/app/reviews/follow-access-reviews.ts';
import { makeOpenAccessReviews } from '../src/app/reviews/open-access-reviews.ts';
import { parseConfig, type ScheduledConfig, scheduledConfigSchema } from '../src/config.ts';
import {
  type ScheduledJobName,
  scheduledJobDefinitions,
  scheduledJobNames,
} from '../src/domain/jobs/scheduled-jobs.ts';
import { catalogue } from '../src/domain/operations/catalogue.ts';
import { accessPartsFrom } from './shared/access-parts.ts';
import { arizeGatewayFrom } from './shared/arize-gateway-from-config.ts';
import { builtOnce } from './shared/built-once.ts';
import { correlatedQueue } from './shared/correlated-queue.ts';
import {
  type FunctionMetrics,
  flushMetrics,
  measureJob,
  metricsFrom,
} from './shared/function-metrics.ts';
import { tracingFrom } from './shared/function-tracing.ts';
import { grantPartsFrom } from './shared/grant-parts.ts';
import { policySourceFrom } from './shared/policy-source.ts';
import { secretSourceFrom } from './shared/secret-source.ts';
import { tableFrom } from './shared/table-from-config.ts';

/**
 * What EventBridge Scheduler sends: the job and its scheduled time (`<aws.scheduler.scheduled-time>`).
 * The job runs "as of" that time, so a retried invocation makes the same decisions. A run cut off
 * by the Lambda's time invokes the function again with the next `continuation`.
 */
export const scheduledEventSchema = z.object({
  job: z.enum(scheduledJobNames),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
  continuation: z.number().int().min(0).default(0),
});
export type ScheduledEvent = z.input<typeof scheduledEventSchema>;

export interface ScheduledDeps {
  runScheduledJob: (
    invocation: ScheduledInvocation<ScheduledJobName>,
  ) => Promise<ScheduledRunResult<ScheduledJobName>>;
  logging: ReturnType<typeof createLog>;
  /** Runs by job and outcome (its final state), their duration, and the Arize calls. */
  metrics: FunctionMetrics;
  /** The invocation under way: Arize retries are bounded by the Lambda's remaining time. */
  invocation: { context?: Context };
  /** X-Ray segments of each run (none when omitted). */
  tracing?: Tracing;
}

type ScheduledHandler = (
  event: unknown,
  context: Context,
) => Promise<ScheduledRunResult<ScheduledJobName>>;

/** Runs the named job as of its scheduled time; a bad event or a failed job throws (alarmed). */
export function createScheduledHandler(deps: ScheduledDeps): ScheduledHandler {
  return middy<unknown, ScheduledRunResult<ScheduledJobName>>()
    .use((deps.tracing ?? noTracing).middlewares)
    .use(flushMetrics(deps.metrics))
    .use(injectLambdaContext(deps.logging.logger, { resetKeys: true }))
    .handler(async (event, context) => {
      deps.invocation.context = context;
      const parsed = scheduledEventSchema.safeParse(event);
      if (!parsed.success) throw new Error(`not a scheduled job: ${parsed.error.message}`);
      const { job, scheduledTime, continuation } = parsed.data;
      const run = () =>
        deps.runScheduledJob({
          job,
          scheduledTime: scheduledTime ? new Date(scheduledTime) : systemClock.now(),
          continuation,
          remainingMs: context.getRemainingTimeInMillis?.() ?? 60_000,
        });
      return measureJob(deps.metrics, job, run, (result) => result.state);
    });
}

/** Everything the scheduled function needs, from its configuration. */
export function createScheduledDeps(
  config: ScheduledConfig,
  overrides: {
    fetch?: typeof fetch;
    queue?: JobQueue;
    /** Locally the stack runs the continuation itself; in AWS the function invokes itself. */
    continueLater?: RunScheduledJobDeps<ScheduledJobName>['continueLater'];
    tracing?: Tracing;
  } = {},
): ScheduledDeps {
  const tracing = overrides.tracing ?? noTracing;
  const logging = createLog({ service: 'arize-ops-scheduled', level: config.LOG_LEVEL });
  const invocation: ScheduledDeps['invocation'] = {};
  const metrics = metricsFrom(config, 'arize-ops-scheduled');
  const secrets = secretSourceFrom(config, systemClock, tracing.instrument);
  const table = tableFrom(config, tracing.instrument);
  const gateway = arizeGatewayFrom(
    config,
    secrets,
    invocation,
    logging.log,
    overrides.fetch,
    metrics,
  );
  const web = new WebClient(undefined, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    retryConfig: { retries: 2 },
  });
  const botToken = () => secrets.get(SecretNames.slackBotToken);
  const audit = new DynamoAuditLog(table);
  const notifier = new SlackChatNotifier(web, botToken, overrides.fetch);
  const files = new SlackFileSharer(web, botToken, overrides.fetch);
  const reports = new DynamoReportStore(table, systemClock);
  const reviews = new DynamoAccessReviewStore(table);
  const reviewMessenger = new SlackAccessReviewMessenger(web, botToken);
  const drifts = new DynamoDriftStore(table, systemClock);
  const driftMessenger = new SlackDriftMessenger(web, botToken);
  const desiredAccess = config.DESIRED_ACCESS_DIR
    ? fileDesiredAccessSource(config.DESIRED_ACCESS_DIR)
    : undefined;
  const continuer = new LambdaJobContinuer(
    tracing.instrument(new LambdaClient({ region: config.AWS_REGION })),
    () => invocation.context?.invokedFunctionArn,
  );
  // Each run reads the policy in force (user mappings, the approvals channel of the report).
  const runFor = perPolicy(policySourceFrom(config, logging.log), ({ policy }) => {
    const grants = grantPartsFrom({ table, web, botToken, log: logging.log, policy });
    // A recovered execution is re-planned and its post-state re-read with what the worker has.
    const contextFor = makeContextFor({
      ...accessPartsFrom({ policy, web, botToken, gateway, grants, audit, log: logging.log }),
      auditTrail: audit,
      grants: grants.store,
      files,
      gateway,
      newResolver: () => createTargetResolver(gateway),
      contexts: new DynamoContextStore(table),
      appUrl: config.ARIZE_APP_URL,
      catalogue,
      clock: systemClock,
      directory: new SlackWebDirectory(web, botToken),
      policy,
    });
    const grantEnds = makeEndGrants({
      store: grants.store,
      gateway,
      audit,
      news: grants.news,
      clock: systemClock,
      log: logging.log,
      // A claim holds a grant longer than one run may take, so a live claimant is never
      // overtaken; a killed one's grants are taken over within minutes.
      leaseMs: config.GRANT_LEASE_SECONDS * 1000,
      maxClaims: 3,
      concurrency: config.ARIZE_MAX_CONCURRENCY,
    });
    const sweep = makeSweepApprovals({
      catalogue,
      executors,
      store: new DynamoApprovalStore(table, systemClock),
      audit,
      messenger: new SlackApprovalMessenger(web, botToken),
      notifier,
      reveals: new SlackRevealMessenger(web, botToken),
      inCommandOf: (id, step) => (id ? withCorrelation(id, step) : step()),
      queue: correlatedQueue(
        overrides.queue ??
          new SqsJobQueue(
            tracing.instrument(new SQSClient({ region: config.AWS_REGION })),
            config.JOB_QUEUE_URL,
          ),
      ),
      log: logging.log,
      contextFor: (request) => contextFor(request.requester),
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
    // Scheduled reports go to the reports channel, else the policy's approvals channel.
    const reportsChannel = config.REPORTS_CHANNEL ?? policy.approvalsChannel;
    const jobs: ScheduledJobs = {
      sweep: async (run) => {
        const report = await sweep(run.scheduledTime);
        const actions: Record<string, number> = {};
        for (const { action } of report.outcomes) actions[action] = (actions[action] ?? 0) + 1;
        return { state: 'finished', actions };
      },
      // A run cut off by its deadline claims nothing more: the next minute's run takes the rest.
      'grant-ends': async (run) => {
        const remainingMs = run.deadline.getTime() - systemClock.now().getTime();
        const { actions } = await grantEnds({ scheduledTime: run.scheduledTime, remainingMs });
        return { state: 'finished', actions };
      },
      'access-report': makeAccessReportJob({
        gateway,
        grants: grants.store,
        reports,
        clock: systemClock,
        concurrency: config.ARIZE_MAX_CONCURRENCY,
        notifier,
        files,
        channel: reportsChannel,
        log: logging.log,
      }),
      invitations: makeInvitationsJob({
        gateway,
        notifier,
        files,
        channel: reportsChannel,
        mode: config.INVITATION_MODE,
        resendAfterDays: config.INVITATION_RESEND_AFTER_DAYS,
        clock: systemClock,
        log: logging.log,
      }),
      'access-review': makeOpenAccessReviews({
        gateway,
        reviews,
        messenger: reviewMessenger,
        notifier,
        audit,
        reports,
        slackIdOf: grants.slackIdOf,
        namedReviewers: policy.accessReviewers,
        approvalsChannel: policy.approvalsChannel,
        scope: config.ACCESS_REVIEW_SCOPE,
        days: config.ACCESS_REVIEW_DAYS,
        clock: systemClock,
        log: logging.log,
      }),
      'access-review-deadlines': makeFollowAccessReviews({
        reviews,
        messenger: reviewMessenger,
        notifier,
        files,
        audit,
        approvalsChannel: policy.approvalsChannel,
        reminderDays: config.ACCESS_REVIEW_REMINDER_DAYS,
        clock: systemClock,
        log: logging.log,
      }),
      drift: makeDriftJob({
        desiredAccess,
        checkDrift: (desired) =>
          makeCheckDrift({ gateway, resolver: createTargetResolver(gateway) })(desired),
        drifts,
        messenger: driftMessenger,
        notifier,
        channel: config.REPORTS_CHANNEL ?? policy.approvalsChannel,
        clock: systemClock,
        log: logging.log,
      }),
      'directory-refresh': makeRefreshDirectory({
        gateway,
        directory: new DynamoNameDirectory(table),
        clock: systemClock,
        log: logging.log,
      }),
    };
    return makeRunScheduledJob({
      jobs,
      definitions: scheduledJobDefinitions,
      ledger: new DynamoJobRunLedger(table, systemClock),
      continueLater: overrides.continueLater ?? ((next) => continuer.continueLater(next)),
      clock: systemClock,
      log: logging.log,
    });
  });
  return {
    runScheduledJob: async (run) => (await runFor())(run),
    logging,
    metrics,
    invocation,
    tracing,
  };
}

const fromEnvironment = builtOnce(async () => {
  const config = parseConfig(scheduledConfigSchema);
  const tracing = await tracingFrom(config, 'arize-ops-scheduled');
  return createScheduledHandler(createScheduledDeps(config, { tracing }));
});

/** The Lambda entry point of the schedule; built on the first event so imports read no env. */
export const handler: ScheduledHandler = async (event, context) =>
  (await fromEnvironment())(event, context);
