import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { WebClient } from '@slack/web-api';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createTargetResolver } from '../src/adapters/arize/target-resolver.ts';
import { DynamoApprovalStore } from '../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoContextStore } from '../src/adapters/dynamodb/dynamo-context-store.ts';
import { DynamoJobLedger } from '../src/adapters/dynamodb/dynamo-job-ledger.ts';
import { DynamoNameDirectory } from '../src/adapters/dynamodb/dynamo-name-directory.ts';
import { DynamoReportStore } from '../src/adapters/dynamodb/dynamo-report-store.ts';
import { withCorrelation } from '../src/adapters/logging/correlation.ts';
import { createLog } from '../src/adapters/logging/create-log.ts';
import { describeError } from '../src/adapters/logging/describe-error.ts';
import { MemoryMetrics } from '../src/adapters/metrics/memory-metrics.ts';
import { MetricNames } from '../src/adapters/metrics/metric-names.ts';
import { perPolicy } from '../src/adapters/policy/per-policy.ts';
import { SecretNames } from '../src/adapters/secrets/secret-names.ts';
import { SlackApprovalMessenger } from '../src/adapters/slack/slack-approval-messenger.ts';
import { SlackChatNotifier } from '../src/adapters/slack/slack-chat-notifier.ts';
import { SlackFileSharer } from '../src/adapters/slack/slack-file-sharer.ts';
import { SlackModalPresenter } from '../src/adapters/slack/slack-modal-presenter.ts';
import { SlackRevealMessenger } from '../src/adapters/slack/slack-reveal-messenger.ts';
import { SlackWebDirectory } from '../src/adapters/slack/slack-web-directory.ts';
import { systemClock } from '../src/adapters/system-clock.ts';
import { noTracing, type Tracing } from '../src/adapters/tracing/tracing.ts';
import { makeCancelApproval } from '../src/app/approvals/cancel-approval.ts';
import { makeExecuteApproval } from '../src/app/approvals/execute-approval.ts';
import { makeFailApproval } from '../src/app/approvals/fail-approval.ts';
import { makeOfferReveal } from '../src/app/approvals/offer-reveal.ts';
import { makePrepareApproval } from '../src/app/approvals/prepare-approval.ts';
import { makeRevealSecret } from '../src/app/approvals/reveal-secret.ts';
import { makeEndGrants } from '../src/app/grants/end-grants.ts';
import { makeGrantRecorder } from '../src/app/grants/grant-recorder.ts';
import { executors } from '../src/app/operations/executors.ts';
import type { ChatNotifier, Log, PolicySource } from '../src/app/ports.ts';
import { makeSendAccessReport } from '../src/app/reports/send-access-report.ts';
import { failedJobReply, type JobOutcome, makeRunJob } from '../src/app/run-job.ts';
import { parseConfig, type WorkerConfig, workerConfigSchema } from '../src/config.ts';
import { type Job, jobSchema } from '../src/domain/job.ts';
import { catalogue } from '../src/domain/operations/catalogue.ts';
import type { Reply } from '../src/domain/reply.ts';
import { accessPartsFrom } from './shared/access-parts.ts';
import { arizeGatewayFrom, withNameRecording } from './shared/arize-gateway-from-config.ts';
import { builtOnce } from './shared/built-once.ts';
import { type DoctorSources, doctorFrom } from './shared/doctor-parts.ts';
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

/** The invocation under way: the gateway bounds its retries by the Lambda's remaining time. */
export interface Invocation {
  context?: Context;
}

export interface WorkerDeps {
  runJob: (job: Job) => Promise<JobOutcome>;
  invocation: Invocation;
  notifier: Pick<ChatNotifier, 'reply'>;
  logging: ReturnType<typeof createLog>;
  /** Jobs by kind, outcome and duration, and the gateway's Arize calls (memory when omitted). */
  metrics?: FunctionMetrics;
  /** Marks the request of a dead-lettered execute job FAILED; the reply to send, if it did. */
  failApproval?: (requestId: string) => Promise<Reply | undefined>;
  /** X-Ray segments of each invocation (none when omitted). */
  tracing?: Tracing;
  /** Waits for the name-directory writes the jobs started (before the invocation ends). */
  settle?: () => Promise<void>;
}

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** Runs a batch of jobs; the ones to try again are reported, the rest are deleted. */
export function createWorkerHandler({
  runJob,
  logging,
  invocation,
  metrics = new MemoryMetrics(),
  tracing = noTracing,
  settle,
}: WorkerDeps): SqsHandler {
  const log = logging.log;
  const measuredRun = (job: Job) =>
    measureJob(
      metrics,
      job.kind,
      () => runJob(job),
      (outcome) => outcome,
    );
  return middy<SQSEvent, SQSBatchResponse>()
    .use(tracing.middlewares)
    .use(flushMetrics(metrics))
    .use(injectLambdaContext(logging.logger, { resetKeys: true }))
    .handler(async (event, context) => {
      invocation.context = context;
      const outcomes = await Promise.all(
        event.Records.map((record) => runRecord(record, measuredRun, log)),
      );
      // The replies are sent; what the jobs recorded in the name directory is written by now.
      await settle?.();
      return {
        batchItemFailures: event.Records.filter((_, i) => outcomes[i] === 'retry').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    });
}

async function runRecord(
  record: SQSRecord,
  runJob: WorkerDeps['runJob'],
  log: Log,
): Promise<JobOutcome> {
  const job = readJob(record, log);
  if (!job) return 'done';
  // Each job logs under its command's id; a batch's jobs run at once, each in its own context.
  return withCorrelation(job.correlationId ?? job.id, async () => {
    try {
      return await runJob(job);
    } catch (error: unknown) {
      log.error('job failed', {
        jobId: job.id,
        attempt: record.attributes.ApproximateReceiveCount,
        error: describeError(error),
      });
      return 'retry';
    }
  });
}

function readJob(record: SQSRecord, log: Log): Job | undefined {
  try {
    const parsed = jobSchema.safeParse(JSON.parse(record.body));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: an unreadable message can never succeed, so it is dropped, not retried
  }
  log.error('unreadable job dropped', { messageId: record.messageId });
  return undefined;
}

/** Jobs that failed every attempt: tell the person, so nothing stays "Running…" forever. */
export function createDeadLetterHandler({
  notifier,
  logging,
  failApproval,
  metrics = new MemoryMetrics(),
  tracing = noTracing,
}: WorkerDeps): SqsHandler {
  const log = logging.log;
  return middy<SQSEvent, SQSBatchResponse>()
    .use(tracing.middlewares)
    .use(flushMetrics(metrics))
    .use(injectLambdaContext(logging.logger, { resetKeys: true }))
    .handler(reportDeadLetters);
  async function reportDeadLetters(event: SQSEvent): Promise<SQSBatchResponse> {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const job = readJob(record, log);
      if (!job) continue;
      try {
        const ofRequest = job.kind === 'execute-approval' || job.kind === 'reveal-secret';
        const approvalReply =
          ofRequest && failApproval ? await failApproval(job.requestId) : undefined;
        await notifier.reply(
          {
            kind: 'response-url',
            url: job.responseUrl,
            // A message others see (replyAsNew) is never replaced by the failure.
            replaceOriginal: !ofRequest && job.replyAsNew !== true,
          },
          approvalReply ?? failedJobReply(job),
        );
        metrics.count(MetricNames.jobs, { kind: job.kind, outcome: 'dead-lettered' });
        log.warn('dead-lettered job reported', { jobId: job.id });
      } catch (error: unknown) {
        log.error('could not report a dead-lettered job', {
          jobId: job.id,
          error: describeError(error),
        });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  }
}

/** Everything the worker needs, from its configuration. */
export function createWorkerDeps(
  config: WorkerConfig,
  overrides: { fetch?: typeof fetch; tracing?: Tracing; doctor?: DoctorSources } = {},
): WorkerDeps {
  const tracing = overrides.tracing ?? noTracing;
  const logging = createLog({ service: 'arize-ops-worker', level: config.LOG_LEVEL });
  const invocation: Invocation = {};
  const metrics = metricsFrom(config, 'arize-ops-worker');
  const secrets = secretSourceFrom(config, systemClock, tracing.instrument);
  const table = tableFrom(config, tracing.instrument);
  const names = withNameRecording(
    arizeGatewayFrom(config, secrets, invocation, logging.log, overrides.fetch, metrics),
    { directory: new DynamoNameDirectory(table), clock: systemClock, log: logging.log },
  );
  const gateway = names.gateway;
  const web = new WebClient(undefined, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    retryConfig: { retries: 2 },
  });
  const botToken = () => secrets.get(SecretNames.slackBotToken);
  const notifier = new SlackChatNotifier(web, botToken, overrides.fetch);
  const directory = new SlackWebDirectory(web, botToken);
  const files = new SlackFileSharer(web, botToken, overrides.fetch);
  const approvals = {
    store: new DynamoApprovalStore(table, systemClock),
    audit: new DynamoAuditLog(table),
    messenger: new SlackApprovalMessenger(web, botToken),
    clock: systemClock,
    log: logging.log,
  };
  const reveals = new SlackRevealMessenger(web, botToken);
  const doctorFor = doctorFrom({
    config,
    web,
    botToken,
    keys: gateway.keys,
    instrument: tracing.instrument,
    ...(overrides.doctor ? { sources: overrides.doctor } : {}),
  });
  const ledger = new DynamoJobLedger(table, systemClock);
  const contexts = new DynamoContextStore(table);
  // Read on the first job: the dead-letter function shares these deps and has no policy access.
  let policies: PolicySource | undefined;
  const policyInForce: PolicySource = {
    current: () => {
      policies ??= policySourceFrom(config, logging.log);
      return policies.current();
    },
  };
  // Each job runs under the policy in force when it starts; a request keeps its pinned sha.
  const runJobFor = perPolicy(policyInForce, (loaded) => {
    const { policy } = loaded;
    const grants = grantPartsFrom({ table, web, botToken, log: logging.log, policy });
    const { access, grantExtension } = accessPartsFrom({
      policy,
      web,
      botToken,
      gateway,
      grants,
      audit: approvals.audit,
      log: logging.log,
    });
    return makeRunJob({
      catalogue,
      executors,
      ledger,
      notifier,
      contexts,
      leaseMs: config.JOB_LEASE_SECONDS * 1000,
      gateway,
      newResolver: () => createTargetResolver(gateway),
      appUrl: config.ARIZE_APP_URL,
      clock: systemClock,
      log: logging.log,
      directory,
      policy,
      prepareApproval: makePrepareApproval({ ...approvals, catalogue, directory, policy }),
      executeApproval: makeExecuteApproval({
        ...approvals,
        catalogue,
        executors,
        notifier,
        files,
        offerReveal: makeOfferReveal({ ...approvals, notifier, reveals }),
        grants: makeGrantRecorder({ ...approvals, ...grants }),
      }),
      revealSecret: makeRevealSecret({
        ...approvals,
        catalogue,
        executors,
        notifier,
        reveals,
        modals: new SlackModalPresenter(web, botToken),
      }),
      approvals: {
        listPending: (query) => approvals.store.listPending(query),
        cancel: makeCancelApproval(approvals),
      },
      auditTrail: approvals.audit,
      grants: grants.store,
      endGrants: makeEndGrants({
        ...approvals,
        store: grants.store,
        gateway,
        news: grants.news,
        // A claim holds a grant longer than one run may take, so a live claimant is never
        // overtaken; a killed one's grants are taken over within minutes.
        leaseMs: config.GRANT_LEASE_SECONDS * 1000,
        maxClaims: 3,
        concurrency: config.ARIZE_MAX_CONCURRENCY,
      }),
      files,
      access,
      grantExtension,
      doctor: doctorFor(loaded),
      accessReport: makeSendAccessReport({
        gateway,
        grants: grants.store,
        reports: new DynamoReportStore(table, systemClock),
        clock: systemClock,
        concurrency: config.ARIZE_MAX_CONCURRENCY,
        notifier,
        files,
      }),
    });
  });
  return {
    runJob: async (job) => (await runJobFor())(job),
    notifier,
    logging,
    metrics,
    invocation,
    failApproval: makeFailApproval(approvals),
    tracing,
    settle: names.settled,
  };
}

const handlers = builtOnce(async () => {
  const config = parseConfig(workerConfigSchema);
  const deps = createWorkerDeps(config, { tracing: await tracingFrom(config, 'arize-ops-worker') });
  return { jobs: createWorkerHandler(deps), deadLetters: createDeadLetterHandler(deps) };
});

/** The Lambda entry point of the job queue; built on the first event so imports read no env. */
export const handler: SqsHandler = async (event, context) =>
  (await handlers()).jobs(event, context);
/** The Lambda entry point of the dead-letter queue. */
export const deadLetterHandler: SqsHandler = async (event, context) =>
  (await handlers()).deadLetters(event, context);
