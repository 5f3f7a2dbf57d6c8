import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from '../approvals/approval-harness.ts';
import { grantsOf, roleIn } from './grant-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

const hour = 3_600_000;
const run = (at: Date) => ({ scheduledTime: at, remainingMs: 60_000 });
const spaceMutations = (before: number) =>
  h.emulator
    .mutations()
    .slice(before)
    .filter((m) => m.path.includes('/users'));

describe('time-bound grants on dynalite and the Arize emulator', () => {
  it('records the previous role in the plan, applies the grant and restores it at the end, once across three sweeps', async () => {
    const g = grantsOf(h);
    const { request: req, grants } = await g.grant(
      'space add-user dave@example.com --space production --org "Acme ML" --role member --for 2h',
    );

    expect(req.status).toBe('SUCCEEDED');
    expect(req.plan.effect).toContain('Access ends 2 hours after it is applied');
    expect(req.plan.effect).toContain('dave@example.com in production: restore read-only');
    expect(req.plan.projection.for).toBe(7200);
    expect(grants).toHaveLength(1);
    const grant = grants[0];
    if (!grant) throw new Error('no grant');
    expect(grant.previous).toEqual({ kind: 'role', role: 'READ_ONLY' });
    expect(grant.subject.slackUserId).toBe('U0DAVE001');
    expect(Date.parse(grant.endsAt) - Date.parse(grant.startsAt)).toBe(2 * hour);
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBe('MEMBER');
    expect(g.messages.map((m) => [m.to, m.reply.kind === 'detail' && m.reply.title])).toEqual([
      ['direct', 'Access started: member in space production for dave@example.com'],
      ['thread', 'Access started: member in space production for dave@example.com'],
    ]);
    // When it ends: a moment Slack shows in each reader's zone, with the time left in words.
    const started = g.messages[0]?.reply;
    expect(started?.kind === 'detail' && started.fields[0]).toEqual({
      label: 'ends',
      value: 'in 2 h',
      at: grant.endsAt,
    });

    const before = h.emulator.mutations().length;
    h.clock.set(g.at(grant.endsAt, 1_000));
    const outcomes = await Promise.all([1, 2, 3].map(() => g.endGrants()(run(h.clock.now()))));

    expect(outcomes.map((o) => o.actions.ended ?? 0).sort()).toEqual([0, 0, 1]);
    expect(spaceMutations(before)).toHaveLength(1);
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBe('READ_ONLY');
    const ended = await g.store.get(grant.id);
    expect(ended?.status).toBe('ENDED');
    expect(ended?.outcome).toBe('ended: the read-only role is restored');
    expect(await g.store.listActive()).toEqual([]);
    expect(g.messages.at(-1)?.reply).toMatchObject({
      title: expect.stringContaining('Access ended'),
    });
    const { Items = [] } = await h.table.client.send(
      new QueryCommand({
        TableName: h.table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `audit#${req.id}` },
      }),
    );
    expect(Items.map((i) => i.event)).toEqual(
      expect.arrayContaining(['grant-started', 'grant-ended']),
    );
  });

  it('removes a user who was not a member, and does nothing before the end', async () => {
    const g = grantsOf(h);
    const { grant } = await g.grantOne(
      'space add-user frank@example.com --space staging --org "Acme ML" --role read-only --for 30m',
    );
    expect(grant.previous).toEqual({ kind: 'none' });

    h.clock.set(g.at(grant.endsAt, -60_000));
    const early = await g.endGrants()(run(h.clock.now()));
    expect(early.actions).toEqual({ warned: 1 });
    const warning = g.messages.at(-1)?.reply;
    expect(warning?.kind === 'detail' && warning.fields[0]).toEqual({
      label: 'ends',
      value: 'in 1 min',
      at: grant.endsAt,
    });
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBe('READ_ONLY');
    const again = await g.endGrants()(run(h.clock.now()));
    expect(again.actions).toEqual({});

    h.clock.set(g.at(grant.endsAt, 0));
    expect((await g.endGrants()(run(h.clock.now()))).actions).toEqual({ ended: 1 });
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBeUndefined();
    expect((await g.store.get(grant.id))?.outcome).toBe('ended: removed from the space');
  });

  it('leaves a role changed by hand before the end alone, and says why', async () => {
    const g = grantsOf(h);
    const { grant } = await g.grantOne(
      'space add-user dave@example.com --space production --org "Acme ML" --role member --for 1h',
    );
    await h.gateway.addSpaceUser(grant.spaceId, grant.subject.arizeUserId, 'ADMIN');
    const before = h.emulator.mutations().length;

    h.clock.set(g.at(grant.endsAt, 5_000));
    const outcome = await g.endGrants()(run(h.clock.now()));

    expect(outcome.actions).toEqual({ 'left-alone': 1 });
    expect(spaceMutations(before)).toHaveLength(0);
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBe('ADMIN');
    const stored = await g.store.get(grant.id);
    expect(stored?.status).toBe('LEFT_ALONE');
    expect(stored?.outcome).toBe(
      'left alone: the role is now admin, not the granted member (changed by hand before the end)',
    );
    expect(g.messages.at(-1)?.reply).toMatchObject({
      title: 'Access left alone: member in space production for dave@example.com',
      fields: [
        { label: 'outcome', value: stored?.outcome },
        { label: 'grant', value: grant.id },
      ],
    });
  });

  it('recovers a worker killed mid-revoke: the lapsed lease is re-claimed and nothing is changed twice', async () => {
    const g = grantsOf(h);
    const { grant } = await g.grantOne(
      'space add-user dave@example.com --space production --org "Acme ML" --role member --for 1h',
    );
    h.clock.set(g.at(grant.endsAt, 1_000));
    // The killed worker: it claimed the grant and restored the role, then died before recording it.
    const claimed = await g.store.update(
      grant,
      { status: 'ENDING', leaseUntil: g.at(grant.endsAt, 121_000).toISOString(), claims: 1 },
      { at: h.clock.now().toISOString(), event: 'claimed' },
    );
    expect(claimed?.status).toBe('ENDING');
    const before = h.emulator.mutations().length;
    await h.gateway.addSpaceUser(grant.spaceId, grant.subject.arizeUserId, 'READ_ONLY');

    expect((await g.endGrants()(run(h.clock.now()))).actions).toEqual({});
    h.clock.set(g.at(grant.endsAt, 122_000));
    const outcomes = await Promise.all([1, 2, 3].map(() => g.endGrants()(run(h.clock.now()))));

    expect(outcomes.map((o) => o.actions.ended ?? 0).sort()).toEqual([0, 0, 1]);
    expect(spaceMutations(before)).toHaveLength(1);
    const stored = await g.store.get(grant.id);
    expect(stored?.status).toBe('ENDED');
    expect(stored?.claims).toBe(2);
    expect(stored?.outcome).toBe('ended: the access had already been revoked');
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBe('READ_ONLY');
  });

  it('revokes on the re-claim when the killed worker stopped before revoking', async () => {
    const g = grantsOf(h);
    const { grant } = await g.grantOne(
      'space add-user frank@example.com --space staging --org "Acme ML" --role member --for 1h',
    );
    h.clock.set(g.at(grant.endsAt, 1_000));
    await g.store.update(
      grant,
      { status: 'ENDING', leaseUntil: g.at(grant.endsAt, 61_000).toISOString(), claims: 1 },
      { at: h.clock.now().toISOString(), event: 'claimed' },
    );
    h.clock.set(g.at(grant.endsAt, 62_000));

    expect((await g.endGrants()(run(h.clock.now()))).actions).toEqual({ ended: 1 });
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBeUndefined();
  });

  it('keeps a claimed grant ENDING when the roles cannot be read, and ends it on the next claim', async () => {
    const g = grantsOf(h);
    const { grant } = await g.grantOne(
      'space add-user frank@example.com --space staging --org "Acme ML" --role member --for 1h',
    );
    const before = h.emulator.mutations().length;
    h.emulator.setFaults({
      routes: [{ match: { operation: 'spaceUsersMany' }, errorRate: 1, errorStatus: 503 }],
    });
    h.clock.set(g.at(grant.endsAt, 1_000));

    expect((await g.endGrants()(run(h.clock.now()))).actions).toEqual({ 'retry-later': 1 });
    expect((await g.store.get(grant.id))?.status).toBe('ENDING');
    expect(spaceMutations(before)).toHaveLength(0);

    h.emulator.setFaults({});
    h.clock.set(g.at(grant.endsAt, 150_000));
    expect((await g.endGrants()(run(h.clock.now()))).actions).toEqual({ ended: 1 });
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBeUndefined();
  });

  it('keeps a grant ENDING when Arize fails, and fails it after three claims, saying so', async () => {
    const g = grantsOf(h);
    const { grant } = await g.grantOne(
      'space add-user frank@example.com --space staging --org "Acme ML" --role member --for 1h',
    );
    const broken = {
      ...h.gateway,
      removeSpaceUser: async () => {
        throw new Error('socket hang up');
      },
    };
    for (let i = 0; i < 3; i++) {
      h.clock.set(g.at(grant.endsAt, 1_000 + i * 150_000));
      const outcome = await g.endGrants(broken)(run(h.clock.now()));
      expect(outcome.actions).toEqual(i < 2 ? { 'retry-later': 1 } : { failed: 1 });
    }
    const stored = await g.store.get(grant.id);
    expect(stored?.status).toBe('FAILED');
    expect(stored?.outcome).toContain('could not be ended after 3 tries');
    expect(await roleIn(h, grant.spaceId, grant.subject.arizeUserId)).toBe('MEMBER');
  });
});

describe('--for refusals at plan time', () => {
  it('refuses --for over a custom role, which the end could not restore, and stores no request', async () => {
    const { request: ask } = await import('../approvals/approval-harness.ts');
    await expect(
      ask(
        h,
        'space add-user carol@example.com --space fraud-detection --org "Acme ML" --role member --for 1h',
      ),
    ).rejects.toThrow(
      '--for cannot restore a custom role at the end (carol@example.com has the custom role “Dataset Curator” in fraud-detection)',
    );
    const g = grantsOf(h);
    expect(await g.store.listActive()).toEqual([]);
  });

  it('says why --for is refused when the space roles cannot be read (no developer key)', async () => {
    const { spaceMembershipPlan } = await import('../../src/app/approvals/space-plans.ts');
    const { contextOf } = await import('../approvals/approval-harness.ts');
    const ctx = contextOf(h);
    const blind = {
      ...ctx,
      gateway: {
        ...ctx.gateway,
        listSpaceMembers: async () => {
          throw new Error('no developer key');
        },
      },
    };
    const args = {
      users: ['dave@example.com'],
      space: ['production'],
      org: 'Acme ML',
      role: 'MEMBER',
    };

    await expect(spaceMembershipPlan('add')({ ...args, for: 3600 }, blind)).rejects.toThrow(
      '--for needs the current roles in production, and they cannot be read',
    );
    const plain = await spaceMembershipPlan('add')(args, blind);
    expect(plain.plan.timeBound).toBeUndefined();
  });
});
