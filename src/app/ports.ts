import type { ApprovalRequest, Vote } from '../domain/approvals/approval.ts';
import type {
  AccountRole,
  ApiKey,
  ApiKeyWithSecret,
  AuditLogEntry,
  InviteMode,
  Organization,
  OrgMembership,
  OrgRole,
  Page,
  Space,
  SpaceMember,
  SpaceMembership,
  SpaceRole,
  User,
  UserStatus,
} from '../domain/arize.ts';
import type {
  Directory,
  DirectoryOrg,
  DirectorySpace,
} from '../domain/directory/name-directory.ts';
import type { DesiredAccess } from '../domain/drift/desired-access.ts';
import type { DriftProposal, DriftReport } from '../domain/drift/drift-fix.ts';
import type { Grant, GrantEvent, GrantStatus } from '../domain/grants/grant.ts';
import type { Job, Requester } from '../domain/job.ts';
import type { Policy } from '../domain/policy/policy.ts';
import type { Reply } from '../domain/reply.ts';
import type { Result } from '../domain/result.ts';
import type {
  AccessReview,
  ReviewDecision,
  ReviewMember,
  ReviewMessage,
} from '../domain/reviews/access-review.ts';
import type { ModalView } from './modal-view.ts';

/** Reads the wall clock; injected so expiry and signature windows are testable. */
export interface Clock {
  now(): Date;
}

export interface ListQuery {
  cursor?: string;
  limit?: number;
}

/**
 * Every Arize call the bot makes. Implemented on the official ax-client (REST) and GraphQL.
 * Failures are thrown as `AppError` with an `ARIZE.*` code and a sentence a Slack user can act on.
 */
export interface ArizeGateway {
  listOrganizations(query?: ListQuery & { name?: string }): Promise<Page<Organization>>;
  getOrganization(orgId: string): Promise<Organization>;
  createOrganization(input: { name: string; description?: string }): Promise<Organization>;
  updateOrganization(
    orgId: string,
    input: { name?: string; description?: string },
  ): Promise<Organization>;
  deleteOrganization(orgId: string): Promise<void>;
  addOrganizationUser(orgId: string, userId: string, role: OrgRole): Promise<OrgMembership>;
  removeOrganizationUser(orgId: string, userId: string): Promise<void>;

  listSpaces(query?: ListQuery & { orgId?: string; name?: string }): Promise<Page<Space>>;
  getSpace(spaceId: string): Promise<Space>;
  createSpace(input: {
    orgId: string;
    name: string;
    description?: string;
    isPrivate?: boolean;
  }): Promise<Space>;
  updateSpace(
    spaceId: string,
    input: { name?: string; description?: string; isPrivate?: boolean },
  ): Promise<Space>;
  deleteSpace(spaceId: string): Promise<void>;
  addSpaceUser(spaceId: string, userId: string, role: SpaceRole): Promise<SpaceMembership>;
  removeSpaceUser(spaceId: string, userId: string): Promise<void>;
  /** Members with roles, through GraphQL `spaceUsers` (needs the developer key). */
  listSpaceMembers(
    spaceId: string,
    query?: ListQuery & { search?: string },
  ): Promise<Page<SpaceMember>>;

  listUsers(query?: ListQuery & { email?: string; status?: UserStatus[] }): Promise<Page<User>>;
  getUser(userId: string): Promise<User>;
  createUser(input: {
    name: string;
    email: string;
    role: AccountRole;
    inviteMode: InviteMode;
    isDeveloper?: boolean;
  }): Promise<{ user: User; created: boolean; temporaryPassword?: string }>;
  updateUser(userId: string, input: { name?: string; isDeveloper?: boolean }): Promise<User>;
  deleteUser(userId: string): Promise<void>;
  resendInvitation(userId: string): Promise<void>;
  resetPassword(userId: string): Promise<void>;

  listApiKeys(
    query: ListQuery & { spaceId: string; status?: 'ACTIVE' | 'REVOKED' },
  ): Promise<Page<ApiKey>>;
  createServiceApiKey(input: {
    name: string;
    description?: string;
    orgId: string;
    spaceId: string;
    spaceRole: SpaceRole;
    expiresAt?: string;
  }): Promise<ApiKeyWithSecret>;
  refreshApiKey(
    keyId: string,
    input: { expiresAt?: string; gracePeriodSeconds?: number },
  ): Promise<ApiKeyWithSecret>;
  revokeApiKey(keyId: string): Promise<void>;

  listAuditLogs(
    query?: ListQuery & { startTime?: string; endTime?: string; userId?: string },
  ): Promise<Page<AuditLogEntry>>;

  /** Users × spaces membership upserts with bounded concurrency; one outcome per pair, in order. */
  upsertSpaceMemberships(
    pairs: ReadonlyArray<{ userId: string; spaceId: string }>,
    role: SpaceRole,
  ): Promise<MembershipOutcome[]>;
  /** Members of many spaces, batched into aliased GraphQL queries. Keyed by space id. */
  listSpaceMembersMany(spaceIds: readonly string[]): Promise<Map<string, SpaceMember[]>>;
}

export type MembershipOutcome =
  | { userId: string; spaceId: string; ok: true; membership: SpaceMembership }
  | { userId: string; spaceId: string; ok: false; code: string; message: string };

/** What a person typed to name a user: an email, an Arize id, or an exact name. */
export type UserRef =
  | { kind: 'email'; email: string }
  | { kind: 'id'; id: string }
  | { kind: 'name'; name: string };

/**
 * Turns what people type into Arize entities (names or ids), caching within one invocation.
 * Not found, ambiguous and "use an email" are thrown as `AppError` with `ARIZE.*` codes.
 */
export interface TargetResolver {
  organization(ref: string): Promise<Organization>;
  space(ref: string, scope?: { orgId?: string }): Promise<Space>;
  user(ref: UserRef): Promise<User>;
}

/** Hands a job to the worker (SQS in AWS, an in-process queue locally). */
export interface JobQueue {
  enqueue(job: Job): Promise<void>;
}

/** Where a reply goes: a slash command's response URL, or a message we posted earlier. */
export type ReplyTarget =
  | { kind: 'response-url'; url: string; replaceOriginal: boolean; public?: boolean }
  | { kind: 'message'; channel: string; ts: string };

/** Sends replies to people in Slack; the adapter renders `Reply` into Block Kit. */
export interface ChatNotifier {
  reply(target: ReplyTarget, reply: Reply): Promise<void>;
  /**
   * Posts a new message in a channel (or a direct message to a user id), in a thread when
   * `threadTs` is given: what scheduled jobs use, having no response URL.
   */
  post(channel: string, reply: Reply, options?: { threadTs?: string }): Promise<PostedMessage>;
}

/** Where a posted message is: enough to thread under it or update it. */
export interface PostedMessage {
  channel: string;
  ts: string;
}

/** Remembers request signatures for a while so a replayed Slack request runs nothing. */
export interface ReplayGuard {
  /** True the first time a signature is seen inside its window, false on every replay. */
  claim(signature: string, expiresAt: Date): Promise<boolean>;
}

/** The state of a job when a delivery tries to start it. */
export type JobClaim =
  | { state: 'claimed' }
  | { state: 'running' }
  | { state: 'done'; reply: Reply };

/**
 * Runs each job at most once per id: a delivery claims a lease; the outcome is stored before
 * anyone is notified, so a redelivery re-notifies instead of re-executing.
 */
export interface JobLedger {
  begin(jobId: string, leaseUntil: Date, expiresAt: Date): Promise<JobClaim>;
  finish(jobId: string, reply: Reply, expiresAt: Date): Promise<void>;
  /** Gives the lease up after an unexpected failure, so the next delivery may try again. */
  release(jobId: string): Promise<void>;
}

/** One run of a scheduled job: the job's name and the time its schedule fired. */
export interface JobRunKey {
  job: string;
  scheduledTime: Date;
}

/** What a run did, by action, e.g. `{ expired: 2, posted: 1 }`. */
export type JobRunActions = Record<string, number>;

/** The state of a run when an invocation tries to start it. */
export type JobRunClaim =
  /** Ours until the lease ends; `checkpoint` is where an earlier invocation stopped, if any. */
  | { state: 'claimed'; checkpoint?: unknown; continuations: number; actions: JobRunActions }
  /** Another invocation holds a live lease. */
  | { state: 'running' }
  /** Finished already (a retried invocation): what it did. */
  | { state: 'finished'; actions: JobRunActions };

/**
 * Scheduled-job runs in DynamoDB: a lease per run, checkpoints between invocations, and a record
 * of what each run posted, so a retried invocation repeats nothing and a cut-off one resumes.
 */
export interface JobRunLedger {
  /** Claims a new, failed or abandoned run; `rerun` also re-claims a finished one, afresh. */
  claim(run: JobRunKey, leaseUntil: Date, options: { rerun: boolean }): Promise<JobRunClaim>;
  /** Saves progress; `release` also gives the lease up (the run continues in a new invocation). */
  checkpoint(
    run: JobRunKey,
    progress: { checkpoint: unknown; actions: JobRunActions; continuations: number },
    options: { release: boolean },
  ): Promise<void>;
  finish(run: JobRunKey, actions: JobRunActions): Promise<void>;
  fail(run: JobRunKey, reason: string, actions: JobRunActions): Promise<void>;
  /** True the first time `key` is marked for this run: a message is posted at most once. */
  markPosted(run: JobRunKey, key: string): Promise<boolean>;
  /** Takes a mark back when the post it guarded failed, so a retry may post. */
  unmarkPosted(run: JobRunKey, key: string): Promise<void>;
}

/** Structured logging; data goes in fields, never a secret. */
export interface Log {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/**
 * The only dimension names a metric may carry: each takes a handful of values, so a metric never
 * multiplies by user, request or job id (CloudWatch bills every distinct combination).
 */
export type MetricDimensions = Readonly<Partial<Record<'outcome' | 'kind' | 'status', string>>>;

/** Operational measurements (CloudWatch EMF in AWS, memory locally), flushed per invocation. */
export interface Metrics {
  /** Adds `value` (default 1) to the count `name` under `dimensions`. */
  count(name: string, dimensions: MetricDimensions, value?: number): void;
  /** Records one duration in milliseconds. */
  duration(name: string, milliseconds: number, dimensions: MetricDimensions): void;
}

/** Reads secrets by name: Secrets Manager in AWS, the environment locally. */
export interface SecretSource {
  get(name: string, options?: { forceFetch?: boolean }): Promise<string>;
}

/** A policy that validated, with the sha256 a request decided under it pins. */
export interface LoadedPolicy {
  policy: Policy;
  sha: string;
}

/**
 * The policy in force: AWS AppConfig in AWS (cached ≤ 60 s), a file locally. A document that does
 * not validate never replaces the last good one; with none yet, `current()` throws.
 */
export interface PolicySource {
  current(): Promise<LoadedPolicy>;
}

/** A person's active org/space, applied when a command omits them. */
export interface ActiveContext {
  orgId?: string;
  orgName?: string;
  spaceId?: string;
  spaceName?: string;
}

/** Stores each Slack user's active org/space (DynamoDB). */
export interface ContextStore {
  get(requester: Requester): Promise<ActiveContext>;
  set(requester: Requester, context: ActiveContext): Promise<void>;
}

/** What Slack says about a person; identity is team + user id, never a display name. */
export interface SlackPerson {
  userId: string;
  teamId: string;
  email?: string;
  isBot: boolean;
  deleted: boolean;
  /** A multi- or single-channel guest (Slack's is_restricted / is_ultra_restricted). */
  isGuest: boolean;
}

/** Looks people up in Slack (`users.info`); undefined when Slack does not know the id. */
export interface SlackDirectory {
  person(userId: string): Promise<SlackPerson | undefined>;
}

/** The fields of a request a transition may change (never its id, operation or requester). */
export type ApprovalChanges = Partial<
  Pick<
    ApprovalRequest,
    | 'status'
    | 'quorum'
    | 'approvals'
    | 'rejectedBy'
    | 'rejectReason'
    | 'channel'
    | 'ts'
    | 'result'
    | 'staleReason'
    | 'requeues'
    | 'recoveries'
    | 'revealBy'
    | 'revealMessage'
    | 'revealViewId'
    | 'revealedKeyId'
    | 'revealDelivered'
  >
>;

/**
 * Approval requests and votes in DynamoDB. Every change is a conditional write on the version the
 * caller read (no transactions: dynalite has none); a lost race returns undefined or false.
 */
export interface ApprovalStore {
  /** Stores a new request; false when one with this id exists already (a redelivered prepare). */
  create(request: ApprovalRequest): Promise<boolean>;
  get(requestId: string): Promise<ApprovalRequest | undefined>;
  /** Applies the changes and bumps the version, if the stored version is still `version`. */
  update(
    requestId: string,
    version: number,
    changes: ApprovalChanges,
  ): Promise<ApprovalRequest | undefined>;
  /** Records a person's vote once; false when this person has voted on this request already. */
  recordVote(requestId: string, vote: Vote): Promise<boolean>;
  /** Claims the right to draw `version` on the message: false when a newer one was drawn. */
  claimRender(requestId: string, version: number): Promise<boolean>;
  /** Pending requests, newest first (optionally one requester's only). */
  listPending(query?: { requesterUserId?: string; limit?: number }): Promise<ApprovalRequest[]>;
  /** Pending requests whose expiry is at or before `now`, from the pending listing (no scan). */
  listExpired(now: Date): Promise<ApprovalRequest[]>;
  /** APPROVED and EXECUTING requests, from their own sparse listing (no scan), oldest first. */
  listInFlight(): Promise<ApprovalRequest[]>;
}

/** One append-only audit record; `id` is deterministic (`request#event`) so a retry adds nothing. */
export interface AuditRecord {
  id: string;
  requestId: string;
  event:
    | 'requested'
    | 'vote'
    | 'approved'
    | 'rejected'
    | 'cancelled'
    | 'expired'
    | 'execution'
    | 'reveal-offered'
    | 'reveal-clicked'
    | 'result'
    | 'grant-started'
    | 'grant-warned'
    | 'grant-ended'
    | 'grant-left-alone'
    | 'grant-failed'
    | 'grant-end-requested'
    | 'grant-extended'
    | 'review-opened'
    | 'review-decision'
    | 'review-closed'
    | 'drift-proposed';
  at: string;
  /** The Slack user who caused it, when a person did. */
  actor?: string;
  detail: Record<string, string | number | boolean>;
}

/** Append-only audit trail: written before the state change it describes, never a secret. */
export interface AuditLog {
  append(record: AuditRecord): Promise<void>;
  /** Records since a time, newest first, optionally one actor's; `cursor` continues a page. */
  list(query: {
    since: Date;
    actor?: string;
    cursor?: string;
    limit?: number;
  }): Promise<Page<AuditRecord>>;
}

/** The approval message in the approvals channel (Slack Web API). */
export interface ApprovalMessenger {
  post(channel: string, request: ApprovalRequest): Promise<{ channel: string; ts: string }>;
  update(channel: string, ts: string, request: ApprovalRequest): Promise<void>;
  /** A link to the message, or undefined when Slack gives none. */
  permalink(channel: string, ts: string): Promise<string | undefined>;
  /** A direct message to a person, when their response URL no longer works. */
  tell(userId: string, reply: Reply): Promise<void>;
}

/** Members of Slack user groups (`usergroups.users.list`), cached briefly; errors are thrown. */
export interface GroupDirectory {
  members(groupId: string): Promise<readonly string[]>;
}

export type { ModalView } from './modal-view.ts';

/** A file to share, e.g. a CSV export; its content is UTF-8 text. */
export interface SharedFile {
  filename: string;
  title: string;
  content: string;
}

/** Where a shared file goes: a channel, or a direct message to one person. */
export type FileDestination =
  | { kind: 'channel'; channel: string }
  | { kind: 'direct'; userId: string }
  /** A reply in the thread of a message (e.g. under the approval request it is about). */
  | { kind: 'thread'; channel: string; threadTs: string };

/** Shares files in Slack (upload URL, upload, complete); Slack failures are thrown. */
export interface FileSharer {
  share(
    file: SharedFile,
    destination: FileDestination,
    comment?: string,
  ): Promise<{ fileId: string; channel: string }>;
}

/**
 * Opens and updates Slack modals (`views.open` with a click's trigger_id, valid 3 s; `views.update`
 * by view id). Failures are thrown; the trigger id is never logged.
 */
export interface ModalPresenter {
  open(triggerId: string, view: ModalView): Promise<{ viewId: string }>;
  update(viewId: string, view: ModalView): Promise<void>;
}

/** Where a direct message is: its channel and ts. */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** The requester's direct message with the Reveal button of an approved secret request. */
export interface RevealMessenger {
  /** Sends the requester the Reveal button (chat.postMessage to their user id). */
  offer(request: ApprovalRequest): Promise<MessageRef>;
  /** Redraws that message once the reveal is over: no button, what became of the request. */
  settle(message: MessageRef, request: ApprovalRequest): Promise<void>;
}

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

/**
 * Where a report in progress keeps what it has read, so a run cut off by the Lambda's time goes on
 * from there; and the last finished report of each scope, for "since last time".
 */
export interface ReportStore {
  /** Saves one part of a run (any JSON value; a part saved again replaces the earlier one). */
  putPart(runId: string, part: string, value: unknown): Promise<void>;
  /** Every part of a run whose name starts with `prefix`, in name order. */
  parts(runId: string, prefix: string): Promise<unknown[]>;
  lastSnapshot(scope: string): Promise<unknown>;
  /** Keeps the snapshot unless a later one is already there. */
  saveSnapshot(scope: string, at: string, snapshot: unknown): Promise<void>;
}

/**
 * Access reviews in DynamoDB: one record per review and one per member, each written once
 * (conditional), a decision written once per member; open reviews sit in a sparse listing by
 * deadline.
 */
export interface AccessReviewStore {
  /** Stores a new review; false when it exists already (a retried run). */
  create(review: AccessReview): Promise<boolean>;
  get(reviewId: string): Promise<AccessReview | undefined>;
  /** Stores the members not stored yet (by index): a retried run adds nothing. */
  putMembers(reviewId: string, members: readonly ReviewMember[]): Promise<void>;
  /** Every member, in index order. */
  members(reviewId: string): Promise<ReviewMember[]>;
  /** Records a decision once: undefined when the member was decided already (or is unknown). */
  decide(
    reviewId: string,
    index: number,
    decision: { decision: ReviewDecision; by: string; at: string; requestId?: string },
  ): Promise<ReviewMember | undefined>;
  /**
   * Takes back a removal decision whose request could not be filed (only while it still names
   * that request): the member is undecided again, so nothing claims a request that does not exist.
   */
  withdraw(reviewId: string, index: number, requestId: string): Promise<void>;
  /** Keeps where a reviewer's message is and which page it shows. */
  setMessage(reviewId: string, reviewer: string, message: ReviewMessage): Promise<void>;
  setThread(reviewId: string, thread: { channel: string; ts: string }): Promise<void>;
  /** Marks a step of a review (a reminder, the report) once: false when it was marked before. */
  markOnce(reviewId: string, step: string): Promise<boolean>;
  /** Takes back a step marked by `markOnce` whose work failed, so a later run does it. */
  unmark(reviewId: string, step: string): Promise<void>;
  /** Closes an open review (out of the open listing); false when it was closed already. */
  close(reviewId: string): Promise<boolean>;
  /** Open reviews, soonest deadline first. */
  listOpen(): Promise<AccessReview[]>;
}

/** A reviewer's message with the Keep / Remove / Keep all buttons (Slack Web API). */
export interface AccessReviewMessenger {
  /** A direct message to the reviewer showing `page` of the members. */
  post(
    reviewer: string,
    review: AccessReview,
    members: readonly ReviewMember[],
    page: number,
  ): Promise<MessageRef>;
  /** Redraws a message (decisions and who made them; no buttons once the review is closed). */
  update(
    message: MessageRef,
    review: AccessReview,
    members: readonly ReviewMember[],
    page: number,
  ): Promise<void>;
}

/** The desired-access files the drift job compares with Arize, each parsed or its problems. */
export interface DesiredAccessSource {
  /** Every file, in name order. */
  list(): Promise<Array<{ file: string; desired: Result<DesiredAccess, string> }>>;
}

/** Posted drifts in DynamoDB: each stored once, its proposal recorded once. */
export interface DriftStore {
  /** Stores a new report; false when it exists already (a retried run keeps the first). */
  create(report: DriftReport): Promise<boolean>;
  get(driftId: string): Promise<DriftReport | undefined>;
  setMessage(driftId: string, message: MessageRef): Promise<void>;
  /** Records the proposal once: false when the drift was proposed already (or is unknown). */
  propose(driftId: string, proposal: DriftProposal): Promise<boolean>;
  /** Takes back a proposal whose requests could not all be queued (only that same proposal). */
  withdraw(driftId: string, proposal: DriftProposal): Promise<void>;
}

/** The drift message with its Propose fix button (Slack Web API). */
export interface DriftMessenger {
  post(channel: string, report: DriftReport): Promise<MessageRef>;
  /** Redraws it: once proposed, who proposed the fix and its requests, without the button. */
  update(message: MessageRef, report: DriftReport): Promise<void>;
}

/** Who the bot token belongs to (Slack `auth.test`) and the scopes Slack granted it. */
export interface BotAuth {
  botUserId: string;
  teamId: string;
  /** The Enterprise Grid org (`E…`) of an org-wide install, whose id a policy may name. */
  enterpriseId?: string;
  scopes: readonly string[];
}

/** A Slack channel as the bot sees it (`conversations.info`). */
export interface BotChannel {
  name: string;
  isMember: boolean;
}

/** The bot's own Slack standing, for `/arize doctor`; an error is Slack's code (`invalid_auth`). */
export interface SlackBotProbe {
  auth(): Promise<Result<BotAuth, string>>;
  channel(channelId: string): Promise<Result<BotChannel, string>>;
}

/** Why an Arize key check failed: refused (401), not allowed (403), absent, or no answer. */
export interface ArizeKeyProblem {
  kind: 'refused' | 'forbidden' | 'not-configured' | 'unreachable';
  detail: string;
}

/** The owner of the Arize admin key, as Arize lists it. */
export interface ArizeKeyOwner {
  email: string;
  accountAdmin: boolean;
}

/** The bot's Arize keys, for `/arize doctor`. */
export interface ArizeKeyProbe {
  /** The admin (REST) key: whose it is and whether they are an account admin. */
  adminKey(): Promise<Result<ArizeKeyOwner, ArizeKeyProblem>>;
  /** The developer (GraphQL) key answers a query. */
  developerKey(): Promise<Result<void, ArizeKeyProblem>>;
}

/** A scheduled job's schedule: what the deployment asked for and what the scheduler holds. */
export interface ScheduleState {
  job: string;
  expected: 'ENABLED' | 'DISABLED';
  actual: 'ENABLED' | 'DISABLED' | 'MISSING';
}

/** The schedules of the scheduled jobs: EventBridge Scheduler in AWS, the local scheduler here. */
export interface ScheduleDirectory {
  states(): Promise<ScheduleState[]>;
}

/** How many jobs wait in the dead-letter queue (visible or being read). */
export interface DeadLetterCounter {
  count(): Promise<number>;
}

/**
 * The names of organizations and spaces as last read from Arize (DynamoDB), what the request
 * modal suggests from: the slack function reads it, the worker and the directory-refresh job
 * write it. Every entry carries when it was last seen, so a refresh forgets only what nobody has
 * recorded since it read Arize.
 */
export interface NameDirectory {
  /** Every organization and space in the directory. */
  read(): Promise<Directory>;
  /** Records organizations and spaces as seen at `at` (added, or their names replaced). */
  record(entries: { orgs?: DirectoryOrg[]; spaces?: DirectorySpace[] }, at: Date): Promise<void>;
  /** Renames an entry already in the directory (one not in it stays out: its org is unknown). */
  rename(kind: 'org' | 'space', id: string, name: string, at: Date): Promise<void>;
  /**
   * Forgets an entry (an organization with its spaces); with `unseenSince`, only when it was not
   * recorded at or after that time. Returns how many entries went.
   */
  forget(kind: 'org' | 'space', id: string, options?: { unseenSince?: Date }): Promise<number>;
}
