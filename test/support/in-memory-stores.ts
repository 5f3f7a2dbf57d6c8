import type {
  ActiveContext,
  ApprovalChanges,
  ApprovalStore,
  Clock,
  ContextStore,
  JobClaim,
  JobLedger,
  ReplayGuard,
} from '../../src/app/ports.ts';
import type { ApprovalRequest, Vote } from '../../src/domain/approvals/approval.ts';
import type { Requester } from '../../src/domain/job.ts';
import type { Reply } from '../../src/domain/reply.ts';

/*
 * In-memory stores for fast use-case tests where DynamoDB semantics add nothing. Each behaves as
 * its DynamoDB adapter does (test/contract/stores.contract.test.ts runs one suite against both):
 * conditional writes lose races the same way, and every read returns a fresh copy.
 */

const copy = <T>(value: T): T => structuredClone(value);
const personKey = (who: Requester) => `${who.teamId}#${who.userId}`;

/** Each person's active org/space. */
export class InMemoryContextStore implements ContextStore {
  readonly saved = new Map<string, ActiveContext>();

  /** What was last set for this person, as given; undefined when nothing was. */
  savedFor(who: Requester): ActiveContext | undefined {
    return this.saved.get(personKey(who));
  }

  async get(who: Requester): Promise<ActiveContext> {
    const { orgId, orgName, spaceId, spaceName } = this.saved.get(personKey(who)) ?? {};
    return { orgId, orgName, spaceId, spaceName };
  }

  async set(who: Requester, context: ActiveContext): Promise<void> {
    this.saved.set(personKey(who), copy(context));
  }
}

/** Request signatures seen inside their window; an expired one may be claimed again. */
export class InMemoryReplayGuard implements ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async claim(signature: string, expiresAt: Date): Promise<boolean> {
    const until = this.seen.get(signature);
    if (until !== undefined && until >= seconds(this.clock.now())) return false;
    this.seen.set(signature, seconds(expiresAt));
    return true;
  }
}

type JobEntry = { status: 'RUNNING'; leaseUntil: number } | { status: 'DONE'; reply: Reply };

/** Job leases and outcomes, one entry per job id. */
export class InMemoryJobLedger implements JobLedger {
  readonly jobs = new Map<string, JobEntry>();

  constructor(private readonly clock: Clock) {}

  async begin(jobId: string, leaseUntil: Date): Promise<JobClaim> {
    const entry = this.jobs.get(jobId);
    const abandoned = entry?.status === 'RUNNING' && entry.leaseUntil < this.clock.now().getTime();
    if (!entry || abandoned) {
      this.jobs.set(jobId, { status: 'RUNNING', leaseUntil: leaseUntil.getTime() });
      return { state: 'claimed' };
    }
    return entry.status === 'DONE'
      ? { state: 'done', reply: copy(entry.reply) }
      : { state: 'running' };
  }

  async finish(jobId: string, reply: Reply): Promise<void> {
    this.jobs.set(jobId, { status: 'DONE', reply: copy(reply) });
  }

  async release(jobId: string): Promise<void> {
    const entry = this.jobs.get(jobId);
    if (entry?.status === 'RUNNING') entry.leaseUntil = 0;
  }
}

/** A stored request with the bookkeeping the DynamoDB item carries beside it. */
type StoredRequest = ApprovalRequest & { statusChangedAt?: string; renderedVersion?: number };

/** Which sparse listing (gsi1) the item is in, and its sort key there. */
type Listing = { partition: 'pending' | 'inflight'; sortKey: string };

/**
 * Approval requests and votes; every change is conditional on the version read. A request is in
 * the pending listing from its creation as PENDING and moves to the in-flight one (or leaves the
 * listings) with the write that changes its status, as the DynamoDB item does.
 */
export class InMemoryApprovalStore implements ApprovalStore {
  private readonly requests = new Map<string, { request: StoredRequest; listing?: Listing }>();
  private readonly votes = new Set<string>();

  constructor(private readonly clock: Clock) {}

  async create(request: ApprovalRequest): Promise<boolean> {
    if (this.requests.has(request.id)) return false;
    const listing: Listing | undefined =
      request.status === 'PENDING'
        ? { partition: 'pending', sortKey: `${request.createdAt}#${request.id}` }
        : undefined;
    this.requests.set(request.id, { request: withoutUndefined(copy(request)), listing });
    return true;
  }

  async get(requestId: string): Promise<ApprovalRequest | undefined> {
    const stored = this.requests.get(requestId);
    return stored && copy(stored.request);
  }

  async update(
    requestId: string,
    version: number,
    changes: ApprovalChanges,
  ): Promise<ApprovalRequest | undefined> {
    const stored = this.requests.get(requestId);
    if (!stored || stored.request.version !== version) return undefined;
    const next: StoredRequest = {
      ...stored.request,
      ...withoutUndefined(copy(changes)),
      version: version + 1,
    };
    const { status } = changes;
    if (status !== undefined) {
      const changedAt = this.clock.now().toISOString();
      next.statusChangedAt = changedAt;
      if (status === 'APPROVED' || status === 'EXECUTING') {
        stored.listing = { partition: 'inflight', sortKey: `${changedAt}#${requestId}` };
      } else if (status !== 'PENDING') {
        stored.listing = undefined;
      }
    }
    stored.request = next;
    return copy(next);
  }

  async recordVote(requestId: string, vote: Vote): Promise<boolean> {
    const key = `${requestId}#${vote.userId}`;
    if (this.votes.has(key)) return false;
    this.votes.add(key);
    return true;
  }

  async claimRender(requestId: string, version: number): Promise<boolean> {
    const stored = this.requests.get(requestId)?.request;
    if (!stored || (stored.renderedVersion ?? Number.NEGATIVE_INFINITY) >= version) return false;
    stored.renderedVersion = version;
    return true;
  }

  async listPending(
    query: { requesterUserId?: string; limit?: number } = {},
  ): Promise<ApprovalRequest[]> {
    return this.listing('pending')
      .reverse()
      .slice(0, 100)
      .filter((r) => r.status === 'PENDING')
      .filter((r) => !query.requesterUserId || r.requester.userId === query.requesterUserId)
      .slice(0, query.limit ?? 50);
  }

  async listExpired(now: Date): Promise<ApprovalRequest[]> {
    return this.listing('pending').filter(
      (r) => r.expiresAt <= now.toISOString() && r.status === 'PENDING',
    );
  }

  async listInFlight(): Promise<ApprovalRequest[]> {
    return this.listing('inflight').filter(
      (r) => r.status === 'APPROVED' || r.status === 'EXECUTING',
    );
  }

  /** Copies of the requests in one listing, in its sort-key order (oldest first). */
  private listing(partition: Listing['partition']): ApprovalRequest[] {
    return [...this.requests.values()]
      .filter(({ listing }) => listing?.partition === partition)
      .sort((a, b) => compare(a.listing?.sortKey ?? '', b.listing?.sortKey ?? ''))
      .map(({ request }) => copy(request));
  }
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** DynamoDB stores no undefined attribute (the table drops them), so neither does memory. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
