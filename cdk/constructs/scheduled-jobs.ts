import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
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
import {
  type JobSchedule,
  retryWindowMinutes,
  type ScheduledJobName,
  scheduledJobDefinitions,
  scheduledJobNames,
} from '../../src/domain/jobs/scheduled-jobs.ts';
import type { InvitationMode } from '../../src/domain/reports/invitation-report.ts';
import {
  bundledDesiredAccessDir,
  copyDesiredAccessCommands,
  type DesiredAccessFiles,
} from '../desired-access.ts';
import type { Leases } from '../leases.ts';
import type { ArizeAccessProps } from './arize-access.ts';
import { createNodeFunction } from './node-function.ts';

export interface ScheduledJobsProps extends ArizeAccessProps {
  /** `functions/scheduled.ts`: exports `handler`, which runs the job the schedule names. */
  readonly entry: string;
  /** The worker's job queue: the sweep re-enqueues execute jobs no worker picked up. */
  readonly jobQueue: IQueue;
  /** Each job's schedule after the deployment's overrides: one Schedule each, off when disabled. */
  readonly schedules: Record<ScheduledJobName, JobSchedule>;
  readonly alarmAction?: IAlarmAction;
  /** Where reports go; else the policy's approvals channel. */
  readonly reportsChannel?: string;
  /** The invitations job: report or resend invitations pending this many days. */
  readonly invitations: { mode: InvitationMode; resendAfterDays: number };
  readonly memorySize: number;
  /** The sweep may run one approved change again: at least as long as the worker may take. */
  readonly timeout: Duration;
  /** Leases derived from the timeouts (`cdk/leases.ts`). */
  readonly leases: Leases;
  /** The validated desired-access files the drift job reads, bundled with the function. */
  readonly desiredAccess?: DesiredAccessFiles;
}

/**
 * Scheduled jobs: one function (`functions/scheduled.ts`) and one EventBridge Scheduler schedule
 * per job of `scheduledJobDefinitions`, each sending the job's name and its scheduled time. A
 * run cut off by the function's timeout invokes the function again to continue from its
 * checkpoint (a separate policy, so the function's role does not depend on the function).
 */
export class ScheduledJobs extends Construct {
  readonly function: NodejsFunction;
  /** The schedules by job name; a job turned off has its schedule, DISABLED. */
  readonly schedules: Record<ScheduledJobName, Schedule>;
  readonly errors: Alarm;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);

    this.function = createNodeFunction(this, 'Function', {
      entry: props.entry,
      description: `arize-ops scheduled jobs: ${scheduledJobNames.join(', ')}`,
      memorySize: props.memorySize,
      timeout: props.timeout,
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
        SWEEP_LEASE_MINUTES: String(props.leases.sweepMinutes),
        GRANT_LEASE_SECONDS: String(props.leases.grantSeconds),
        ...(props.reportsChannel ? { REPORTS_CHANNEL: props.reportsChannel } : {}),
        ...(props.desiredAccess ? { DESIRED_ACCESS_DIR: bundledDesiredAccessDir } : {}),
        INVITATION_MODE: props.invitations.mode,
        INVITATION_RESEND_AFTER_DAYS: String(props.invitations.resendAfterDays),
      },
      ...(props.desiredAccess
        ? {
            afterBundling: (outputDir: string) =>
              copyDesiredAccessCommands(props.desiredAccess as DesiredAccessFiles, outputDir),
          }
        : {}),
    });
    props.table.grantReadWriteData(this.function);
    props.jobQueue.grantSendMessages(this.function);
    props.slackBotToken.grantRead(this.function);
    props.arizeApiKey.grantRead(this.function);
    // Space roles (a membership change's post-state) are read over GraphQL with this key.
    props.arizeDeveloperKey.grantRead(this.function);
    new Policy(this, 'ContinueItself', {
      roles: [this.function.role!],
      statements: [
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [this.function.functionArn],
        }),
      ],
    });

    this.schedules = Object.fromEntries(
      scheduledJobNames.map((name) => [name, this.scheduleFor(name, props.schedules[name])]),
    ) as Record<ScheduledJobName, Schedule>;

    this.errors = new Alarm(this, 'Errors', {
      alarmDescription:
        'A scheduled job failed (its logs name the job): pending requests may not expire, stuck ones not recover, grants not end. See the logs.',
      metric: this.function.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmAction) this.errors.addAlarmAction(props.alarmAction);
  }

  /**
   * Lets `fn` (the worker's `/arize doctor`) read each schedule: the names and the state the
   * deployment asked for in DEPLOYED_SCHEDULES, and `scheduler:GetSchedule` on those only.
   */
  describeTo(fn: NodejsFunction, requested: Record<ScheduledJobName, JobSchedule>): void {
    const deployed = Object.fromEntries(
      scheduledJobNames.map((name) => [
        name,
        { name: this.schedules[name].scheduleName, enabled: requested[name].enabled },
      ]),
    );
    fn.addEnvironment('DEPLOYED_SCHEDULES', Stack.of(this).toJsonString(deployed));
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:GetSchedule'],
        resources: scheduledJobNames.map((name) => this.schedules[name].scheduleArn),
      }),
    );
  }

  /** The job's schedule: it runs "as of" its scheduled time, so a retry decides the same way. */
  private scheduleFor(name: ScheduledJobName, schedule: JobSchedule): Schedule {
    return new Schedule(this, `${pascalCase(name)}Schedule`, {
      description: `arize-ops ${scheduledJobDefinitions[name].description}`.slice(0, 512),
      schedule: ScheduleExpression.expression(schedule.expression, TimeZone.of(schedule.timeZone)),
      enabled: schedule.enabled,
      target: new LambdaInvoke(this.function, {
        input: ScheduleTargetInput.fromObject({
          job: name,
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: 2,
        maxEventAge: Duration.minutes(retryWindowMinutes(schedule.expression)),
      }),
    });
  }
}

const pascalCase = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
