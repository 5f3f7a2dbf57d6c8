import * as z from 'zod';

/** Who asked: Slack identifies a person by team + user id only (never by display name). */
export interface Requester {
  teamId: string;
  userId: string;
}

interface JobBase {
  id: string;
  operationId: string;
  args: Record<string, unknown>;
  commandText: string;
  /** Share the result in the channel rather than only with the requester. */
  public: boolean;
  requester: Requester;
  channelId: string;
  /** A bearer capability: never logged. */
  responseUrl: string;
  enqueuedAt: string;
  /** The command this job belongs to, on every log line of its run (set when it is enqueued). */
  correlationId?: string;
  /**
   * Answer with a new ephemeral message, never by replacing the original: set when the response
   * URL belongs to a message others see (an Undo click on the approval message, a Re-invite
   * click on a channel report).
   */
  replyAsNew?: boolean;
}

/** Run a command that needs no approval. */
export interface RunCommandJob extends JobBase {
  kind: 'run-command';
}

/** Read pre-state, build the plan and post an approval request. */
export interface PrepareApprovalJob extends JobBase {
  kind: 'prepare-approval';
  requestId: string;
  reason?: string;
}

/** Run an approved request (claimed by a conditional EXECUTING lease). */
export interface ExecuteApprovalJob extends JobBase {
  kind: 'execute-approval';
  requestId: string;
}

/**
 * Create (or refresh) the secret of an approved request and show it in the modal the requester's
 * Reveal click opened (claimed by the same EXECUTING lease). `responseUrl` is the click's.
 */
export interface RevealSecretJob extends JobBase {
  kind: 'reveal-secret';
  requestId: string;
  /** The Slack view the secret is shown in (views.update); an id, not a capability. */
  viewId: string;
}

/** End the time-bound grants that are due now (an End access now click moved one's end). */
export interface EndGrantsJob extends JobBase {
  kind: 'end-grants';
}

/** Work handed from the ack path to the worker. */
export type Job =
  | RunCommandJob
  | PrepareApprovalJob
  | ExecuteApprovalJob
  | RevealSecretJob
  | EndGrantsJob;

const requesterSchema = z.object({ teamId: z.string().min(1), userId: z.string().min(1) });
const base = {
  id: z.string().min(1),
  operationId: z.string().min(1),
  args: z.record(z.string(), z.unknown()),
  commandText: z.string(),
  public: z.boolean(),
  requester: requesterSchema,
  channelId: z.string(),
  responseUrl: z.url(),
  enqueuedAt: z.string(),
  correlationId: z.string().min(1).optional(),
  replyAsNew: z.boolean().optional(),
};

/** The wire form of a job, checked when the worker reads it from the queue. */
export const jobSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('run-command') }),
  z.object({
    ...base,
    kind: z.literal('prepare-approval'),
    requestId: z.string().min(1),
    reason: z.string().optional(),
  }),
  z.object({ ...base, kind: z.literal('execute-approval'), requestId: z.string().min(1) }),
  z.object({
    ...base,
    kind: z.literal('reveal-secret'),
    requestId: z.string().min(1),
    viewId: z.string().min(1),
  }),
  z.object({ ...base, kind: z.literal('end-grants') }),
]) satisfies z.ZodType<Job>;
