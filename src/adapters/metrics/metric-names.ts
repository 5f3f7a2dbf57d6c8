/** Every metric the functions emit; the dashboard and alarms read the same names. */
export const MetricNames = {
  /** Slack requests answered by the slack function, by `outcome` (ok, refused, failed). */
  acks: 'Acks',
  ackLatency: 'AckLatency',
  /** Jobs run by the worker and the scheduled function, by `kind` and `outcome`. */
  jobs: 'Jobs',
  jobDuration: 'JobDuration',
  /** Approval clicks and submissions, by `outcome`. */
  approvals: 'Approvals',
  /** Attempts sent to Arize, by `status` (2xx, 4xx, 429, 5xx, timeout, network). */
  arizeCalls: 'ArizeCalls',
  arizeLatency: 'ArizeLatency',
  arizeRetries: 'ArizeRetries',
  arizeThrottled: 'ArizeThrottled',
} as const;

/** The CloudWatch namespace of every metric. */
export const metricsNamespace = 'ArizeOps';
