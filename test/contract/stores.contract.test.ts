import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoApprovalStore } from '../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoContextStore } from '../../src/adapters/dynamodb/dynamo-context-store.ts';
import { DynamoJobLedger } from '../../src/adapters/dynamodb/dynamo-job-ledger.ts';
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import type { DynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import type {
  ApprovalStore,
  Clock,
  ContextStore,
  JobLedger,
  ReplayGuard,
} from '../../src/app/ports.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { approvalRequest } from '../support/approval-request.ts';
import {
  InMemoryApprovalStore,
  InMemoryContextStore,
  InMemoryJobLedger,
  InMemoryReplayGuard,
} from '../support/in-memory-stores.ts';

/*
 * One behavioural contract per store port, run against the DynamoDB adapter on dynalite and
 * against the in-memory fake tests use instead: if the fake drifts from the adapter, this fails.
 */

/** A clock a test moves by hand. */
class ManualClock implements Clock {
  constructor(public at: Date) {}
  now = () => this.at;
  advance(ms: number) {
    this.at = new Date(this.at.getTime() + ms);
  }
}

interface Stores {
  approvals: ApprovalStore;
  ledger: JobLedger;
  replay: ReplayGuard;
  contexts: ContextStore;
}

let dynamo: LocalDynamo;
let table: DynamoTable;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = localTable(dynamo);
});
afterAll(async () => dynamo?.close());

const implementations: [string, (clock: Clock) => Stores][] = [
  [
    'DynamoDB on dynalite',
    (clock) => ({
      approvals: new DynamoApprovalStore(table, clock),
      ledger: new DynamoJobLedger(table, clock),
      replay: new DynamoReplayGuard(table, clock),
      contexts: new DynamoContextStore(table),
    }),
  ],
  [
    'in memory',
    (clock) => ({
      approvals: new InMemoryApprovalStore(clock),
      ledger: new InMemoryJobLedger(clock),
      replay: new InMemoryReplayGuard(clock),
      contexts: new InMemoryContextStore(),
    }),
  ],
];

/** Ids unique across both runs: the dynalite table is shared by every test in the file. */
let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}-${Date.now()}`;

describe.each(implementations)('store contracts: %s', (_name, make) => {
  const start = new Date('2026-11-22T06:00:00.000Z');
  const setup = () => {
    const clock = new ManualClock(start);
    return { clock, ...make(clock) };
  };
  const request = (overrides: Partial<ApprovalRequest> = {}) =>
    approvalRequest({ id: unique('R'), ...overrides });

  describe('ApprovalStore', () => {
    it('creates a request once and reads back exactly what was written', async () => {
      const { approvals } = setup();
      const written = request({ rejectReason: undefined });
      expect(await approvals.create(written)).toBe(true);
      expect(await approvals.create({ ...written, commandText: 'changed' })).toBe(false);
      const { rejectReason: _dropped, ...stored } = written;
      expect(await approvals.get(written.id)).toEqual(stored);
      expect(await approvals.get(unique('missing'))).toBeUndefined();
    });

    it('updates only on the version read, bumps it, stamps a status change', async () => {
      const { approvals, clock } = setup();
      const written = request();
      await approvals.create(written);
      clock.advance(1_000);
      const updated = await approvals.update(written.id, 1, { status: 'APPROVED', quorum: 2 });
      expect(updated).toMatchObject({ status: 'APPROVED', quorum: 2, version: 2 });
      expect(updated).toMatchObject({ statusChangedAt: '2026-11-22T06:00:01.000Z' });
      expect(await approvals.update(written.id, 1, { status: 'REJECTED' })).toBeUndefined();
      expect(await approvals.update(unique('missing'), 1, { quorum: 3 })).toBeUndefined();
      expect(await approvals.get(written.id)).toEqual(updated);
      const untouched = await approvals.update(written.id, 2, { rejectReason: undefined });
      expect(untouched).toMatchObject({ status: 'APPROVED', version: 3 });
    });

    it('returns copies: changing what a read returned changes nothing stored', async () => {
      const { approvals } = setup();
      const written = request();
      await approvals.create(written);
      const read = await approvals.get(written.id);
      if (!read) throw new Error('the request was not stored');
      (read.approvals as string[]).push('U0EVE0001');
      (written.approvals as string[]).push('U0EVE0002');
      expect((await approvals.get(written.id))?.approvals).toEqual([]);
    });

    it('records one vote per person per request', async () => {
      const { approvals } = setup();
      const id = unique('R');
      const vote = { userId: 'U0BOB0001', decision: 'approve', at: start.toISOString() } as never;
      expect(await approvals.recordVote(id, vote)).toBe(true);
      expect(await approvals.recordVote(id, vote)).toBe(false);
      expect(
        await approvals.recordVote(id, { ...(vote as object), userId: 'U0CAROL01' } as never),
      ).toBe(true);
    });

    it('lets a version be drawn only when it is newer than the last one drawn', async () => {
      const { approvals } = setup();
      const written = request();
      expect(await approvals.claimRender(written.id, 1)).toBe(false);
      await approvals.create(written);
      expect(await approvals.claimRender(written.id, 2)).toBe(true);
      expect(await approvals.claimRender(written.id, 2)).toBe(false);
      expect(await approvals.claimRender(written.id, 1)).toBe(false);
      expect(await approvals.claimRender(written.id, 3)).toBe(true);
    });

    it('lists pending (newest first, per requester, limited), expired and in-flight', async () => {
      const { approvals, clock } = setup();
      const requester = { teamId: 'T0LOCAL01', userId: unique('U') };
      const older = request({ requester, createdAt: '2026-11-22T05:00:00.000Z' });
      const newer = request({ requester, createdAt: '2026-11-22T05:30:00.000Z' });
      const expired = request({ requester, expiresAt: '2026-11-22T05:59:00.000Z' });
      for (const r of [older, newer, expired]) await approvals.create(r);
      const mine = await approvals.listPending({ requesterUserId: requester.userId });
      expect(mine.map((r) => r.id)).toEqual([expired.id, newer.id, older.id]);
      const limited = await approvals.listPending({ requesterUserId: requester.userId, limit: 1 });
      expect(limited.map((r) => r.id)).toEqual([expired.id]);
      const expiredIds = (await approvals.listExpired(start)).map((r) => r.id);
      expect(expiredIds).toContain(expired.id);
      expect(expiredIds).not.toContain(newer.id);

      clock.advance(1_000);
      await approvals.update(newer.id, 1, { status: 'APPROVED' });
      clock.advance(1_000);
      const executing = await approvals.update(older.id, 1, { status: 'APPROVED' });
      await approvals.update(older.id, executing?.version ?? 0, { status: 'EXECUTING' });
      const ours = (await approvals.listInFlight()).filter(
        (r) => r.requester.userId === requester.userId,
      );
      expect(ours.map((r) => [r.id, r.status])).toEqual([
        [newer.id, 'APPROVED'],
        [older.id, 'EXECUTING'],
      ]);
      const stillPending = await approvals.listPending({ requesterUserId: requester.userId });
      expect(stillPending.map((r) => r.id)).toEqual([expired.id]);

      await approvals.update(newer.id, 2, { status: 'SUCCEEDED' });
      const after = (await approvals.listInFlight()).map((r) => r.id);
      expect(after).not.toContain(newer.id);
    });

    it('never lists a request created in a status other than PENDING', async () => {
      const { approvals } = setup();
      const requester = { teamId: 'T0LOCAL01', userId: unique('U') };
      const approved = request({ requester, status: 'APPROVED' });
      await approvals.create(approved);
      expect(await approvals.listPending({ requesterUserId: requester.userId })).toEqual([]);
      expect((await approvals.listInFlight()).map((r) => r.id)).not.toContain(approved.id);
    });
  });

  describe('JobLedger', () => {
    it('claims a job once, reports it running, then done with its reply', async () => {
      const { ledger, clock } = setup();
      const id = unique('job');
      const lease = new Date(start.getTime() + 60_000);
      const expiry = new Date(start.getTime() + 86_400_000);
      expect(await ledger.begin(id, lease, expiry)).toEqual({ state: 'claimed' });
      expect(await ledger.begin(id, lease, expiry)).toEqual({ state: 'running' });
      clock.advance(61_000);
      expect(await ledger.begin(id, new Date(clock.at.getTime() + 60_000), expiry)).toEqual({
        state: 'claimed',
      });
      const reply = { kind: 'text', text: 'done' } as const;
      await ledger.finish(id, reply, expiry);
      expect(await ledger.begin(id, lease, expiry)).toEqual({ state: 'done', reply });
      await ledger.release(id);
      expect(await ledger.begin(id, lease, expiry)).toEqual({ state: 'done', reply });
    });

    it('lets the next delivery claim a released lease at once', async () => {
      const { ledger } = setup();
      const id = unique('job');
      const lease = new Date(start.getTime() + 60_000);
      const expiry = new Date(start.getTime() + 86_400_000);
      await ledger.begin(id, lease, expiry);
      await ledger.release(id);
      expect(await ledger.begin(id, lease, expiry)).toEqual({ state: 'claimed' });
      await ledger.release(unique('never-begun'));
    });
  });

  describe('ReplayGuard', () => {
    it('admits a signature once inside its window and again after it', async () => {
      const { replay, clock } = setup();
      const signature = unique('v0=');
      const until = new Date(start.getTime() + 300_000);
      expect(await replay.claim(signature, until)).toBe(true);
      expect(await replay.claim(signature, until)).toBe(false);
      clock.advance(299_000);
      expect(await replay.claim(signature, until)).toBe(false);
      clock.advance(2_000);
      expect(await replay.claim(signature, new Date(clock.at.getTime() + 300_000))).toBe(true);
    });
  });

  describe('ContextStore', () => {
    it('keeps one active context per team and person, empty until set', async () => {
      const { contexts } = setup();
      const alice = { teamId: 'T0LOCAL01', userId: unique('U') };
      const otherTeam = { ...alice, teamId: 'T0OTHER01' };
      expect(await contexts.get(alice)).toEqual({});
      await contexts.set(alice, { orgId: 'O1', orgName: 'research' });
      await contexts.set(alice, { spaceId: 'S1', spaceName: 'staging' });
      expect(await contexts.get(alice)).toEqual({ spaceId: 'S1', spaceName: 'staging' });
      expect(await contexts.get(otherTeam)).toEqual({});
    });
  });
});
