import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { MetricNames, metricsNamespace } from '../../src/adapters/metrics/metric-names.ts';

export interface OperationsAlarmsProps {
  /** Every function by a readable name; each alarms on throttles, `withErrors` on errors too. */
  readonly functions: Readonly<Record<string, IFunction>>;
  /** The functions whose errors no other construct alarms on. */
  readonly withErrors: readonly string[];
  readonly api: HttpApi;
  /** The services whose Arize calls are measured (the `service` dimension). */
  readonly arizeServices: readonly string[];
  readonly alarmAction: IAlarmAction;
}

/** Arize answers that are the service's failure, not ours: counted into the error rate. */
const arizeFailureStatuses = ['5xx', 'timeout', 'network'] as const;
const arizeOtherStatuses = ['2xx', '4xx', '429'] as const;

const aboveZero = {
  threshold: 0,
  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
  evaluationPeriods: 1,
  treatMissingData: TreatMissingData.NOT_BREACHING,
};

/** A metric the functions print as EMF (src/adapters/metrics). */
export const ownMetric = (
  name: string,
  dimensions: Record<string, string>,
  statistic = 'Sum',
): Metric =>
  new Metric({
    namespace: metricsNamespace,
    metricName: name,
    dimensionsMap: dimensions,
    statistic,
    period: Duration.minutes(5),
  });

/**
 * The alarms beyond the worker's and the schedule's own: throttles of every function, errors of
 * the rest, API 5xx, a slow ack path, failed schedules and Arize failing. All notify one topic.
 */
export class OperationsAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const add = (alarmId: string, alarmDescription: string, metric: IMetric, extra = {}) => {
      const alarm = new Alarm(this, alarmId, { ...aboveZero, alarmDescription, metric, ...extra });
      alarm.addAlarmAction(props.alarmAction);
      this.alarms.push(alarm);
    };
    const fiveMinuteSum = { period: Duration.minutes(5), statistic: 'Sum' };

    for (const [name, fn] of Object.entries(props.functions)) {
      const pascal = name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
      add(
        `${pascal}Throttles`,
        `The ${name} function was throttled: requests or jobs waited or failed. Check its reserved concurrency and the account's limit.`,
        fn.metricThrottles(fiveMinuteSum),
      );
      if (props.withErrors.includes(name)) {
        add(
          `${pascal}Errors`,
          `The ${name} function threw (an invocation failed). Its log group names the error.`,
          fn.metricErrors(fiveMinuteSum),
        );
      }
    }

    add(
      'Api5xx',
      'The HTTP API answered Slack with 5xx: commands or clicks failed. See the slack function logs.',
      props.api.metricServerError(fiveMinuteSum),
    );

    add(
      'AckLatencyP99',
      'The p99 of answered Slack requests took over 1 s (Slack gives up at 3 s): look at the slack function duration, cold starts and DynamoDB latency.',
      ownMetric(MetricNames.ackLatency, { service: 'arize-ops-slack', outcome: 'ok' }, 'p99'),
      { threshold: 1000, evaluationPeriods: 3, datapointsToAlarm: 2 },
    );

    const scheduler = (metricName: string) =>
      new Metric({
        namespace: 'AWS/Scheduler',
        metricName,
        dimensionsMap: { ScheduleGroup: 'default' },
        ...fiveMinuteSum,
      });
    add(
      'ScheduleFailures',
      'EventBridge Scheduler could not run a scheduled job (target error or dropped invocation): sweeps, grant ends or reports were missed.',
      new MathExpression({
        label: 'failed schedule invocations',
        expression: 'targetErrors + dropped',
        period: Duration.minutes(5),
        usingMetrics: {
          targetErrors: scheduler('TargetErrorCount'),
          dropped: scheduler('InvocationDroppedCount'),
        },
      }),
    );

    for (const service of props.arizeServices) {
      const calls = (status: string) => ownMetric(MetricNames.arizeCalls, { service, status });
      const failures = Object.fromEntries(arizeFailureStatuses.map((s) => [`f${s}`, calls(s)]));
      const others = Object.fromEntries(arizeOtherStatuses.map((s) => [`o${s}`, calls(s)]));
      const failed = Object.keys(failures).join(' + ');
      const all = [...Object.keys(failures), ...Object.keys(others)].join(' + ');
      add(
        `ArizeErrorRate${service.replace('arize-ops-', '').replace(/^\w/, (c) => c.toUpperCase())}`,
        `Over 10 % of ${service}'s Arize calls failed (5xx, timeout or network) in two 5-minute periods: Arize or the network is failing. Check Arize's status and the ArizeCalls metric by status.`,
        new MathExpression({
          label: `${service} Arize failure %`,
          // At least 10 calls: one timeout among three calls is not an outage.
          expression: `IF((${all}) >= 10, 100 * (${failed}) / (${all}), 0)`,
          period: Duration.minutes(5),
          usingMetrics: { ...failures, ...others },
        }),
        { threshold: 10, evaluationPeriods: 2, datapointsToAlarm: 2 },
      );
    }
  }
}
