import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Aspects, CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import { schedulesWith } from '../src/domain/jobs/scheduled-jobs.ts';
import { AlarmTopic } from './constructs/alarm-topic.ts';
import type { ArizeAccessProps } from './constructs/arize-access.ts';
import { OperationsAlarms } from './constructs/operations-alarms.ts';
import { OperationsDashboard } from './constructs/operations-dashboard.ts';
import { PolicyConfig, type PolicyConfigProps } from './constructs/policy-config.ts';
import { ScheduledJobs } from './constructs/scheduled-jobs.ts';
import { SlackIngress, slackRoutePaths } from './constructs/slack-ingress.ts';
import { State } from './constructs/state.ts';
import { Worker } from './constructs/worker.ts';
import { WorkerAlarms } from './constructs/worker-alarms.ts';
import { loadDesiredAccessDir } from './desired-access.ts';
import { leasesFor } from './leases.ts';
import { LogRetention } from './log-retention.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';
import {
  type ArizeOpsSettings,
  type ArizeOpsSettingsInput,
  defaultPolicyFile,
  parseArizeOpsSettings,
} from './stack-props.ts';

const fromRepoRoot = (path: string): string =>
  fileURLToPath(new URL(`../${path}`, import.meta.url));

const repoPolicy = (): PolicyConfigProps => ({
  text: readFileSync(fromRepoRoot(defaultPolicyFile), 'utf8'),
  source: defaultPolicyFile,
});

/** The Lambda composition roots in `functions/`, as absolute paths. */
const lambdaEntries = {
  slack: fromRepoRoot('functions/slack.ts'),
  worker: fromRepoRoot('functions/worker.ts'),
  scheduled: fromRepoRoot('functions/scheduled.ts'),
};

export interface ArizeOpsStackProps extends StackProps {
  readonly settings: ArizeOpsSettingsInput;
  /** The policy to ship to AppConfig (default: the repository's `policy/policy.json`). */
  readonly policy?: PolicyConfigProps;
}

/**
 * Slack ingress (HTTP API + slack fn), job queue + worker + DLQ consumer, scheduled jobs (the
 * approvals sweep on EventBridge Scheduler), table, secrets, alarms.
 */
export class ArizeOpsStack extends Stack {
  readonly settings: ArizeOpsSettings;
  readonly state: State;
  readonly worker: Worker;
  readonly alarms: WorkerAlarms;
  readonly slackIngress: SlackIngress;
  readonly scheduledJobs: ScheduledJobs;
  readonly policy: PolicyConfig;
  readonly alarmTopic: AlarmTopic;
  readonly operationsAlarms: OperationsAlarms;
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: ArizeOpsStackProps) {
    super(scope, id, props);
    const settings = parseArizeOpsSettings(props.settings);
    this.settings = settings;

    this.state = new State(this, 'State', {
      secretNamePrefix: this.stackName,
      importedSecretArns: {
        slackSigningSecret: settings.slackSigningSecretArn,
        slackBotToken: settings.slackBotTokenArn,
        arizeApiKey: settings.arizeApiKeyArn,
        arizeDeveloperKey: settings.arizeDeveloperKeyArn,
      },
    });
    const { table, secrets } = this.state;
    const leases = leasesFor({
      workerSeconds: settings.workerTimeoutSeconds,
      scheduledSeconds: settings.scheduledTimeoutSeconds,
    });

    const arizeAccess: ArizeAccessProps = {
      table,
      slackBotToken: secrets.slackBotToken,
      arizeApiKey: secrets.arizeApiKey,
      arizeDeveloperKey: secrets.arizeDeveloperKey,
      slackTeamId: settings.slackTeamId,
      slackApiAppId: settings.slackApiAppId,
      arizeBaseUrl: settings.arizeBaseUrl,
      arizeAppUrl: settings.arizeAppUrl,
      arizeMaxRps: settings.arizeMaxRps,
      arizeMaxConcurrency: settings.arizeMaxConcurrency,
      logLevel: settings.logLevel,
    };

    this.worker = new Worker(this, 'Worker', {
      ...arizeAccess,
      entry: lambdaEntries.worker,
      reservedConcurrency: settings.workerReservedConcurrency,
      memorySize: settings.workerMemoryMb,
      timeout: Duration.seconds(settings.workerTimeoutSeconds),
      leases,
    });
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      ...(settings.alarmEmail ? { email: settings.alarmEmail } : {}),
    });
    const alarmAction = new SnsAction(this.alarmTopic.topic);
    this.alarms = new WorkerAlarms(this, 'Alarms', { worker: this.worker, alarmAction });

    this.slackIngress = new SlackIngress(this, 'SlackIngress', {
      entry: lambdaEntries.slack,
      table,
      jobQueue: this.worker.queue,
      slackSigningSecret: secrets.slackSigningSecret,
      slackBotToken: secrets.slackBotToken,
      slackTeamId: settings.slackTeamId,
      slackApiAppId: settings.slackApiAppId,
      logLevel: settings.logLevel,
      memorySize: settings.slackMemoryMb,
      provisionedConcurrency: settings.slackProvisionedConcurrency,
      throttle: {
        rateLimit: settings.apiThrottleRateLimit,
        burstLimit: settings.apiThrottleBurstLimit,
      },
    });

    const schedules = schedulesWith(settings.schedules);
    // The drift job needs desired-access files: without them its schedule is created DISABLED.
    const desiredAccess = settings.desiredAccessDir
      ? loadDesiredAccessDir(settings.desiredAccessDir)
      : undefined;
    if (!desiredAccess) {
      if (settings.schedules.drift?.enabled === true) {
        throw new Error(
          'schedules.drift.enabled: the drift job needs desiredAccessDir (a folder of desired-access files)',
        );
      }
      schedules.drift = { ...schedules.drift, enabled: false };
    }
    this.scheduledJobs = new ScheduledJobs(this, 'ScheduledJobs', {
      ...arizeAccess,
      entry: lambdaEntries.scheduled,
      jobQueue: this.worker.queue,
      schedules,
      alarmAction,
      ...(settings.reportsChannel ? { reportsChannel: settings.reportsChannel } : {}),
      ...(desiredAccess ? { desiredAccess } : {}),
      invitations: {
        mode: settings.invitationMode,
        resendAfterDays: settings.invitationResendAfterDays,
      },
      memorySize: settings.scheduledMemoryMb,
      timeout: Duration.seconds(settings.scheduledTimeoutSeconds),
      leases,
    });
    this.scheduledJobs.describeTo(this.worker.function, schedules);

    this.operationsAlarms = new OperationsAlarms(this, 'OperationsAlarms', {
      functions: this.functionsByName(),
      withErrors: ['slack', 'dead-letter'],
      api: this.slackIngress.api,
      arizeServices: ['arize-ops-worker', 'arize-ops-scheduled'],
      alarmAction,
    });
    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      dashboardName: this.stackName,
      functions: this.functionsByName(),
      deadLetterQueue: this.worker.deadLetterQueue,
      alarms: [
        this.alarms.deadLettered,
        this.alarms.deadLetterDepth,
        this.alarms.workerErrors,
        this.scheduledJobs.errors,
        ...this.operationsAlarms.alarms,
      ],
    });
    this.policy = new PolicyConfig(this, 'PolicyConfig', props.policy ?? repoPolicy());
    for (const fn of [
      this.worker.function,
      this.slackIngress.function,
      this.scheduledJobs.function,
    ]) {
      this.policy.readBy(fn);
    }

    Aspects.of(this).add(new LogRetention(settings.logRetentionDays));
    if (settings.stage) Tags.of(this).add('Stage', settings.stage);
    this.addOutputs();
    acknowledgeNagFindings(this);
  }

  private functionsByName() {
    return {
      slack: this.slackIngress.function,
      worker: this.worker.function,
      'dead-letter': this.worker.deadLetterFunction,
      scheduled: this.scheduledJobs.function,
    };
  }

  private addOutputs(): void {
    const output = (id: string, value: string, description: string): void => {
      new CfnOutput(this, id, { value, description });
    };
    const [commands, interactions] = slackRoutePaths;
    output('ApiUrl', this.slackIngress.stage.url, 'Base URL of the HTTP API');
    output(
      'SlackManifestCommand',
      `npm run manifest -- --url ${this.slackIngress.stage.url}`,
      'Prints the Slack app manifest for this deployment (Create an app, From a manifest)',
    );
    output(
      'SlackCommandsUrl',
      this.slackIngress.endpointUrl(commands),
      'Slash command Request URL',
    );
    output(
      'SlackInteractionsUrl',
      this.slackIngress.endpointUrl(interactions),
      'Interactivity Request URL',
    );
    const { secrets } = this.state;
    output('SlackSigningSecretArn', secrets.slackSigningSecret.secretArn, 'Put the signing secret');
    output('SlackBotTokenArn', secrets.slackBotToken.secretArn, 'Put the bot token (xoxb-…)');
    output('ArizeApiKeyArn', secrets.arizeApiKey.secretArn, 'Put the Arize service API key');
    output(
      'ArizeDeveloperKeyArn',
      secrets.arizeDeveloperKey.secretArn,
      'Put the Arize developer key (GraphQL)',
    );
    output('JobQueueUrl', this.worker.queue.queueUrl, 'Job queue (slack fn → worker)');
    output('DeadLetterQueueUrl', this.worker.deadLetterQueue.queueUrl, 'Dead-lettered jobs');
    output(
      'PolicyAppConfig',
      `${this.policy.application.applicationId}/${this.policy.environment.environmentId}/${this.policy.profile.configurationProfileId}`,
      'AppConfig application/environment/profile of the policy (deploy with -c policyFile=PATH)',
    );
    output('TableName', this.state.table.tableName, 'DynamoDB table');
    output('AlarmTopicArn', this.alarmTopic.topic.topicArn, 'Every alarm notifies this SNS topic');
    output(
      'DashboardUrl',
      `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${this.stackName}`,
      'CloudWatch dashboard of acks, jobs, approvals, Arize calls, errors and dead letters',
    );
  }
}
