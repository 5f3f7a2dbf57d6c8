/**
 * The access report's steps are sized from the time left: a step started near the deadline is
 * cut to what fits at the pace measured so far, so it never runs into the time the runner keeps
 * in hand for checkpointing and handing over (a 100-space step takes ~28 s at 90 queries/min).
 *
 * Mutation tried: a fixed 100-space step (the sizer's `next` returning `most`) → the run below
 * ends 20 s past its deadline and the test fails.
 */
import { describe, expect, it } from 'vitest';
import type { ArizeGateway } from '../../src/app/ports.ts';
import {
  type CollectCheckpoint,
  collectAccess,
  stepSizer,
} from '../../src/app/reports/collect-access.ts';
import { MemoryReportStore } from '../support/memory-report-store.ts';

const at = new Date('2026-12-07T08:00:00Z');

/** An account of `spaces` spaces whose members take `msPerSpace` to read, on a clock of its own. */
function slowAccount(spaces: number, msPerSpace: number) {
  let now = at.getTime();
  const steps: number[] = [];
  const gateway = {
    listOrganizations: async () => ({ items: [{ id: 'O1', name: 'Acme' }] }),
    listSpaces: async () => ({
      items: Array.from({ length: spaces }, (_, i) => ({ id: `S${i}`, name: `space-${i}` })),
    }),
    listSpaceMembersMany: async (ids: string[]) => {
      steps.push(ids.length);
      now += ids.length * msPerSpace;
      return new Map(ids.map((id) => [id, []]));
    },
    listApiKeys: async () => ({ items: [] }),
    listUsers: async () => ({ items: [] }),
  } as unknown as ArizeGateway;
  return { gateway, steps, clock: { now: () => new Date(now) } };
}

describe('access report steps', () => {
  it('measures with a small first step, then fits each step in the time left', () => {
    let now = 0;
    const sizer = stepSizer(100, new Date(60_000), { now: () => new Date(now) });
    expect(sizer.next()).toBe(20);
    sizer.took(20, 5_600); // 280 ms a space
    now = 5_600;
    expect(sizer.next()).toBe(100);
    now = 50_000;
    expect(sizer.next()).toBe(35); // 10 s left at 280 ms a space
    sizer.took(35, 35 * 400); // it got slower: the slowest pace is the one planned for
    now = 59_000;
    expect(sizer.next()).toBe(2);
    now = 60_000;
    expect(sizer.next()).toBe(0);
  });

  it('never reads past the deadline, and the next invocation goes on from the checkpoint', async () => {
    const account = slowAccount(300, 280);
    const reports = new MemoryReportStore();
    const deadline = new Date(at.getTime() + 45_000);
    let saved: CollectCheckpoint | undefined;
    const run = (checkpoint: CollectCheckpoint | undefined, until: Date) =>
      collectAccess(
        {
          gateway: account.gateway,
          grants: { listActive: async () => [] },
          reports,
          clock: account.clock,
        },
        {
          runId: 'run-1',
          at,
          deadline: until,
          ...(checkpoint ? { checkpoint } : {}),
          saveCheckpoint: async (next) => {
            saved = next;
          },
        },
      );
    const first = await run(undefined, deadline);
    expect(first.state).toBe('cut-off');
    expect(account.clock.now().getTime()).toBeLessThanOrEqual(deadline.getTime());
    expect(account.steps[0]).toBe(20);
    const read = account.steps.reduce((sum, n) => sum + n, 0);
    expect(read).toBeGreaterThan(150); // most of the 45 s was used
    expect(saved).toEqual({ phase: 'members', next: read, of: 300 });

    const second = await run(saved, new Date(account.clock.now().getTime() + 120_000));
    expect(second.state).toBe('done');
    expect(account.steps.reduce((sum, n) => sum + n, 0)).toBe(300);
  });
});
