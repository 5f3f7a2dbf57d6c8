import type { Requester } from '../job.ts';
import type { Reply } from '../reply.ts';
import type { Plan } from './plan.ts';

/** Where a request is in its life; only the transitions below are ever written. */
export const ApprovalStatuses = [
  'PENDING',
  'APPROVED',
  'EXECUTING',
  'SUCCEEDED',
  'FAILED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'STALE',
] as const;
export type ApprovalStatus = (typeof ApprovalStatuses)[number];

const transitions: Readonly<Record<ApprovalStatus, readonly ApprovalStatus[]>> = {
  PENDING: ['APPROVED', 'REJECTED', 'EXPIRED', 'CANCELLED'],
  // APPROVED → FAILED only when its execute job is dead-lettered (never started).
  APPROVED: ['EXECUTING', 'FAILED'],
  EXECUTING: ['SUCCEEDED', 'FAILED', 'STALE'],
  SUCCEEDED: [],
  FAILED: [],
  REJECTED: [],
  EXPIRED: [],
  CANCELLED: [],
  STALE: [],
};

/** True when the state machine allows going from one status to the other. */
export const canTransition = (from: ApprovalStatus, to: ApprovalStatus): boolean =>
  transitions[from].includes(to);

/** A status nothing follows: a late vote or message update never overwrites it. */
export const isFinal = (status: ApprovalStatus): boolean => transitions[status].length === 0;

/** A person's vote on a request; a person counts once (the vote is keyed by request and user). */
export interface Vote {
  userId: string;
  decision: 'approve' | 'reject';
  at: string;
}

/** A two-person approval request, as stored: one item, changed only by conditional writes. */
export interface ApprovalRequest {
  id: string;
  status: ApprovalStatus;
  /** Bumped by every write; a transition is conditional on the version it read. */
  version: number;
  operationId: string;
  /** Arguments with every target pinned to its Arize id at prepare time. */
  args: Record<string, unknown>;
  commandText: string;
  reason?: string;
  requester: Requester;
  /** The requester's response URL: a bearer capability, never logged. */
  responseUrl: string;
  /** The command that asked for it: its clicks, jobs and sweeps log under the same id. */
  correlationId?: string;
  plan: Plan;
  planHash: string;
  policySha: string;
  quorum: number;
  /** Who may approve when it was posted (user and group ids), shown on the message. */
  approvers: readonly string[];
  /** Slack user ids whose approval counted, in order. */
  approvals: readonly string[];
  rejectedBy?: string;
  /** Why the rejecter said no (typed in the Reject modal; optional, untrusted text). */
  rejectReason?: string;
  createdAt: string;
  expiresAt: string;
  channel?: string;
  ts?: string;
  /** The highest version drawn on the Slack message; older renders are skipped. */
  renderedVersion?: number;
  result?: Reply;
  /** What changed in the pre-state, when the request went STALE. */
  staleReason?: string;
  /**
   * When the status last changed (ISO), stamped by the store in the same conditional write: an
   * EXECUTING lease or an APPROVED request waiting for the worker is "past its time" from it.
   */
  statusChangedAt?: string;
  /**
   * Secret operations: when the requester must click Reveal by (ISO time). Set when the direct
   * message with the Reveal button is sent; the request stays APPROVED until the click, and the
   * sweep fails an APPROVED request whose `revealBy` has passed.
   */
  revealBy?: string;
  /** The direct message with the Reveal button, redrawn when the reveal is over. */
  revealMessage?: { channel: string; ts: string };
  /** The modal the winning Reveal click opened: the only place the secret is ever shown. */
  revealViewId?: string;
  /**
   * The API key a reveal created, recorded before it is shown, so an interrupted reveal can be
   * found and revoked (an id, never the secret).
   */
  revealedKeyId?: string;
  /** Set once the secret reached its window: a later recovery must not revoke what they hold. */
  revealDelivered?: boolean;
  /** How often the sweep re-enqueued its execute job because no worker picked it up. */
  requeues?: number;
  /** How often the sweep took over an EXECUTING lease that ran past its time. */
  recoveries?: number;
}

/**
 * Whether text can be a request id (`R` and up to 40 letters or digits): checked before a lookup
 * when the id comes back from Slack (a modal's private metadata), which a crafted payload sets.
 */
export const isRequestId = (text: string): boolean => /^R[A-Z0-9]{1,40}$/.test(text);
