import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { Worker } from './worker.ts';

export interface WorkerAlarmsProps {
  readonly worker: Worker;
  /** Where alarms go (an SNS topic); none by default. */
  readonly alarmAction?: IAlarmAction;
}

/**
 * Alarms on what must not happen silently: a job dead-lettered, dead letters that stay, and the
 * worker throwing (an invocation failure, not a batch item it reported).
 */
export class WorkerAlarms extends Construct {
  readonly deadLettered: Alarm;
  readonly deadLetterDepth: Alarm;
  readonly workerErrors: Alarm;

  constructor(scope: Construct, id: string, props: WorkerAlarmsProps) {
    super(scope, id);
    const { deadLetterQueue, function: workerFunction } = props.worker;
    const common = {
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    };

    // The DLQ consumer takes a message within a second, so depth alone can miss a dead letter;
    // every dead letter is received at least once.
    this.deadLettered = new Alarm(this, 'DeadLettered', {
      ...common,
      alarmDescription:
        'A job failed 3 attempts and was dead-lettered; the requester was told (see the logs).',
      metric: deadLetterQueue.metricNumberOfMessagesReceived({
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
    });
    // In-flight messages count: a failing consumer keeps them invisible, not gone.
    this.deadLetterDepth = new Alarm(this, 'DeadLetterDepth', {
      ...common,
      alarmDescription:
        'The dead-letter queue holds jobs: their requesters may not have been told. Inspect them.',
      metric: new MathExpression({
        label: 'DLQ depth (visible + in flight)',
        expression: 'visible + inFlight',
        period: Duration.minutes(1),
        usingMetrics: {
          visible: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
          }),
          inFlight: deadLetterQueue.metricApproximateNumberOfMessagesNotVisible({
            statistic: 'Maximum',
          }),
        },
      }),
      evaluationPeriods: 15,
      datapointsToAlarm: 15,
    });
    this.workerErrors = new Alarm(this, 'WorkerErrors', {
      ...common,
      alarmDescription: 'The worker function threw (an invocation failed, not a batch item).',
      metric: workerFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    });

    if (props.alarmAction) {
      for (const alarm of [this.deadLettered, this.deadLetterDepth, this.workerErrors]) {
        alarm.addAlarmAction(props.alarmAction);
      }
    }
  }
}
