import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createNodeFunction } from './node-function.ts';

export const workerTimeout = Duration.seconds(60);
const maxBatchingWindow = Duration.seconds(1);

export interface WorkerProps {
  readonly entry: string;
  readonly table: ITable;
  readonly slackBotToken: ISecret;
  readonly arizeApiKey: ISecret;
  readonly arizeDeveloperKey: ISecret;
  readonly slackTeamId: string;
  readonly slackApiAppId: string;
  readonly arizeBaseUrl: string;
  readonly arizeAppUrl: string;
  readonly arizeMaxRps: number;
  readonly arizeMaxConcurrency: number;
  readonly reservedConcurrency: number;
  readonly logLevel: string;
  readonly alarmAction?: IAlarmAction;
}

/**
 * The job queue, its dead-letter queue and the worker that drains it: the only place that holds
 * the Arize keys and changes Arize.
 */
export class Worker extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: NodejsFunction;
  readonly dlqAlarm: Alarm;
  readonly errorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'JobQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS: at least six times the function timeout, plus the batching window, so that a
      // message is not redelivered while a throttled or retried invocation still holds it.
      visibilityTimeout: Duration.seconds(
        6 * workerTimeout.toSeconds() + maxBatchingWindow.toSeconds(),
      ),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });

    this.function = createNodeFunction(this, 'Function', {
      entry: props.entry,
      description: 'arize-ops worker: plans, approvals and Arize changes',
      memorySize: 1024,
      timeout: workerTimeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        TABLE_NAME: props.table.tableName,
        SLACK_BOT_TOKEN_ARN: props.slackBotToken.secretArn,
        SLACK_TEAM_ID: props.slackTeamId,
        SLACK_API_APP_ID: props.slackApiAppId,
        ARIZE_BASE_URL: props.arizeBaseUrl,
        ARIZE_APP_URL: props.arizeAppUrl,
        ARIZE_API_KEY_ARN: props.arizeApiKey.secretArn,
        ARIZE_DEVELOPER_KEY_ARN: props.arizeDeveloperKey.secretArn,
        ARIZE_MAX_RPS: String(props.arizeMaxRps),
        ARIZE_MAX_CONCURRENCY: String(props.arizeMaxConcurrency),
        LOG_LEVEL: props.logLevel,
      },
    });
    props.table.grantReadWriteData(this.function);
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

    this.dlqAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'A job was dead-lettered after 3 attempts: its request is FAILED; inspect and redrive.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.errorAlarm = new Alarm(this, 'ErrorAlarm', {
      alarmDescription: 'The worker function threw (an invocation failed, not a batch item).',
      metric: this.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmAction) {
      this.dlqAlarm.addAlarmAction(props.alarmAction);
      this.errorAlarm.addAlarmAction(props.alarmAction);
    }
  }
}
