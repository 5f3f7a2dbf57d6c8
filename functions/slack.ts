import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { WebClient } from '@slack/web-api';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { DynamoAccessReviewStore } from '../src/adapters/dynamodb/dynamo-access-review-store.ts';
import { DynamoApprovalStore } from '../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoDriftStore } from '../src/adapters/dynamodb/dynamo-drift-store.ts';
import { DynamoGrantStore } from '../src/adapters/dynamodb/dynamo-grant-store.ts';
import { DynamoNameDirectory } from '../src/adapters/dynamodb/dynamo-name-directory.ts';
import { DynamoReplayGuard } from '../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { withCorrelation } from '../src/adapters/logging/correlation.ts';
import { createLog } from '../src/adapters/logging/create-log.ts';
import { describeError } from '../src/adapters/logging/describe-error.ts';
import { MemoryMetrics } from '../src/adapters/metrics/memory-metrics.ts';
import { MetricNames } from '../src/adapters/metrics/metric-names.ts';
import { perPolicy } from '../src/adapters/policy/per-policy.ts';
import { readSigningSecrets, SecretNames } from '../src/adapters/secrets/secret-names.ts';
import { createBoltHandler } from '../src/adapters/slack/bolt-handler.ts';
import { SlackAccessReviewMessenger } from '../src/adapters/slack/slack-access-review-messenger.ts';
import { SlackApprovalMessenger } from '../src/adapters/slack/slack-approval-messenger.ts';
import { SlackDriftMessenger } from '../src/adapters/slack/slack-drift-messenger.ts';
import { SlackGroupDirectory } from '../src/adapters/slack/slack-group-directory.ts';
import { SlackModalPresenter } from '../src/adapters/slack/slack-modal-presenter.ts';
import { slackRequestGuard } from '../src/adapters/slack/slack-request-guard.ts';
import { SlackWebDirectory } from '../src/adapters/slack/slack-web-directory.ts';
import { SqsJobQueue } from '../src/adapters/sqs/sqs-job-queue.ts';
import { systemClock } from '../src/adapters/system-clock.ts';
import { noTracing, type Tracing } from '../src/adapters/tracing/tracing.ts';
import { makeAcceptCommand } from '../src/app/accept-command.ts';
import { memberGroups } from '../src/app/access/access-context.ts';
import { makeApproveClick } from '../src/app/approvals/approve-click.ts';
import {
  type DecideApprovalDeps,
  makeDecideApproval,
} from '../src/app/approvals/decide-approval.ts';
import { makeRejectClick } from '../src/app/approvals/reject-click.ts';
import { makeStartReveal } from '../src/app/approvals/start-reveal.ts';
import { makeSubmitConfirmation } from '../src/app/approvals/submit-confirmation.ts';
import { makeSubmitRejection } from '../src/app/approvals/submit-rejection.ts';
import { makeUndoApproval } from '../src/app/approvals/undo-approval.ts';
import { makeProposeFix } from '../src/app/drift/propose-fix.ts';
import { makeAskExtension } from '../src/app/grants/ask-extension.ts';
import { makeEndGrantNow } from '../src/app/grants/end-grant-now.ts';
import type {
  AccessReviewStore,
  ApprovalStore,
  AuditLog,
  Clock,
  DriftStore,
  GrantStore,
  JobQueue,
  Log,
  NameDirectory,
  PolicySource,
  ReplayGuard,
  SecretSource,
} from '../src/app/ports.ts';
import { makeRequestForm } from '../src/app/request-form/request-form.ts';
import { makeSuggestNames } from '../src/app/request-form/suggest-names.ts';
import { makeReviewClick } from '../src/app/reviews/review-click.ts';
import { parseConfig, slackFunctionConfigSchema } from '../src/config.ts';
import { catalogue } from '../src/domain/operations/catalogue.ts';
import { builtOnce } from './shared/built-once.ts';
import { correlatedQueue } from './shared/correlated-queue.ts';
import { type FunctionMetrics, metricsFrom } from './shared/function-metrics.ts';
import { tracingFrom } from './shared/function-tracing.ts';
import { policySourceFrom } from './shared/policy-source.ts';
import { secretSourceFrom } from './shared/secret-source.ts';
import { tableFrom } from './shared/table-from-config.ts';

export interface SlackFunctionDeps {
  teamId: string;
  appId: string;
  slackApiUrl?: string;
  previousSigningSecret?: string;
  secrets: SecretSource;
  queue: JobQueue;
  replayGuard: ReplayGuard;
  /** The policy in force, read per request (AppConfig in AWS, cached ≤ 60 s; a file locally). */
  policies: PolicySource;
  clock: Clock;
  logging: ReturnType<typeof createLog>;
  /** Acks by outcome with their latency, approval decisions by outcome (memory when omitted). */
  metrics?: FunctionMetrics;
  /** Approval requests and audit (DynamoDB); without them approval clicks answer nothing. */
  approvals?: { store: ApprovalStore; audit: AuditLog };
  /** Time-bound grants (DynamoDB); without them End access now answers nothing. */
  grants?: GrantStore;
  /** Access reviews (DynamoDB); without them review clicks answer nothing. */
  reviews?: AccessReviewStore;
  /** Posted drifts (DynamoDB); without them Propose fix answers nothing. */
  drifts?: DriftStore;
  /** The names the request modal suggests (DynamoDB); without it `/arize request` is typed. */
  directory?: NameDirectory;
  /** X-Ray segments of each request (none when omitted). */
  tracing?: Tracing;
}

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

/** The ack path: verify, refuse replays, parse and authorize, enqueue, answer within 3 s. */
export function createSlackHandler(deps: SlackFunctionDeps): Handler {
  const log: Log = deps.logging.log;
  const metrics = deps.metrics ?? new MemoryMetrics();
  const queue = correlatedQueue(deps.queue);
  const botToken = () => deps.secrets.get(SecretNames.slackBotToken);
  const web = new WebClient(undefined, {
    ...(deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {}),
    retryConfig: { retries: 1 },
  });
  const modals = new SlackModalPresenter(web, botToken);
  const slackParts = {
    directory: new SlackWebDirectory(web, botToken),
    groups: new SlackGroupDirectory(web, botToken, deps.clock),
    messenger: new SlackApprovalMessenger(web, botToken),
  };
  // Commands and clicks are decided under the policy in force now (click-time re-evaluation).
  const boltFor = perPolicy(deps.policies, ({ policy }) => {
    const decideDeps: DecideApprovalDeps | undefined = deps.approvals && {
      ...deps.approvals,
      ...slackParts,
      queue,
      policy,
      clock: deps.clock,
      log,
    };
    return createBoltHandler({
      routes: {
        onCommand: makeAcceptCommand({
          catalogue,
          policy,
          queue,
          clock: deps.clock,
        }),
        ...(deps.directory
          ? {
              // The request modal: suggestions from the name directory, checks under the policy.
              requestForm: {
                ...makeRequestForm({
                  policy,
                  directory: deps.directory,
                  groupsOf: memberGroups(slackParts.groups, log),
                }),
                suggest: makeSuggestNames({ directory: deps.directory }),
              },
            }
          : {}),
        ...(decideDeps
          ? {
              onDecision: countedDecisions(makeDecideApproval(decideDeps), metrics),
              // Typed-confirmation modals (org delete): Approve opens one; its submission votes.
              onApproveClick: makeApproveClick({ ...decideDeps, modals }),
              onConfirmationSubmit: makeSubmitConfirmation(decideDeps),
              // Reject asks for an optional reason in a modal; its submission rejects.
              onRejectClick: makeRejectClick({ ...decideDeps, modals }),
              onRejectSubmit: makeSubmitRejection(decideDeps),
              // Undo under a succeeded request: asks for the inverse as a new request.
              onUndo: makeUndoApproval({
                store: decideDeps.store,
                queue,
                policy,
                clock: deps.clock,
                log,
              }),
              ...(deps.grants
                ? {
                    onEndGrantNow: makeEndGrantNow({
                      ...decideDeps,
                      grants: deps.grants,
                    }),
                    // Extend: a new request under the current policy, with its own approval.
                    onExtendGrant: makeAskExtension({ ...decideDeps, grants: deps.grants }),
                  }
                : {}),
              ...(deps.reviews
                ? {
                    onReviewClick: makeReviewClick({
                      reviews: deps.reviews,
                      messenger: new SlackAccessReviewMessenger(web, botToken),
                      audit: decideDeps.audit,
                      queue,
                      teamId: policy.teamId,
                      clock: deps.clock,
                      log,
                    }),
                  }
                : {}),
              ...(deps.drifts
                ? {
                    // Propose fix: ordinary requests by the clicker, under the current policy.
                    onProposeFix: makeProposeFix({
                      drifts: deps.drifts,
                      messenger: new SlackDriftMessenger(web, botToken),
                      audit: decideDeps.audit,
                      queue,
                      policy,
                      clock: deps.clock,
                      log,
                    }),
                  }
                : {}),
              // Secret results: the requester's Reveal click opens the window the secret appears in.
              onReveal: makeStartReveal({
                store: decideDeps.store,
                audit: decideDeps.audit,
                queue,
                modals,
                clock: deps.clock,
                log,
                policy,
                directory: decideDeps.directory,
              }),
            }
          : {}),
      },
      botToken,
      ...(deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {}),
      log,
    });
  });
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use((deps.tracing ?? noTracing).middlewares)
    .use(httpHeaderNormalizer())
    .use(injectLambdaContext(deps.logging.logger, { resetKeys: true }))
    .use(
      slackRequestGuard({
        signingSecrets: ({ reread }) =>
          readSigningSecrets(deps.secrets, deps.previousSigningSecret, { reread }),
        expectedTeamId: deps.teamId,
        expectedAppId: deps.appId,
        replayGuard: deps.replayGuard,
        clock: deps.clock,
        log,
      }),
    )
    .onError(async (request) => {
      log.error('slack request failed', { error: describeError(request.error) });
      request.response = { statusCode: 500, body: '' };
    })
    .handler(async (event, context) => (await boltFor())(event, context));
  // Measured around the whole chain: the request guard answers refusals before the handler runs.
  // One correlation id per Slack request: API Gateway's request id, on every line and job it makes.
  return (event, context) =>
    withCorrelation(event.requestContext?.requestId || randomUUID(), () =>
      measured(event, context),
    );
  async function measured(
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<APIGatewayProxyResultV2> {
    const started = Date.now();
    let outcome = 'failed';
    try {
      const response = await chain(event, context);
      outcome = ackOutcome(response);
      return response;
    } finally {
      metrics.count(MetricNames.acks, { outcome });
      metrics.duration(MetricNames.ackLatency, Date.now() - started, { outcome });
      metrics.publish();
    }
  }
}

function ackOutcome(response: APIGatewayProxyResultV2): string {
  const status = typeof response === 'object' ? (response.statusCode ?? 200) : 200;
  if (status < 400) return 'ok';
  return status < 500 ? 'refused' : 'failed';
}

/** Counts approval decisions by what came of them: `ok` or the refusal's stable code. */
function countedDecisions(
  decide: ReturnType<typeof makeDecideApproval>,
  metrics: FunctionMetrics,
): ReturnType<typeof makeDecideApproval> {
  return async (input) => {
    const result = await decide(input);
    const outcome = result.ok ? input.decision : result.error.code;
    metrics.count(MetricNames.approvals, { kind: 'decision', outcome });
    return result;
  };
}

async function createFromEnvironment(): Promise<Handler> {
  const config = parseConfig(slackFunctionConfigSchema);
  const logging = createLog({ service: 'arize-ops-slack', level: config.LOG_LEVEL });
  const tracing = await tracingFrom(config, 'arize-ops-slack');
  const table = tableFrom(config, tracing.instrument);
  return createSlackHandler({
    teamId: config.SLACK_TEAM_ID,
    appId: config.SLACK_API_APP_ID,
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    ...(config.SLACK_PREVIOUS_SIGNING_SECRET
      ? { previousSigningSecret: config.SLACK_PREVIOUS_SIGNING_SECRET }
      : {}),
    secrets: secretSourceFrom(config, systemClock, tracing.instrument),
    queue: new SqsJobQueue(
      tracing.instrument(new SQSClient({ region: config.AWS_REGION })),
      config.JOB_QUEUE_URL,
    ),
    replayGuard: new DynamoReplayGuard(table, systemClock),
    approvals: {
      store: new DynamoApprovalStore(table, systemClock),
      audit: new DynamoAuditLog(table),
    },
    grants: new DynamoGrantStore(table),
    reviews: new DynamoAccessReviewStore(table),
    drifts: new DynamoDriftStore(table, systemClock),
    directory: new DynamoNameDirectory(table),
    policies: policySourceFrom(config, logging.log),
    clock: systemClock,
    logging,
    metrics: metricsFrom(config, 'arize-ops-slack'),
    tracing,
  });
}

const fromEnvironment = builtOnce(createFromEnvironment);

/** The Lambda entry point; built on the first request so importing this module reads no env. */
export const handler: Handler = async (event, context) => (await fromEnvironment())(event, context);
