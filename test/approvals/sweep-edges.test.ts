import { beforeEach, describe, expect, it } from 'vitest';
import type { ArizeGateway } from '../../src/app/ports.ts';
import { AppError } from '../../src/domain/errors.ts';
import { contextOf, type Harness, request, useHarness } from './approval-harness.ts';
import {
  approvedRequest,
  killedWorker,
  minutesFromNow,
  settleLeftovers,
  sweepOf,
} from './sweep-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});
beforeEach(async () => settleLeftovers(h));

/** The sweep with some gateway calls replaced (an Arize outage, a failing delete). */
const sweepWith = (patch: Partial<ArizeGateway>) =>
  sweepOf(h, {
    contextFor: async (req) => {
      const ctx = contextOf(h, req.requester.userId);
      return { ...ctx, gateway: { ...ctx.gateway, ...patch } };
    },
  });
const unavailable = async (): Promise<never> => {
  throw new AppError('ARIZE.UNAVAILABLE', 'Arize is not answering.');
};
const actionsOf = (report: { outcomes: { action: string }[] }) =>
  report.outcomes.map((o) => o.action);

describe('sweep: when Arize cannot answer or refuses', () => {
  it('defers a recovery while the post-state cannot be read, then finishes it later', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    await killedWorker(h, approved, 'after-arize');

    const deferred = await sweepWith({ getSpace: unavailable })(minutesFromNow(6));
    expect(actionsOf(deferred)).toEqual(['deferred']);
    expect((await h.store.get(approved.id))?.status).toBe('EXECUTING');

    expect(actionsOf(await sweepOf(h)(minutesFromNow(11)))).toEqual(['succeeded']);
  });

  it('defers a recovery while the pre-state cannot be read', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    await killedWorker(h, approved, 'before-arize');
    let calls = 0;
    const ctx = contextOf(h);
    // The post-state read answers (still there), the pre-state read does not.
    const getSpace = async (id: string) => {
      calls += 1;
      if (calls > 1) return unavailable();
      return ctx.gateway.getSpace(id);
    };

    const report = await sweepWith({ getSpace })(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['deferred']);
    expect((await h.store.get(approved.id))?.status).toBe('EXECUTING');
  });

  it('fails with "outcome unknown" when a target of the pre-state is gone', async () => {
    const approved = await approvedRequest(
      h,
      'space add-user dave@example.com --space staging --role admin',
    );
    await killedWorker(h, approved, 'before-arize');
    const [daveId] = approved.args.users as string[];
    await h.gateway.deleteUser(daveId as string);

    const report = await sweepOf(h)(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['outcome-unknown']);
    expect((await h.store.get(approved.id))?.status).toBe('FAILED');
  });

  it('stores the refusal when the re-run itself is refused by Arize', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    await killedWorker(h, approved, 'before-arize');
    const deleteSpace = async (): Promise<never> => {
      throw new AppError('ARIZE.FORBIDDEN', 'The bot may not delete this space.');
    };

    const report = await sweepWith({ deleteSpace })(minutesFromNow(6));

    expect(actionsOf(report)).toEqual(['rerun']);
    const stored = await h.store.get(approved.id);
    expect(stored?.status).toBe('FAILED');
    expect(stored?.result).toMatchObject({ message: 'The bot may not delete this space.' });
  });

  it('says "outcome unknown" when the re-run stops with an unexpected error', async () => {
    const approved = await approvedRequest(h, 'space delete staging');
    await killedWorker(h, approved, 'before-arize');
    const deleteSpace = async (): Promise<never> => {
      throw new Error('socket hang up');
    };

    await sweepWith({ deleteSpace })(minutesFromNow(6));

    const stored = await h.store.get(approved.id);
    expect(stored?.status).toBe('FAILED');
    expect(stored?.result).toMatchObject({ message: expect.stringMatching(/outcome is unknown/) });
  });

  it('goes on with the other requests when one step fails unexpectedly', async () => {
    const first = await request(h, 'space delete staging');
    const second = await request(h, 'space delete fraud-detection');
    let failedOnce = false;
    const sweep = sweepOf(h, {
      messenger: {
        post: async () => ({ channel: 'C', ts: '1' }),
        update: async () => {},
        permalink: async () => undefined,
        tell: async () => {},
      },
      notifier: {
        reply: async () => {
          if (!failedOnce) {
            failedOnce = true;
            throw new Error('response URL refused');
          }
        },
      },
      store: {
        ...h.store,
        get: (id) => h.store.get(id),
        update: async (id, version, changes) => {
          if (id === first.request.id) throw new Error('throttled');
          return h.store.update(id, version, changes);
        },
        listExpired: (now) => h.store.listExpired(now),
        listInFlight: () => h.store.listInFlight(),
        claimRender: (id, v) => h.store.claimRender(id, v),
        create: (r) => h.store.create(r),
        recordVote: (id, v) => h.store.recordVote(id, v),
        listPending: (q) => h.store.listPending(q),
      },
    });

    const report = await sweep(new Date(Date.parse(second.request.expiresAt) + 1_000));

    expect(report.outcomes).toEqual(
      expect.arrayContaining([
        { requestId: first.request.id, action: 'deferred' },
        { requestId: second.request.id, action: 'expired' },
      ]),
    );
  });
});
