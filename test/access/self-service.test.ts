import { describe, expect, it } from 'vitest';
import { createTargetResolver } from '../../src/adapters/arize/target-resolver.ts';
import { makeAccessContext } from '../../src/app/access/access-context.ts';
import type { ExecutionContext } from '../../src/app/operations/executor.ts';
import type { Policy, PolicyInput } from '../../src/domain/policy/policy.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { DEMO_WORKSPACE } from '../../src/local/slack-standin/demo-workspace.ts';
import {
  contextOf,
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

const rules = (maxFor = '8h'): PolicyInput['selfService'] => [
  {
    name: 'acme-ml',
    requesters: ['U0DAVE001', 'S0ADMINS1'],
    orgs: ['Acme ML'],
    roles: ['read-only', 'member'],
    maxFor,
    approvers: ['arize:space-admins'],
  },
];
const policyV3 = (maxFor?: string): Policy =>
  makePolicy({ version: 3, selfService: rules(maxFor) });

const slackIdOf = async (email: string) =>
  DEMO_WORKSPACE.users.find((u) => u.profile.email === email)?.id;

function ctxOf(userId: string, policy: Policy): ExecutionContext {
  return {
    ...contextOf(h, userId),
    access: makeAccessContext({
      policy,
      groups: groupsOf(h),
      slackIdOf,
      newResolver: () => createTargetResolver(h.gateway),
      log: silentLog,
    }),
  };
}

async function ask(text: string, userId: string, policy = policyV3()) {
  const job = prepareJob(h, text, userId);
  let reply: Reply | undefined;
  let error: unknown;
  try {
    reply = await useCases(h, policy).prepare(job, ctxOf(userId, policy));
  } catch (thrown: unknown) {
    error = thrown;
  }
  return { job, reply, error, request: await h.store.get(job.requestId) };
}

const vote = (requestId: string, userId: string, policy = policyV3()) =>
  useCases(h, policy).decide()({ requestId, decision: 'approve', voter: voter(userId) });

const idsOf = async () => {
  const resolver = createTargetResolver(h.gateway);
  const acme = await resolver.organization('Acme ML');
  const staging = await resolver.space('staging', { orgId: acme.id });
  const dave = await resolver.user({ kind: 'email', email: 'dave@example.com' });
  return { staging: staging.id, dave: dave.id };
};

describe('self-service requests (dynalite + emulator)', () => {
  it('Dave asks for staging; the space admins Arize lists approve it; it becomes a grant that ends by itself', async () => {
    const ids = await idsOf();
    const asked = await ask(
      'request space staging --org "Acme ML" --role member --for 4h --reason "debug drift"',
      'U0DAVE001',
    );
    const request = asked.request;
    if (!request) throw asked.error;

    // staging: Carol is its admin, Alice an account admin; the bot's e-mail has no Slack user.
    expect(request.approvers).toEqual(['U0ALICE01', 'U0CAROL01']);
    expect(request.quorum).toBe(1);
    expect(request.args).toEqual({ space: ids.staging, role: 'MEMBER', for: 4 * 3600 });
    expect(request.reason).toBe('debug drift');
    expect(request.plan.effect).toContain(
      'Give dave@example.com (who asks for it) the member role',
    );
    expect(request.plan.effect).toContain('under self-service rule acme-ml');
    expect(request.plan.notes.join(' ')).toContain('arize-ops-bot@example.com');
    expect(request.plan.timeBound?.pairs).toEqual([
      expect.objectContaining({
        userId: ids.dave,
        spaceId: ids.staging,
        previous: { kind: 'none' },
      }),
    ]);

    const bob = await vote(request.id, 'U0BOB0001');
    expect(bob.ok).toBe(false);
    if (!bob.ok) expect(bob.error.message).toContain('you are not an approver for this operation');
    const self = await vote(request.id, 'U0DAVE001');
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.error.message).toContain('you asked for this change');
    expect(executeJobs(h)).toHaveLength(0);

    const carol = await vote(request.id, 'U0CAROL01');
    expect(carol).toEqual({
      ok: true,
      value: 'Approved: it runs now. The result appears on the request.',
    });
    const g = grantsOf(h);
    const job = executeJobs(h)[0];
    if (!job) throw new Error('no execute job');
    await g.execute(job, ctxOf('U0DAVE001', policyV3()));

    expect((await h.store.get(request.id))?.status).toBe('SUCCEEDED');
    expect(await roleIn(h, ids.staging, ids.dave)).toBe('MEMBER');
    const [grant] = (await g.store.listActive()).filter((x) => x.requestId === request.id);
    expect(grant).toMatchObject({
      subject: { email: 'dave@example.com', slackUserId: 'U0DAVE001' },
      role: 'MEMBER',
      previous: { kind: 'none' },
      requesterUserId: 'U0DAVE001',
    });
    if (!grant) throw new Error('no grant');
    expect(Date.parse(grant.endsAt) - Date.parse(grant.startsAt)).toBe(4 * 3600_000);

    h.clock.set(new Date(Date.parse(grant.endsAt) + 1000));
    await g.endGrants()({ scheduledTime: h.clock.now(), remainingMs: 60_000 });
    expect(await roleIn(h, ids.staging, ids.dave)).toBeUndefined();
    expect((await g.store.get(grant.id))?.status).toBe('ENDED');
  });

  it('never lets a requester approve their own request, even as an admin of the space', async () => {
    // Alice is admitted through @arize-admins and is an account admin, so Arize lists her as a
    // staging admin: she is left out of the approvers, and her click is refused.
    const { request } = await ask(
      'request space staging --org "Acme ML" --role member --for 1h',
      'U0ALICE01',
    );
    if (!request) throw new Error('not stored');

    expect(request.approvers).toEqual(['U0CAROL01']);
    const self = await vote(request.id, 'U0ALICE01');
    expect(self).toEqual({
      ok: false,
      error: {
        code: 'APPROVAL.NOT_ALLOWED',
        message:
          'Refused: you asked for this change, so your approval does not count: another approver must approve it.',
      },
    });
    expect(executeJobs(h)).toHaveLength(0);
  });

  it.each([
    [
      'a role the rule does not allow names the allowed ones',
      'request space staging --org "Acme ML" --role admin --for 1h',
      'U0DAVE001',
      'You may not ask for the admin role in space staging (Acme ML): ask for read-only or member.',
    ],
    [
      'a duration over the maximum names the maximum',
      'request space staging --org "Acme ML" --role member --for 9h',
      'U0DAVE001',
      '--for 9h is longer than the 8h you may ask for as member in space staging (Acme ML): ask for --for 8h or less.',
    ],
    [
      'a space outside the rule says what may be asked for',
      'request space production --org "Research Lab" --role member --for 1h',
      'U0DAVE001',
      'No self-service rule lets you ask for access to space production (Research Lab). You may ask for: any space in Acme ML.',
    ],
    [
      'someone no rule admits is refused',
      'request space staging --org "Acme ML" --role member --for 1h',
      'U0EVE0001',
      'No self-service rule of the policy admits you',
    ],
  ])('refuses before any request is stored: %s', async (_label, text, userId, message) => {
    const asked = await ask(text, userId);

    expect(asked.request).toBeUndefined();
    expect(asked.error).toMatchObject({ code: 'POLICY.NOT_ALLOWED' });
    expect((asked.error as Error).message).toContain(message);
  });

  it('decides each click under the current policy: a rule narrowed since refuses every vote', async () => {
    const { request } = await ask(
      'request space staging --org "Acme ML" --role member --for 4h',
      'U0DAVE001',
    );
    if (!request) throw new Error('not stored');

    const refused = await vote(request.id, 'U0CAROL01', policyV3('2h'));

    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toBe(
        'Refused: under the current policy this request is no longer allowed: --for 4h is longer than the 2h you may ask for as member in space staging (Acme ML): ask for --for 2h or less.',
      );
    }
    expect((await h.store.get(request.id))?.status).toBe('PENDING');
  });

  it('fails closed when no admin maps to a Slack user: nobody could approve, so nothing is stored', async () => {
    const policy = makePolicy({
      version: 3,
      selfService: [{ ...rules()?.[0], name: 'orgs', approvers: ['arize:org-admins'] } as never],
    });
    // Alice asks: the org admins of staging are Alice (the requester) and the bot (no Slack user).
    const asked = await ask(
      'request space staging --org "Acme ML" --role member --for 1h',
      'U0ALICE01',
      policy,
    );

    expect(asked.request).toBeUndefined();
    expect((asked.error as Error).message).toContain(
      'Nobody could approve this: rule orgs is approved by arize:org-admins',
    );
  });

  it('makes a stale approval when the space admins changed between the request and its run', async () => {
    const ids = await idsOf();
    const { request } = await ask(
      'request space staging --org "Acme ML" --role member --for 1h',
      'U0DAVE001',
    );
    if (!request) throw new Error('not stored');
    await vote(request.id, 'U0CAROL01');
    // Carol stops being a staging admin before the change runs.
    const carol = await createTargetResolver(h.gateway).user({
      kind: 'email',
      email: 'carol@example.com',
    });
    await h.gateway.addSpaceUser(ids.staging, carol.id, 'MEMBER');
    const job = executeJobs(h)[0];
    if (!job) throw new Error('no execute job');
    await grantsOf(h).execute(job, ctxOf('U0DAVE001', policyV3()));

    const stored = await h.store.get(request.id);
    expect(stored?.status).toBe('STALE');
    expect(stored?.staleReason).toContain('admins');
    expect(await roleIn(h, ids.staging, ids.dave)).toBeUndefined();
  });

  it('refuses someone with no Arize user, and where self-service or Slack e-mails are not available', async () => {
    const policy = policyV3();
    const steps = stepsOf('request.space');
    const args = { space: 'staging', org: 'Acme ML', role: 'MEMBER', for: 3600 };
    const noUser = {
      ...ctxOf('U0DAVE001', policy),
      slackEmailOf: async () => 'nobody@example.com',
    };
    const { slackEmailOf: _email, ...noSlack } = ctxOf('U0DAVE001', policy);
    const { access: _access, ...noAccess } = ctxOf('U0DAVE001', policy);

    await expect(steps.plan(args, noUser)).rejects.toThrow(
      'Arize has no user with your e-mail nobody@example.com',
    );
    await expect(steps.plan(args, noSlack as ExecutionContext)).rejects.toThrow(
      'Your e-mail cannot be read from Slack here.',
    );
    await expect(steps.plan(args, noAccess as ExecutionContext)).rejects.toThrow(
      'Self-service requests are not available here.',
    );
  });

  it('reads the post-state for the sweep: reached once the asker has the role', async () => {
    const ids = await idsOf();
    const check = stepsOf('request.space').postState;
    if (!('call' in check)) throw new Error('no post-state check');
    const args = { space: ids.staging, role: 'MEMBER', for: 3600 };
    const ctx = ctxOf('U0DAVE001', policyV3());

    expect(await check(args, ctx)).toBe('not-reached');
    await h.gateway.addSpaceUser(ids.staging, ids.dave, 'MEMBER');
    expect(await check(args, ctx)).toBe('reached');
  });
});
