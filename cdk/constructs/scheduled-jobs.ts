import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ArizeAccessProps } from './arize-access.ts';
import { createNodeFunction } from './node-function.ts';

/** The sweep may run one approved change again: as long as the worker may take, and then some. */
const scheduledTimeout = Duration.seconds(120);
export const sweepRate = Duration.minutes(5);
/** Time-bound grants end within a minute of their end: the grant-ends job runs every minute. */
export const grantEndsRate = Duration.minutes(1);

export interface ScheduledJobsProps extends ArizeAccessProps {
  /** `functions/scheduled.ts`: exports `handler`, which runs the job the schedule names. */
  readonly entry: string;
  /** The worker's job queue: the sweep re-enqueues execute jobs no worker picked up. */
  readonly jobQueue: IQueue;
  readonly alarmAction?: IAlarmAction;
}

/**
 * Scheduled jobs: one function (`functions/scheduled.ts`) invoked by EventBridge Scheduler with
 * the job's name and its scheduled time. The first job is the approvals sweep, every 5 minutes:
 * expire pending requests, re-enqueue approved ones no worker started, recover EXECUTING leases.
 */
export class ScheduledJobs extends Construct {
  readonly function: NodejsFunction;
  readonly sweepSchedule: Schedule;
  readonly grantEndsSchedule: Schedule;
  readonly errors: Alarm;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);

    this.function = createNodeFunction(this, 'Function', {
      entry: props.entry,
      description: 'arize-ops scheduled jobs: the approvals sweep, grant ends',
      memorySize: 1024,
      timeout: scheduledTimeout,
      environment: {
        TABLE_NAME: props.table.tableName,
        JOB_QUEUE_URL: props.jobQueue.queueUrl,
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
    props.jobQueue.grantSendMessages(this.function);
    props.slackBotToken.grantRead(this.function);
    props.arizeApiKey.grantRead(this.function);
    // Space roles (a membership change's post-state) are read over GraphQL with this key.
    props.arizeDeveloperKey.grantRead(this.function);

    this.sweepSchedule = new Schedule(this, 'SweepSchedule', {
      description: 'arize-ops approvals sweep (expiry, stuck executions)',
      schedule: ScheduleExpression.rate(sweepRate),
      target: new LambdaInvoke(this.function, {
        // The sweep runs "as of" its scheduled time: a retried invocation decides the same way.
        input: ScheduleTargetInput.fromObject({
          job: 'sweep',
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: 2,
        // A sweep older than the next one is pointless: the next one covers it.
        maxEventAge: sweepRate,
      }),
    });

    this.grantEndsSchedule = new Schedule(this, 'GrantEndsSchedule', {
      description: 'arize-ops grant ends (time-bound space roles restored or removed)',
      schedule: ScheduleExpression.rate(grantEndsRate),
      target: new LambdaInvoke(this.function, {
        input: ScheduleTargetInput.fromObject({
          job: 'grant-ends',
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: 2,
        // The next run, a minute later, picks up whatever this one did not.
        maxEventAge: Duration.minutes(1),
      }),
    });

    this.errors = new Alarm(this, 'Errors', {
      alarmDescription:
        'A scheduled job failed (the sweep threw): pending requests may not expire and stuck ones not recover. See the logs.',
      metric: this.function.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmAction) this.errors.addAlarmAction(props.alarmAction);
  }
}
