import * as z from 'zod';

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
  /** Share the result in the channel rather than only with the requester. */
  public: boolean;
  requester: Requester;
  channelId: string;
  responseUrl: string;
  enqueuedAt: string;
}

const requesterSchema = z.object({ teamId: z.string().min(1), userId: z.string().min(1) });

/** The wire form of a job, checked when the worker reads it from the queue. */
export const jobSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('run-command'),
  operationId: z.string().min(1),
  args: z.record(z.string(), z.unknown()),
  commandText: z.string(),
  public: z.boolean(),
  requester: requesterSchema,
  channelId: z.string(),
  responseUrl: z.url(),
  enqueuedAt: z.string(),
}) satisfies z.ZodType<Job>;
