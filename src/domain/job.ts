/** Who asked: Slack identifies a person by team + user id only (never by display name). */
export interface Requester {
  teamId: string;
  userId: string;
}

/**
 * Work handed from the ack path to the worker. `responseUrl` is a bearer capability: it is never
 * logged.
 */
export interface Job {
  id: string;
  kind: 'run-command';
  operationId: string;
  args: Record<string, unknown>;
  commandText: string;
  requester: Requester;
  channelId: string;
  responseUrl: string;
  enqueuedAt: string;
}
