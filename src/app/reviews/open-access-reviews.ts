import type { SpaceMember } from '../../domain/arize.ts';
import type { Reply } from '../../domain/reply.ts';
import {
  type AccessReview,
  type ReviewMember,
  reviewIdFor,
  scopeText,
} from '../../domain/reviews/access-review.ts';
import { isAdminOf } from '../access/arize-admins.ts';
import type { ScheduledJob, ScheduledJobOutcome } from '../jobs/scheduled-job.ts';
import type {
  AccessReviewMessenger,
  AccessReviewStore,
  ArizeGateway,
  AuditLog,
  ChatNotifier,
  Clock,
  Log,
  ReportStore,
} from '../ports.ts';
import { listScope } from '../reports/collect-access.ts';

export interface OpenAccessReviewsDeps {
  gateway: Pick<
    ArizeGateway,
    'listOrganizations' | 'getOrganization' | 'listSpaces' | 'listSpaceMembersMany'
  >;
  reviews: AccessReviewStore;
  messenger: AccessReviewMessenger;
  notifier: Pick<ChatNotifier, 'post'>;
  audit: AuditLog;
  /** Where the run keeps the scope it listed and each review's members as first read. */
  reports: ReportStore;
  slackIdOf: (email: string) => Promise<string | undefined>;
  /** The policy's named reviewers; none: each scope's Arize admins mapped to Slack by e-mail. */
  namedReviewers: readonly string[] | undefined;
  /** Told of every review, and of a review nobody can do (fail closed). */
  approvalsChannel: string | undefined;
  /** One review per space, or one per organization (all its spaces). */
  scope: 'space' | 'org';
  days: number;
  clock: Clock;
  log: Log;
}

type Spaces = Array<{ id: string; name: string; orgId: string }>;
interface Unit {
  id: string;
  kind: 'space' | 'org';
  org: { id: string; name: string };
  spaces: Spaces;
}
interface Opened {
  members: ReviewMember[];
  reviewers: string[];
  unmapped: string[];
}

/**
 * The quarterly access review: one review per space (or organization), checkpointed per review.
 *
 * Primary course:
 * 1. List the organizations and spaces once per run (kept, so every invocation sees the same).
 * 2. Per scope: read the members with role and how they got access, once (kept); the reviewers
 *    are the policy's, else the scope's Arize admins found in Slack by e-mail.
 * 3. Store the review and its members (conditional writes: a retry adds nothing), audit it.
 * 4. Tell the approvals channel (the review's thread): who reviews by when, or that nobody can.
 * 5. Send each reviewer their message with Keep / Remove / Keep all, once per reviewer.
 */
export function makeOpenAccessReviews(deps: OpenAccessReviewsDeps): ScheduledJob {
  return async (run): Promise<ScheduledJobOutcome> => {
    const runId = `access-review@${run.scheduledTime.toISOString()}`;
    let next = readNext(run.checkpoint);
    if (next === undefined) {
      await deps.reports.putPart(runId, 'scope', await listScope(deps.gateway, undefined));
      next = 0;
      await run.saveCheckpoint({ next }, run.actions);
    }
    const [scope] = (await deps.reports.parts(runId, 'scope')) as [
      { orgs: Array<{ id: string; name: string }>; spaces: Spaces },
    ];
    const units = unitsOf(scope, deps.scope);
    const actions = { ...run.actions };
    for (; next < units.length; next += 1) {
      if (deps.clock.now() >= run.deadline) {
        return { state: 'cut-off', checkpoint: { next }, actions };
      }
      const unit = units[next] as Unit;
      const opened = await openOne(deps, run, runId, unit);
      actions[opened] = (actions[opened] ?? 0) + 1;
      await run.saveCheckpoint({ next: next + 1 }, actions);
    }
    return { state: 'finished', actions };
  };
}

async function openOne(
  deps: OpenAccessReviewsDeps,
  run: Parameters<ScheduledJob>[0],
  runId: string,
  unit: Unit,
): Promise<'opened' | 'no-reviewers' | 'empty'> {
  const id = reviewIdFor(run.scheduledTime, unit.id);
  const read = await readOnce(deps, runId, id, unit);
  if (read.members.length === 0) return 'empty';
  const review: AccessReview = {
    id,
    openedAt: run.scheduledTime.toISOString(),
    deadline: new Date(run.scheduledTime.getTime() + deps.days * 86_400_000).toISOString(),
    scope: {
      kind: unit.kind,
      orgId: unit.org.id,
      orgName: unit.org.name,
      ...(unit.kind === 'space' ? { spaceName: unit.spaces[0]?.name ?? '?' } : {}),
    },
    reviewers: read.reviewers,
    messages: {},
    status: read.reviewers.length > 0 ? 'OPEN' : 'CLOSED',
  };
  await deps.reviews.putMembers(id, read.members);
  await deps.reviews.create(review);
  await deps.audit.append({
    id: `${id}#opened`,
    requestId: id,
    event: 'review-opened',
    at: review.openedAt,
    detail: {
      scope: scopeText(review),
      members: read.members.length,
      reviewers: read.reviewers.join(' ') || 'none',
      deadline: review.deadline,
    },
  });
  const channel = deps.approvalsChannel;
  if (channel) {
    await run.postOnce(`open-${id}`, async () => {
      const thread = await deps.notifier.post(channel, openedReply(review, read));
      await deps.reviews.setThread(id, thread);
    });
  } else {
    deps.log.warn('access review has no approvals channel to tell', { reviewId: id });
  }
  if (read.reviewers.length === 0) return 'no-reviewers';
  for (const reviewer of read.reviewers) {
    await run.postOnce(`dm-${id}-${reviewer}`, async () => {
      const message = await deps.messenger.post(reviewer, review, read.members, 0);
      await deps.reviews.setMessage(id, reviewer, { ...message, page: 0 });
    });
  }
  return 'opened';
}

/** The members and reviewers of a review as first read: a retried run decides the same. */
async function readOnce(
  deps: OpenAccessReviewsDeps,
  runId: string,
  id: string,
  unit: Unit,
): Promise<Opened> {
  const [kept] = (await deps.reports.parts(runId, `review-${id}`)) as [Opened | undefined];
  if (kept) return kept;
  const listed = await deps.gateway.listSpaceMembersMany(unit.spaces.map((s) => s.id));
  const all: Array<SpaceMember & { space: Spaces[number] }> = unit.spaces.flatMap((space) =>
    (listed.get(space.id) ?? []).map((m) => ({ ...m, space })),
  );
  const members = all.map(
    (m, index): ReviewMember => ({
      index,
      spaceId: m.space.id,
      spaceName: m.space.name,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      membership: m.membership,
    }),
  );
  const named = deps.namedReviewers ?? [];
  let reviewers = [...new Set(named)];
  const unmapped: string[] = [];
  if (named.length === 0) {
    const token = unit.kind === 'space' ? 'arize:space-admins' : 'arize:org-admins';
    const emails = [
      ...new Set(all.filter(isAdminOf[token]).map((m) => m.user.email.toLowerCase())),
    ];
    const ids: string[] = [];
    for (const email of emails.sort()) {
      const slackId = await deps.slackIdOf(email).catch(() => undefined);
      if (slackId) ids.push(slackId);
      else unmapped.push(email);
    }
    reviewers = [...new Set(ids)];
  }
  const opened: Opened = { members, reviewers, unmapped };
  await deps.reports.putPart(runId, `review-${id}`, opened);
  return opened;
}

function openedReply(review: AccessReview, read: Opened): Reply {
  const count = `${read.members.length} member(s)`;
  if (review.reviewers.length === 0) {
    return {
      kind: 'error',
      code: 'REVIEW.NO_REVIEWERS',
      message: `Access review ${review.id} of ${scopeText(review)} (${count}) has no reviewers, so nobody was asked: ${read.unmapped.length > 0 ? `no Slack user has the e-mail of the Arize admin(s) ${read.unmapped.join(', ')}` : 'Arize lists no admin for it'}.`,
      hint: 'Name reviewers in the policy (accessReviewers), or give the scope an Arize admin whose e-mail Slack knows.',
    };
  }
  return {
    kind: 'detail',
    title: `Access review ${review.id}: ${scopeText(review)}`,
    context: `Opened ${review.openedAt}. What is not reviewed by the deadline is reported here, and the finished review is posted in this thread as a CSV.`,
    fields: [
      { label: 'Members to review', value: count },
      { label: 'Reviewers', value: review.reviewers.join(', '), people: review.reviewers },
      { label: 'Deadline', value: review.deadline, at: review.deadline },
    ],
  };
}

function unitsOf(
  scope: { orgs: Array<{ id: string; name: string }>; spaces: Spaces },
  kind: 'space' | 'org',
): Unit[] {
  const orgOf = (orgId: string) =>
    scope.orgs.find((o) => o.id === orgId) ?? { id: orgId, name: orgId };
  if (kind === 'space') {
    return scope.spaces.map((space) => ({
      id: `space:${space.id}`,
      kind,
      org: orgOf(space.orgId),
      spaces: [space],
    }));
  }
  return scope.orgs.map((org) => ({
    id: `org:${org.id}`,
    kind,
    org,
    spaces: scope.spaces.filter((s) => s.orgId === org.id),
  }));
}

function readNext(checkpoint: unknown): number | undefined {
  const next = (checkpoint as { next?: unknown } | undefined)?.next;
  return typeof next === 'number' ? next : undefined;
}
