import { Duration } from 'aws-cdk-lib';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MetricNames, metricsNamespace } from '../../src/adapters/metrics/metric-names.ts';
import { ownMetric } from './operations-alarms.ts';

export interface OperationsDashboardProps {
  readonly dashboardName: string;
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly deadLetterQueue: IQueue;
  readonly alarms: readonly Alarm[];
}

/** Every series of `metric` by its dimensions, whatever values they take (a SEARCH). */
const everySeries = (
  metric: string,
  dimensions: string[],
  label: string,
  statistic = 'Sum',
): IMetric =>
  new MathExpression({
    label,
    expression: `SEARCH('{${[metricsNamespace, ...dimensions].join(',')}} MetricName="${metric}"', '${statistic}', 300)`,
    period: Duration.minutes(5),
    usingMetrics: {},
  });

/** One page for the operator: the ack path, jobs, approvals, Arize, errors and dead letters. */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const fns = Object.entries(props.functions);
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: 12, height: 6 });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24 })],
        [
          graph('Acks by outcome', [everySeries(MetricNames.acks, ['outcome', 'service'], 'acks')]),
          graph('Ack latency (ms)', [
            ownMetric(MetricNames.ackLatency, { service: 'arize-ops-slack', outcome: 'ok' }, 'p99'),
            ownMetric(MetricNames.ackLatency, { service: 'arize-ops-slack', outcome: 'ok' }, 'p50'),
          ]),
        ],
        [
          graph('Jobs by kind and outcome', [
            everySeries(MetricNames.jobs, ['kind', 'outcome', 'service'], 'jobs'),
          ]),
          graph('Approvals by outcome', [
            everySeries(MetricNames.approvals, ['kind', 'outcome', 'service'], 'approvals'),
          ]),
        ],
        [
          graph(
            'Arize calls by status',
            [everySeries(MetricNames.arizeCalls, ['service', 'status'], 'calls')],
            [
              everySeries(MetricNames.arizeRetries, ['service'], 'retries'),
              everySeries(MetricNames.arizeThrottled, ['service'], '429s'),
            ],
          ),
          graph('Arize latency p99 (ms)', [
            everySeries(MetricNames.arizeLatency, ['service', 'status'], 'p99', 'p99'),
          ]),
        ],
        [
          graph(
            'Function errors and throttles',
            fns.map(([name, fn]) => fn.metricErrors({ label: `${name} errors`, statistic: 'Sum' })),
            fns.map(([name, fn]) =>
              fn.metricThrottles({ label: `${name} throttles`, statistic: 'Sum' }),
            ),
          ),
          graph('Dead-letter queue depth', [
            props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
              statistic: 'Maximum',
            }),
            props.deadLetterQueue.metricApproximateNumberOfMessagesNotVisible({
              statistic: 'Maximum',
            }),
          ]),
        ],
      ],
    });
  }
}
