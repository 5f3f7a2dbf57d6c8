import { describe, expect, it } from 'vitest';
import { startLocalStack } from '../../src/local/local-stack.ts';
import { createInProcessScheduler } from '../../src/local/scheduler.ts';

const deferred = () => {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('the in-process scheduler (EventBridge Scheduler stand-in)', () => {
  it('runs the job with its scheduled time, never two runs at once', async () => {
    const times: Date[] = [];
    const gate = deferred();
    const scheduler = createInProcessScheduler({
      intervalMs: 0,
      now: () => new Date('2026-11-22T07:05:00Z'),
      run: async (time) => {
        times.push(time);
        await gate.promise;
      },
    });

    const ticks = [scheduler.tick(), scheduler.tick()];
    gate.resolve();
    await Promise.all(ticks);
    await scheduler.tick();

    expect(times.map((t) => t.toISOString())).toEqual([
      '2026-11-22T07:05:00.000Z',
      '2026-11-22T07:05:00.000Z',
    ]);
    expect(scheduler.runs()).toEqual({ finished: 2, failed: 0 });
    await scheduler.close();
  });

  it('runs on its timer, reports a failed run and goes on, and stops when closed', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = createInProcessScheduler({
      intervalMs: 10,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('arize down');
      },
      onError: (error) => errors.push(error),
    });

    await new Promise((resolve) => setTimeout(resolve, 80));
    await scheduler.close();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 40));

    expect(after).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([new Error('arize down')]);
    expect(scheduler.runs().failed).toBe(1);
    expect(calls).toBe(after);
    await scheduler.tick();
    expect(calls).toBe(after);
  });

  it('is started by the local stack and runs functions/scheduled.ts there', async () => {
    const stack = await startLocalStack({ schedulerTickMs: 0, logLevel: 'SILENT' });
    try {
      await stack.scheduler.tick();
      await stack.scheduler.tick();
      expect(stack.scheduler.runs()).toEqual({ finished: 2, failed: 0 });
    } finally {
      await stack.close();
    }
  });
});
