import { describe, expect, it } from 'vitest';
import { refreshMessage } from '../../src/app/approvals/refresh-message.ts';
import {
  contextOf,
  deletesOf,
  executeJobs,
  extraApprovers,
  type Harness,
  makePolicy,
  messengerOf,
  request,
  silentLog,
  useCases,
  useHarness,
  voter,
} from './approval-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

describe('two-person approvals on dynalite and the Arize emulator', () => {
  it('runs once when 10 distinct approvers click Approve at once (quorum 1)', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const decide = useCases(h).decide();

    const results = await Promise.all(
      extraApprovers.map((id) =>
        decide({ requestId: req.id, decision: 'approve', voter: voter(id) }),
      ),
    );
    const jobs = executeJobs(h);
    const execute = useCases(h).execute;
    const before = h.emulator.mutations().length;
    await Promise.all([...jobs, ...jobs, ...jobs].map((job) => execute(job, contextOf(h))));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(
      Array(9).fill('APPROVAL.ALREADY_DECIDED'),
    );
    expect(jobs).toHaveLength(1);
    expect(deletesOf(h, before)).toHaveLength(1);
    expect(h.emulator.mutations()).toHaveLength(1);
    const stored = await h.store.get(req.id);
    expect(stored?.status).toBe('SUCCEEDED');
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { Item } = await h.table.client.send(
      new GetCommand({
        TableName: h.table.tableName,
        Key: { pk: `audit#${req.id}`, sk: `${req.id}#approved` },
      }),
    );
    expect(stored?.approvals).toHaveLength(1);
    expect(Item?.actor).toBe(stored?.approvals[0]);
  });

  it('counts the same approver once, even when the clicks race (quorum 2)', async () => {
    const policy = makePolicy({ quorum: { destructive: 2 } });
    const { request: req } = await request(h, 'space delete staging', policy);
    const decide = useCases(h, policy).decide();

    const results = await Promise.all(
      [1, 2, 3].map(() =>
        decide({ requestId: req.id, decision: 'approve', voter: voter('U0BOB0001') }),
      ),
    );
    const stored = await h.store.get(req.id);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual([
      'APPROVAL.ALREADY_VOTED',
      'APPROVAL.ALREADY_VOTED',
    ]);
    expect(stored?.approvals).toEqual(['U0BOB0001']);
    expect(stored?.status).toBe('PENDING');
    expect(executeJobs(h)).toHaveLength(0);
  });

  it('does not run a redelivered execute job while the request is EXECUTING', async () => {
    const { request: req } = await request(h, 'space delete staging');
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');
    const approved = await h.store.get(req.id);
    await h.store.update(req.id, approved?.version ?? 0, { status: 'EXECUTING' });

    await useCases(h).execute(job, contextOf(h));

    expect(h.emulator.mutations()).toHaveLength(0);
    expect((await h.store.get(req.id))?.status).toBe('EXECUTING');
  });

  it('never lets a late vote or an older render overwrite the final state', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const decide = useCases(h).decide();
    await decide({ requestId: req.id, decision: 'approve', voter: voter('U0BOB0001') });
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');
    await useCases(h).execute(job, contextOf(h));
    const final = await h.store.get(req.id);

    const late = await decide({ requestId: req.id, decision: 'reject', voter: voter('U0APPR001') });
    const olderClaim = await h.store.claimRender(req.id, (final?.version ?? 0) - 1);
    const last = h.renders.at(-1);

    expect(late.ok).toBe(false);
    expect(!late.ok && late.error.message).toContain('already succeeded');
    expect(olderClaim).toBe(false);
    expect(last?.request.status).toBe('SUCCEEDED');
    expect((await h.store.get(req.id))?.status).toBe('SUCCEEDED');
  });

  it('goes STALE, running nothing, when the space is renamed between approval and execution', async () => {
    const { request: req } = await request(h, 'space delete staging');
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    const spaceId = String(req.args.space);
    await h.gateway.updateSpace(spaceId, { name: 'staging-renamed' });
    const before = h.emulator.mutations().length;
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');

    await useCases(h).execute(job, contextOf(h));
    const stored = await h.store.get(req.id);

    expect(stored?.status).toBe('STALE');
    expect(stored?.staleReason).toBe('space.name: staging → staging-renamed');
    expect(h.emulator.mutations().slice(before)).toHaveLength(0);
    expect(h.replies.at(-1)?.reply).toMatchObject({ code: 'APPROVAL.STALE' });
  });

  it('runs when only a field outside the projection changed (the description)', async () => {
    const { request: req } = await request(h, 'space delete staging');
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    await h.gateway.updateSpace(String(req.args.space), { description: 'changed meanwhile' });
    const before = h.emulator.mutations().length;
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');

    await useCases(h).execute(job, contextOf(h));

    expect((await h.store.get(req.id))?.status).toBe('SUCCEEDED');
    expect(deletesOf(h, before)).toHaveLength(1);
  });

  it('runs a key revoke when only the key’s last_used_at moved meanwhile (not in the projection)', async () => {
    const org = (await h.gateway.listOrganizations({ name: 'Acme ML' })).items[0];
    if (!org) throw new Error('no Acme ML org');
    const space = (await h.gateway.listSpaces({ orgId: org.id, name: 'fraud-detection' })).items[0];
    if (!space) throw new Error('no fraud-detection space');
    const created = await h.gateway.createServiceApiKey({
      name: 'used-meanwhile',
      orgId: org.id,
      spaceId: space.id,
      spaceRole: 'MEMBER',
    });
    const { request: req } = await request(h, `key revoke used-meanwhile --space ${space.id}`);
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    const unused = await h.gateway.listApiKeys({ spaceId: space.id });
    expect(unused.items.find((k) => k.id === created.id)?.lastUsedAt).toBeUndefined();
    // The key is used between approval and execution: Arize moves its last_used_at.
    const used = await fetch(`${h.emulator.url}/v2/spaces`, {
      headers: { authorization: `Bearer ${created.key}` },
    });
    expect(used.status).toBe(200);
    const listed = await h.gateway.listApiKeys({ spaceId: space.id });
    expect(listed.items.find((k) => k.id === created.id)?.lastUsedAt).toBeDefined();
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');

    await useCases(h).execute(job, contextOf(h));

    expect((await h.store.get(req.id))?.status).toBe('SUCCEEDED');
    const revoked = await h.gateway.listApiKeys({ spaceId: space.id, status: 'REVOKED' });
    expect(revoked.items.map((k) => k.id)).toContain(created.id);
  });

  it('rejects: REJECTED, and nothing runs', async () => {
    const { request: req } = await request(h, 'space delete staging');

    const result = await useCases(h).decide()({
      requestId: req.id,
      decision: 'reject',
      voter: voter('U0BOB0001'),
    });

    expect(result).toEqual({ ok: true, value: 'Rejected: nothing will run.' });
    expect((await h.store.get(req.id))?.status).toBe('REJECTED');
    expect(executeJobs(h)).toHaveLength(0);
  });

  it('lets only the requester cancel', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const decide = useCases(h).decide();

    const byBob = await decide({
      requestId: req.id,
      decision: 'cancel',
      voter: voter('U0BOB0001'),
    });
    const byAlice = await decide({
      requestId: req.id,
      decision: 'cancel',
      voter: voter('U0ALICE01'),
    });

    expect(!byBob.ok && byBob.error.message).toBe('Only the requester can cancel it.');
    expect(byAlice.ok).toBe(true);
    expect((await h.store.get(req.id))?.status).toBe('CANCELLED');
  });

  it('needs two approvals for org delete under the repo policy shape (per-operation quorum)', async () => {
    const policy = makePolicy({ operations: { 'org.delete': { quorum: 2 } } });
    const { request: req } = await request(h, 'org delete "Research Lab"', policy);
    const decide = useCases(h, policy).decide();

    const first = await decide({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
      typedConfirmation: 'Research Lab',
    });
    const second = await decide({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0APPR003'),
      typedConfirmation: 'Research Lab',
    });

    expect(req.quorum).toBe(2);
    expect(first).toEqual({ ok: true, value: 'Your approval counts: 1 of 2.' });
    expect(second.ok).toBe(true);
    expect(executeJobs(h)).toHaveLength(1);
  });

  it('writes audit records with deterministic ids, before the states they describe', async () => {
    const { request: req } = await request(h, 'space delete staging');
    await useCases(h).decide()({
      requestId: req.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job');
    await useCases(h).execute(job, contextOf(h));
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const { Items } = await h.table.client.send(
      new QueryCommand({
        TableName: h.table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `audit#${req.id}` },
      }),
    );

    expect((Items ?? []).map((i) => i.id).sort()).toEqual(
      [
        `${req.id}#approved`,
        `${req.id}#execution`,
        `${req.id}#requested`,
        `${req.id}#result`,
        `${req.id}#vote#U0BOB0001`,
      ].sort(),
    );
    expect(JSON.stringify(Items)).not.toContain('response');
    const requested = (Items ?? []).find((i) => i.event === 'requested');
    expect(requested).toMatchObject({
      actor: 'U0ALICE01',
      detail: {
        operation: 'space.delete',
        planHash: req.planHash,
        policySha: req.policySha,
        arizeArgs: JSON.stringify({ space: req.args.space }),
      },
    });
    expect(String(req.args.space)).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it('redraws the message only with a newer version', async () => {
    const { request: req } = await request(h, 'space delete staging');
    const stored = await h.store.get(req.id);
    const version = stored?.version ?? 0;

    expect(await h.store.claimRender(req.id, version)).toBe(true);
    expect(await h.store.claimRender(req.id, version)).toBe(false);
    expect(await h.store.claimRender(req.id, version - 1)).toBe(false);
    const draws = h.renders.length;
    await refreshMessage({ store: h.store, messenger: messengerOf(h), log: silentLog }, req.id);
    expect(h.renders).toHaveLength(draws);
    expect(await h.store.claimRender(req.id, version + 1)).toBe(true);
  });
});
