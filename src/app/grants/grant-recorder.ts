import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { type Grant, grantIdOf } from '../../domain/grants/grant.ts';
import type { ArizeGateway, AuditLog, Clock, GrantStore, Log } from '../ports.ts';
import { auditGrant, type GrantNews } from './grant-news.ts';

export interface GrantRecorderDeps {
  store: GrantStore;
  audit: AuditLog;
  news: GrantNews;
  clock: Clock;
  log: Log;
  /** The subject's Slack user id, from their e-mail (policy mapping, then Slack); undefined if none. */
  slackIdOf: (email: string) => Promise<string | undefined>;
}

/** The two steps of an approved time-bound change, around the change itself (worker). */
export interface GrantRecorder {
  /**
   * Before the change: records one ACTIVE grant per user × space of the plan, so a worker killed
   * right after changing Arize still leaves grants that end. A re-run finds them and adds none.
   */
  begin(request: ApprovalRequest): Promise<Grant[]>;
  /**
   * After the change: a grant whose role is not in place (that pair failed) ends at once as
   * FAILED ("never applied"); the others' people are told that access started.
   */
  settle(
    request: ApprovalRequest,
    gateway: Pick<ArizeGateway, 'listSpaceMembersMany'>,
  ): Promise<void>;
}

/** Records the grants of an approved `space add-user --for` in the execution that applies it. */
export function makeGrantRecorder(deps: GrantRecorderDeps): GrantRecorder {
  const grantsOf = async (request: ApprovalRequest): Promise<Grant[]> => {
    const bound = request.plan.timeBound;
    if (!bound) return [];
    const startsAt = deps.clock.now();
    const endsAt = new Date(startsAt.getTime() + bound.seconds * 1000).toISOString();
    const slackIds = new Map<string, string | undefined>();
    for (const email of new Set(bound.pairs.map((p) => p.email))) {
      slackIds.set(email, await deps.slackIdOf(email).catch(() => undefined));
    }
    return bound.pairs.map((pair) => {
      const slackUserId = slackIds.get(pair.email);
      return {
        id: grantIdOf(request.id, pair.userId, pair.spaceId),
        status: 'ACTIVE',
        version: 1,
        subject: {
          arizeUserId: pair.userId,
          email: pair.email,
          ...(slackUserId ? { slackUserId } : {}),
        },
        ...(bound.orgId ? { orgId: bound.orgId } : {}),
        spaceId: pair.spaceId,
        spaceName: pair.spaceName,
        role: bound.role,
        previous: pair.previous,
        startsAt: startsAt.toISOString(),
        endsAt,
        requestId: request.id,
        requesterUserId: request.requester.userId,
        ...(request.channel && request.ts
          ? { thread: { channel: request.channel, ts: request.ts } }
          : {}),
        history: [{ at: startsAt.toISOString(), event: 'started' }],
      } satisfies Grant;
    });
  };

  return {
    begin: async (request) => {
      const grants = await grantsOf(request);
      const recorded: Grant[] = [];
      for (const grant of grants) {
        await auditGrant(deps, grant, 'grant-started', {
          spaceId: grant.spaceId,
          userId: grant.subject.arizeUserId,
          role: grant.role,
          previous: grant.previous.kind === 'role' ? grant.previous.role : 'not a member',
          endsAt: grant.endsAt,
        });
        if (await deps.store.create(grant)) recorded.push(grant);
      }
      return recorded;
    },
    settle: async (request, gateway) => {
      const bound = request.plan.timeBound;
      if (!bound) return;
      const ids = bound.pairs.map((p) => grantIdOf(request.id, p.userId, p.spaceId));
      const grants = (await Promise.all(ids.map((id) => deps.store.get(id)))).filter(
        (g): g is Grant => g?.status === 'ACTIVE',
      );
      let members: Map<string, { user: { id: string }; role: string; membership: string }[]>;
      try {
        members = await gateway.listSpaceMembersMany([...new Set(grants.map((g) => g.spaceId))]);
      } catch {
        // Not readable now: the end checks the role anyway, and leaves a pair that failed alone.
        deps.log.warn('grant roles not read after the change', { approvalId: request.id });
        for (const grant of grants) await deps.news.started(grant);
        return;
      }
      for (const grant of grants) {
        const role = members
          .get(grant.spaceId)
          ?.find(
            (m) =>
              m.user.id === grant.subject.arizeUserId && m.membership === 'EXPLICIT_MEMBERSHIP',
          )?.role;
        if (role === grant.role) {
          await deps.news.started(grant);
          continue;
        }
        const outcome =
          'failed: the change did not apply to this user and space, so there is nothing to end';
        await auditGrant(deps, grant, 'grant-failed', { outcome });
        const claimed = await deps.store.update(
          grant,
          { status: 'ENDING', leaseUntil: grant.startsAt, claims: 1 },
          { at: deps.clock.now().toISOString(), event: 'claimed' },
        );
        const saved =
          claimed &&
          (await deps.store.update(
            claimed,
            { status: 'FAILED', outcome },
            { at: deps.clock.now().toISOString(), event: 'ended', detail: outcome },
          ));
        if (saved) await deps.news.ended(saved);
      }
    },
  };
}
