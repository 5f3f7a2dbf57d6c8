/**
 * The races the approval's version condition alone decides. Through the whole stack (see
 * concurrent-clicks.test.ts) it never gets to decide them: one approver's 50 clicks are one vote
 * (`recordVote`'s put per person), and several approvers' clicks re-read the status just before
 * writing, after the slow live group check, so the first APPROVED write is seen by the rest;
 * the in-process queue then hands the one execute job to one worker. Weakening the condition
 * (`#version = :expected OR #version <> :expected` in DynamoApprovalStore.update) left that file
 * green. Here a barrier holds every write of the request until both racers have read it, so both
 * write on the same version, as two Lambdas can in AWS.
 *
 * Mutation tried: that weakened condition → both tests below fail (two decisions audited, two
 * execute jobs, two outcomes).
 */

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ApprovalStore } from '../../src/app/ports.ts';
import {
  contextOf,
  executeJobs,
  type Harness,
  makePolicy,
  request,
  useCases,
  useHarness,
  voter,
} from '../approvals/approval-harness.ts';
import { approvedRequest } from '../approvals/sweep-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

/** The store, with each `update` held until `racers` are waiting (or 500 ms passed). */
function barrierStore(store: ApprovalStore, racers: number): ApprovalStore {
  let waiting: (() => void)[] = [];
  const arrive = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      const release = () => {
        for (const go of waiting) go();
        waiting = [];
      };
      if (waiting.length >= racers) release();
      else setTimeout(release, 500);
    });
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key !== 'update' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await arrive();
        return value.apply(target, args);
      };
    },
  });
}

/** The events of a request's audit records (`audit#<id>` items). */
async function auditEvents(requestId: string): Promise<string[]> {
  const { Items = [] } = await h.table.client.send(
    new QueryCommand({
      TableName: h.table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `audit#${requestId}` },
    }),
  );
  return Items.map((item) => String(item.event));
}

describe('the races only the approval version condition decides', () => {
  it('ends a request approved by Bob and cancelled by Carol at the same moment one way only', async () => {
    const { request: pending } = await request(
      h,
      'space delete staging',
      makePolicy(),
      'U0CAROL01',
    );
    const racing = { ...h, store: barrierStore(h.store, 2) } as Harness;
    const decide = useCases(racing).decide();
    const [approve, cancel] = await Promise.all([
      decide({ requestId: pending.id, decision: 'approve', voter: voter('U0BOB0001') }),
      decide({ requestId: pending.id, decision: 'cancel', voter: voter('U0CAROL01') }),
    ]);

    expect([approve.ok, cancel.ok].filter(Boolean)).toHaveLength(1);
    const decided = (await auditEvents(pending.id)).filter(
      (event) => event === 'approved' || event === 'cancelled',
    );
    expect(decided).toHaveLength(1);
    expect(executeJobs(h)).toHaveLength(approve.ok ? 1 : 0);
  });

  it('runs an execute job delivered twice at once exactly once', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    const [job] = executeJobs(h);
    if (!job) throw new Error('no execute job queued');
    const before = h.emulator.mutations().length;
    const racing = { ...h, store: barrierStore(h.store, 2) } as Harness;
    const execute = useCases(racing).execute;

    await Promise.all([execute(job, contextOf(h)), execute(job, contextOf(h))]);

    expect(h.emulator.mutations().slice(before)).toHaveLength(1);
    expect((await h.store.get(approved.id))?.status).toBe('SUCCEEDED');
    // One worker ran it: one result audited, the requester told once.
    expect((await auditEvents(approved.id)).filter((e) => e === 'result')).toHaveLength(1);
    expect(h.replies).toHaveLength(1);
  });
});
