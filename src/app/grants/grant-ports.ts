import type { Grant, GrantEvent, GrantStatus } from '../../domain/grants/grant.ts';
import type { Reply } from '../../domain/reply.ts';

/** The fields a grant transition may change; every transition names the status it writes. */
export type GrantChanges = { status: GrantStatus } & Partial<
  Pick<Grant, 'endsAt' | 'leaseUntil' | 'claims' | 'endRequestedBy' | 'outcome' | 'thread'>
>;

/**
 * Time-bound grants in DynamoDB. Every change is conditional on the version read (a lost race
 * returns undefined); active and ending grants sit in a sparse listing ordered by when they are
 * next due (the end, or the lapse of an ENDING lease), so finding due grants is a query.
 */
export interface GrantStore {
  /** Stores a new grant; false when it exists already (a re-run of the same execution). */
  create(grant: Grant): Promise<boolean>;
  get(grantId: string): Promise<Grant | undefined>;
  /** Applies the changes (and appends `event` to the history) if `grant.version` still holds. */
  update(grant: Grant, changes: GrantChanges, event: GrantEvent): Promise<Grant | undefined>;
  /** Sets `warnedAt` once on an ACTIVE grant; false when it was set already or it is not ACTIVE. */
  markWarned(grantId: string, at: Date): Promise<boolean>;
  /** ACTIVE and ENDING grants next due at or before `until`, soonest first (from the listing). */
  listDue(until: Date): Promise<Grant[]>;
  /** Every ACTIVE or ENDING grant, soonest end first. */
  listActive(): Promise<Grant[]>;
}

/** Tells people about a grant: the subject by direct message, the approval message's thread. */
export interface GrantMessenger {
  /** A direct message to a Slack user, with the grant's buttons when `grantId` is given. */
  direct(slackUserId: string, reply: Reply, grantId?: string): Promise<void>;
  /** A reply in the thread of the approval message. */
  thread(channel: string, ts: string, reply: Reply, grantId?: string): Promise<void>;
}

/** Finds a Slack user by e-mail (`users.lookupByEmail`); undefined when Slack knows none. */
export interface SlackEmailLookup {
  userIdByEmail(email: string): Promise<string | undefined>;
}
