import { describe, expect, it } from 'vitest';
import { createTargetResolver } from '../../src/adapters/arize/target-resolver.ts';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoGrantStore } from '../../src/adapters/dynamodb/dynamo-grant-store.ts';
import { makeAccessContext } from '../../src/app/access/access-context.ts';
import { makeAskExtension } from '../../src/app/grants/ask-extension.ts';
import { makeEndGrantNow } from '../../src/app/grants/end-grant-now.ts';
import { makeGrantExtension } from '../../src/app/grants/grant-extension.ts';
import type { ExecutionContext } from '../../src/app/operations/executor.ts';
import type { Job } from '../../src/domain/job.ts';
import type { Policy } from '../../src/domain/policy/policy.ts';
import { DEMO_WORKSPACE } from '../../src/local/slack-standin/demo-workspace.ts';
import {
  contextOf,
  directory,
  executeJobs,
  groupsOf,
  type Harness,
  makePolicy,
  prepareJob,
  silentLog,
  stepsOf,
  useCases,
  useHarness,
  voter,
} from '../approvals/approval-harness.ts';
import { grantsOf, roleIn } from '../grants/grant-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const policy: Policy = makePolicy({
  version: 3,
  selfService: [
    {
      name: 'acme-ml',
      requesters: ['U0DAVE001'],
      orgs: ['Acme ML'],
      roles: ['member'],
      maxFor: '8h',
      approvers: ['arize:space-admins'],
    },
  ],
});

function ctxOf(userId: string): ExecutionContext {
  return {
    ...contextOf(h, userId),
    access: makeAccessContext({
      policy,
      groups: groupsOf(h),
      slackIdOf: async (email) => DEMO_WORKSPACE.users.find((u) => u.profile.email === email)?.id,
      newResolver: () => createTargetResolver(h.gateway),
      log: silentLog,
    }),
    grantExtension: makeGrantExtension({
      store: new DynamoGrantStore(h.table),
      audit: new DynamoAuditLog(h.table),
      clock: h.clock,
      log: silentLog,
    }),
  };
}

const cases = () => useCases(h, policy);

/** Prepares the job as the worker would, and returns the stored request (or the refusal). */
async function prepare(job: Job & { kind: 'prepare-approval' }, userId: string) {
  try {
    await cases().prepare(job, ctxOf(userId));
  } catch (error: unknown) {
    return { error: error as Error, request: undefined };
  }
  return { error: undefined, request: await h.store.get(job.requestId) };
}

async function approveAndRun(requestId: string, approver: string, runAs: string) {
  const decided = await cases().decide()({
    requestId,
    decision: 'approve',
    voter: voter(approver),
  });
  if (!decided.ok) throw new Error(decided.error.message);
  const job = executeJobs(h).find((j) => j.requestId === requestId);
  if (!job) throw new Error('no execute job');
  await grantsOf(h).execute(job, ctxOf(runAs));
  return h.store.get(requestId);
}

/** Dave's self-service grant of member in staging for 4h, approved by Carol. */
async function daveGrant() {
  const job = prepareJob(
    h,
    'request space staging --org "Acme ML" --role member --for 4h',
    'U0DAVE001',
  );
  const { request } = await prepare(job, 'U0DAVE001');
  if (!request) throw new Error('not stored');
  await approveAndRun(request.id, 'U0CAROL01', 'U0DAVE001');
  const [grant] = (await new DynamoGrantStore(h.table).listActive()).filter(
    (g) => g.requestId === request.id,
  );
  if (!grant) throw new Error('no grant');
  return grant;
}

/** What a click on Extend enqueues (the ack path's use case). */
async function clickExtend(grantId: string, userId: string) {
  const queued: Job[] = [];
  const result = await makeAskExtension({
    grants: new DynamoGrantStore(h.table),
    policy,
    directory,
    queue: { enqueue: async (job) => void queued.push(job) },
    clock: h.clock,
    log: silentLog,
  })({
    grantId,
    clicker: voter(userId),
    channelId: 'D0DAVE001',
    responseUrl: 'http://localhost:9/r',
  });
  const job = queued[0];
  return { result, job: job?.kind === 'prepare-approval' ? job : undefined, queued };
}

describe('Extend (dynalite + emulator)', () => {
  it('files a new request under the current policy; its own approval moves the end, audited, once', async () => {
    const grant = await daveGrant();
    h.queued.length = 0;

    const click = await clickExtend(grant.id, 'U0DAVE001');
    const again = await clickExtend(grant.id, 'U0DAVE001');
    expect(click.result.ok).toBe(true);
    expect(again.job?.requestId).toBe(click.job?.requestId);
    if (!click.job) throw new Error('nothing enqueued');
    const { request } = await prepare(click.job, 'U0DAVE001');
    if (!request) throw new Error('not stored');

    expect(request.operationId).toBe('request.extend');
    expect(request.args).toEqual({ grant: grant.id, for: 4 * 3600, from: grant.endsAt });
    expect(request.approvers).toEqual(['U0ALICE01', 'U0CAROL01']);
    expect(request.plan.effect).toContain(
      "Extend dave@example.com's member access to space staging",
    );
    const self = await cases().decide()({
      requestId: request.id,
      decision: 'approve',
      voter: voter('U0DAVE001'),
    });
    expect(self.ok).toBe(false);

    const done = await approveAndRun(request.id, 'U0CAROL01', 'U0DAVE001');
    expect(done?.status).toBe('SUCCEEDED');
    const store = new DynamoGrantStore(h.table);
    const extended = await store.get(grant.id);
    const newEnd = new Date(Date.parse(grant.endsAt) + 4 * 3600_000).toISOString();
    expect(extended?.endsAt).toBe(newEnd);
    expect(extended?.status).toBe('ACTIVE');
    expect(extended?.history.map((e) => e.event)).toEqual(['started', 'extended']);
    const audit = await new DynamoAuditLog(h.table).list({ since: new Date(0) });
    expect(audit.items.filter((r) => r.event === 'grant-extended')).toHaveLength(1);

    // The old end passes: nothing happens; the new one: it ends.
    const g = grantsOf(h);
    h.clock.set(new Date(Date.parse(grant.endsAt) + 60_000));
    await g.endGrants()({ scheduledTime: h.clock.now(), remainingMs: 60_000 });
    expect((await store.get(grant.id))?.status).toBe('ACTIVE');
    h.clock.set(new Date(Date.parse(newEnd) + 60_000));
    await g.endGrants()({ scheduledTime: h.clock.now(), remainingMs: 60_000 });
    expect((await store.get(grant.id))?.status).toBe('ENDED');
  });

  it('lets a privilege requester extend someone else’s grant, approved under the privilege rule', async () => {
    const grant = await daveGrant();
    const { job } = await clickExtend(grant.id, 'U0ALICE01');
    if (!job) throw new Error('nothing enqueued');
    const { request } = await prepare(job, 'U0ALICE01');
    if (!request) throw new Error('not stored');

    expect(request.plan.selfService).toBeUndefined();
    expect(request.approvers).toContain('U0BOB0001');
    const done = await approveAndRun(request.id, 'U0BOB0001', 'U0ALICE01');
    expect(done?.status).toBe('SUCCEEDED');
  });

  it('refuses an outsider in the worker, and a bot or another workspace at the click', async () => {
    const grant = await daveGrant();
    const eve = await clickExtend(grant.id, 'U0EVE0001');
    if (!eve.job) throw new Error('nothing enqueued');

    const refused = await prepare(eve.job, 'U0EVE0001');
    const bot = await clickExtend(grant.id, 'U0ARIZEBOT');
    const other = await clickExtend(grant.id, 'U0OTHER01');
    const missing = await clickExtend('G00000000000000000000', 'U0DAVE001');

    expect(refused.request).toBeUndefined();
    expect(refused.error?.message).toContain('Only the person who holds the access');
    expect(bot.result.ok || other.result.ok).toBe(false);
    expect(bot.queued).toHaveLength(0);
    expect(missing.result).toEqual({
      ok: false,
      error: { code: 'GRANT.NOT_FOUND', message: 'No such time-bound grant.' },
    });
  });

  it('does not move an end that moved meanwhile: the approved extension is stale, the grant untouched', async () => {
    const grant = await daveGrant();
    const { job } = await clickExtend(grant.id, 'U0DAVE001');
    if (!job) throw new Error('nothing enqueued');
    const { request } = await prepare(job, 'U0DAVE001');
    if (!request) throw new Error('not stored');
    const store = new DynamoGrantStore(h.table);
    const current = await store.get(grant.id);
    if (!current) throw new Error('no grant');
    const movedEnd = new Date(Date.parse(grant.endsAt) - 3600_000).toISOString();
    await store.update(
      current,
      { status: 'ACTIVE', endsAt: movedEnd },
      { at: h.clock.now().toISOString(), event: 'extended' },
    );

    const done = await approveAndRun(request.id, 'U0CAROL01', 'U0DAVE001');

    expect(done?.status).toBe('STALE');
    expect((await store.get(grant.id))?.endsAt).toBe(movedEnd);
  });

  it('refuses to extend a grant whose role was changed by hand', async () => {
    const grant = await daveGrant();
    await h.gateway.addSpaceUser(grant.spaceId, grant.subject.arizeUserId, 'READ_ONLY');
    const { job } = await clickExtend(grant.id, 'U0DAVE001');
    if (!job) throw new Error('nothing enqueued');

    const refused = await prepare(job, 'U0DAVE001');

    expect(refused.error?.message).toBe(
      'dave@example.com is no longer member in staging (now read-only): there is nothing to extend.',
    );
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBe('READ_ONLY');
  });

  it('refuses a grant that is over, and reads the post-state of an extension for the sweep', async () => {
    const grant = await daveGrant();
    const steps = stepsOf('request.extend');
    const check = steps.postState;
    if (!('call' in check)) throw new Error('no post-state check');
    const args = { grant: grant.id, for: 3600, from: grant.endsAt };
    const ctx = ctxOf('U0DAVE001');
    const { grantExtension: _ext, ...bare } = ctx;

    expect(await check(args, ctx)).toBe('not-reached');
    const moved = await ctx.grantExtension?.extend({
      grantId: grant.id,
      from: grant.endsAt,
      seconds: 3600,
      actor: 'U0CAROL01',
    });
    expect(moved?.ok).toBe(true);
    expect(await check(args, ctx)).toBe('reached');
    expect(await check({ grant: 'G00000000000000000000' }, ctx)).toBe('not-reached');
    // A re-run of the same extension changes nothing and reports the grant.
    const again = await ctx.grantExtension?.extend({
      grantId: grant.id,
      from: grant.endsAt,
      seconds: 3600,
      actor: 'U0CAROL01',
    });
    expect(again?.ok && again.value.endsAt).toBe(
      new Date(Date.parse(grant.endsAt) + 3600_000).toISOString(),
    );
    await expect(steps.plan({ grant: grant.id }, bare as ExecutionContext)).rejects.toThrow(
      'Grants cannot be extended here.',
    );
    await expect(steps.plan({ grant: 'G00000000000000000000' }, ctx)).rejects.toThrow(
      'No time-bound grant G00000000000000000000.',
    );

    const store = new DynamoGrantStore(h.table);
    const current = await store.get(grant.id);
    if (!current) throw new Error('no grant');
    await store.update(
      current,
      { status: 'ACTIVE', endRequestedBy: 'U0DAVE001' },
      { at: h.clock.now().toISOString(), event: 'end-requested' },
    );
    await expect(steps.plan({ grant: grant.id }, ctx)).rejects.toThrow(
      'This grant is ending or over: there is nothing to extend.',
    );
    const ended = await ctx.grantExtension?.extend({
      grantId: grant.id,
      from: grant.endsAt,
      seconds: 60,
      actor: 'U0DAVE001',
    });
    expect(ended).toEqual({
      ok: false,
      error: 'The grant is ending or over, so there is nothing to extend.',
    });
    const notATime = await ctx.grantExtension?.extend({
      grantId: grant.id,
      from: 'soon',
      seconds: 60,
      actor: 'U0DAVE001',
    });
    expect(notATime).toEqual({ ok: false, error: 'The end to extend (soon) is not a time.' });
    const click = await clickExtend(grant.id, 'U0DAVE001');
    expect(click.result).toEqual({
      ok: false,
      error: { code: 'GRANT.NOT_ACTIVE', message: 'This grant is ending or over.' },
    });
  });

  it('lets an approver of the self-service request end it now; an outsider is refused', async () => {
    const grant = await daveGrant();
    const endNow = makeEndGrantNow({
      grants: new DynamoGrantStore(h.table),
      audit: new DynamoAuditLog(h.table),
      policy,
      directory,
      groups: groupsOf(h),
      queue: { enqueue: async (job) => void h.queued.push(job) },
      clock: h.clock,
      log: silentLog,
      store: h.store,
    });
    const click = (userId: string) =>
      endNow({
        grantId: grant.id,
        clicker: voter(userId),
        channelId: 'C0APPROVE1',
        responseUrl: 'http://localhost:9/r',
      });

    const eve = await click('U0EVE0001');
    // Carol is no privilege approver of the policy, but an approver of Dave's request (a staging
    // admin, as Arize listed them when it was made).
    const carol = await click('U0CAROL01');

    expect(eve).toEqual({
      ok: false,
      error: {
        code: 'GRANT.NOT_ALLOWED',
        message:
          'Refused: only the person who holds the access, an approver of space grants, or of the self-service request that made it can end it.',
      },
    });
    expect(carol).toEqual({ ok: true, value: "Ending dave@example.com's access to staging now." });
    expect((await new DynamoGrantStore(h.table).get(grant.id))?.endRequestedBy).toBe('U0CAROL01');
  });
});
