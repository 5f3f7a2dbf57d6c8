import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Leases } from '../leases.ts';
import type { ArizeAccessProps } from './arize-access.ts';
import { createNodeFunction } from './node-function.ts';

const deadLetterTimeout = Duration.seconds(30);
const maxBatchingWindow = Duration.seconds(1);

/** AWS: at least six times the function timeout, plus the batching window. */
const visibilityTimeoutFor = (timeout: Duration): Duration =>
  Duration.seconds(6 * timeout.toSeconds() + maxBatchingWindow.toSeconds());

export interface WorkerProps extends ArizeAccessProps {
  /** `functions/worker.ts`: exports `handler` (jobs) and `deadLetterHandler` (dead letters). */
  readonly entry: string;
  readonly reservedConcurrency: number;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Leases derived from the timeouts (`cdk/leases.ts`). */
  readonly leases: Leases;
}

/**
 * The job queue and the worker that drains it: the only place that holds the Arize keys and
 * changes Arize. A job that fails three receives moves to the dead-letter queue, whose consumer
 * (same bundle, `deadLetterHandler`, no Arize key) tells the requester it failed.
 */
export class Worker extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: NodejsFunction;
  readonly deadLetterFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // A failed report is retried this often (not every 30 s) until the message expires.
      visibilityTimeout: Duration.minutes(10),
    });
    this.queue = new Queue(this, 'JobQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: visibilityTimeoutFor(props.timeout),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });

    const slackEnvironment = {
      TABLE_NAME: props.table.tableName,
      SLACK_BOT_TOKEN_ARN: props.slackBotToken.secretArn,
      SLACK_TEAM_ID: props.slackTeamId,
      SLACK_API_APP_ID: props.slackApiAppId,
      LOG_LEVEL: props.logLevel,
    };

    this.function = createNodeFunction(this, 'Function', {
      entry: props.entry,
      description: 'arize-ops worker: plans, approvals and Arize changes',
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        ...slackEnvironment,
        ARIZE_BASE_URL: props.arizeBaseUrl,
        ARIZE_APP_URL: props.arizeAppUrl,
        ARIZE_API_KEY_ARN: props.arizeApiKey.secretArn,
        ARIZE_DEVELOPER_KEY_ARN: props.arizeDeveloperKey.secretArn,
        ARIZE_MAX_RPS: String(props.arizeMaxRps),
        ARIZE_MAX_CONCURRENCY: String(props.arizeMaxConcurrency),
        JOB_LEASE_SECONDS: String(props.leases.jobSeconds),
        GRANT_LEASE_SECONDS: String(props.leases.grantSeconds),
        DEAD_LETTER_QUEUE_URL: this.deadLetterQueue.queueUrl,
      },
    });
    props.table.grantReadWriteData(this.function);
    // `/arize doctor` reports the dead-letter queue's depth; it reads no message.
    this.deadLetterQueue.grant(this.function, 'sqs:GetQueueAttributes');
    props.slackBotToken.grantRead(this.function);
    props.arizeApiKey.grantRead(this.function);
    props.arizeDeveloperKey.grantRead(this.function);
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxBatchingWindow,
        reportBatchItemFailures: true,
        // Pollers beyond the reserved concurrency would be throttled, and a throttled message
        // still counts a receive: three of those and a good job lands in the DLQ.
        maxConcurrency: props.reservedConcurrency,
      }),
    );

    // Arize settings are left out on purpose: it never calls Arize and cannot read the keys.
    this.deadLetterFunction = createNodeFunction(this, 'DeadLetterFunction', {
      entry: props.entry,
      handler: 'deadLetterHandler',
      description: 'arize-ops dead letters: tell the requester a job failed',
      memorySize: 512,
      timeout: deadLetterTimeout,
      // No reserved concurrency: the event source's maxConcurrency bounds it, and every reserved
      // unit is taken from the account's pool (small on new accounts).
      environment: slackEnvironment,
    });
    // The table: a dead-lettered job's request is to be marked FAILED (docs/architecture.md).
    props.table.grantReadWriteData(this.deadLetterFunction);
    props.slackBotToken.grantRead(this.deadLetterFunction);
    this.deadLetterFunction.addEventSource(
      new SqsEventSource(this.deadLetterQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );
  }
}
