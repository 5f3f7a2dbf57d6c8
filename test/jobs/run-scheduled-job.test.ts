import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoJobRunLedger } from '../../src/adapters/dynamodb/dynamo-job-run-ledger.ts';
import type { DynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import {
  makeRunScheduledJob,
  type ScheduledInvocation,
} from '../../src/app/jobs/run-scheduled-job.ts';
import type { ScheduledJob, ScheduledJobOutcome } from '../../src/app/jobs/scheduled-job.ts';
import type { Clock } from '../../src/app/ports.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { silentLog } from '../support/silent-log.ts';

let dynamo: LocalDynamo;
let table: DynamoTable;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = localTable(dynamo);
});
afterAll(async () => dynamo?.close());

let nowMs = Date.parse('2026-12-07T08:00:00Z');
const clock: Clock = { now: () => new Date(nowMs) };
let seq = 0;
/** A scheduled time of its own per test, so runs never meet across tests. */
const nextScheduledTime = () => new Date(Date.parse('2026-12-07T08:00:00Z') + ++seq * 60_000);

/** The job under test: covers `spaces` in order, one per `stepMs` of clock, from its checkpoint. */
function coverSpaces(spaces: string[], covered: string[], stepMs = 1_000): ScheduledJob {
  return async (run) => {
    let next = typeof run.checkpoint === 'number' ? run.checkpoint : 0;
    let done = run.actions.covered ?? 0;
    while (next < spaces.length) {
      if (clock.now() >= run.deadline) {
        return { state: 'cut-off', checkpoint: next, actions: { covered: done } };
      }
      covered.push(spaces[next] ?? '');
      nowMs += stepMs;
      next += 1;
      done += 1;
    }
    await run.postOnce('summary', async () => void covered.push('posted summary'));
    return { state: 'finished', actions: { covered: done } };
  };
}

function runnerOf(job: ScheduledJob, options: { once?: boolean; maxContinuations?: number } = {}) {
  const continued: Array<Omit<ScheduledInvocation<'report'>, 'remainingMs'>> = [];
  const run = makeRunScheduledJob<'report'>({
    jobs: { report: job },
    definitions: { report: { oncePerScheduledTime: options.once ?? true } },
    ledger: new DynamoJobRunLedger(table, clock),
    continueLater: async (next) => void continued.push(next),
    clock,
    log: silentLog,
    reserveMs: 1_000,
    ...(options.maxContinuations ? { maxContinuations: options.maxContinuations } : {}),
  });
  return { run, continued };
}

const invocation = (scheduledTime: Date, remainingMs = 60_000, continuation = 0) => ({
  job: 'report' as const,
  scheduledTime,
  continuation,
  remainingMs,
});

async function stored(scheduledTime: Date) {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: 'jobrun#report', sk: scheduledTime.toISOString() },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe('scheduled jobs: the run ledger around each job (dynalite)', () => {
  it('runs once per scheduled time: a retried invocation posts nothing twice and says what the run did', async () => {
    const covered: string[] = [];
    const { run } = runnerOf(coverSpaces(['a', 'b'], covered));
    const at = nextScheduledTime();

    const first = await run(invocation(at));
    const retried = await run(invocation(at));

    expect(first).toEqual({
      job: 'report',
      at: at.toISOString(),
      state: 'finished',
      actions: { covered: 2 },
    });
    expect(retried).toMatchObject({ state: 'already-finished', actions: { covered: 2 } });
    expect(covered).toEqual(['a', 'b', 'posted summary']);
    expect((await stored(at))?.status).toBe('FINISHED');
  });

  it('cut off by the deadline, resumes from its checkpoint and covers every space exactly once', async () => {
    const spaces = Array.from({ length: 25 }, (_, i) => `space-${i}`);
    const covered: string[] = [];
    const { run, continued } = runnerOf(coverSpaces(spaces, covered));
    const at = nextScheduledTime();

    // 10 s per invocation, 1 s kept in reserve, 1 s per space: 9 spaces an invocation.
    const results = [await run(invocation(at, 10_000))];
    while (continued.length > 0) {
      const next = continued.shift();
      if (!next) break;
      results.push(await run({ ...next, remainingMs: 10_000 }));
    }

    expect(results.map((r) => r.state)).toEqual(['continued', 'continued', 'finished']);
    expect(results.at(-1)?.actions).toEqual({ covered: 25 });
    expect(covered).toEqual([...spaces, 'posted summary']);
    const item = await stored(at);
    expect(item).toMatchObject({ status: 'FINISHED', continuations: 2 });
  });

  it('lets one of two concurrent invocations run; the other finds it under way', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const { run } = runnerOf(async () => {
      runs += 1;
      await gate;
      return { state: 'finished', actions: { covered: 1 } };
    });
    const at = nextScheduledTime();

    const first = run(invocation(at));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await run(invocation(at));
    release();

    expect(second.state).toBe('already-running');
    expect((await first).state).toBe('finished');
    expect(runs).toBe(1);
  });

  it('records a failure with its reason; the retry resumes from the last saved checkpoint', async () => {
    const seen: number[] = [];
    let failOnce = true;
    const job: ScheduledJob = async (run): Promise<ScheduledJobOutcome> => {
      const from = typeof run.checkpoint === 'number' ? run.checkpoint : 0;
      for (let i = from; i < 6; i += 1) {
        if (i === 3 && failOnce) {
          failOnce = false;
          throw new Error('Arize answered 503 three times');
        }
        seen.push(i);
        await run.saveCheckpoint(i + 1, { covered: i + 1 });
      }
      return { state: 'finished', actions: { covered: 6 } };
    };
    const { run } = runnerOf(job);
    const at = nextScheduledTime();

    await expect(run(invocation(at))).rejects.toThrow('Arize answered 503');
    expect(await stored(at)).toMatchObject({
      status: 'FAILED',
      reason: 'Error: Arize answered 503 three times',
    });
    const retried = await run(invocation(at));

    expect(retried.state).toBe('finished');
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('takes over a run whose invocation died (its lease lapsed), from its checkpoint', async () => {
    const seen: number[] = [];
    const job: ScheduledJob = async (run) => {
      const from = typeof run.checkpoint === 'number' ? run.checkpoint : 0;
      for (let i = from; i < 4; i += 1) {
        seen.push(i);
        await run.saveCheckpoint(i + 1, { covered: i + 1 });
        if (i === 1 && seen.length === 2) return new Promise<never>(() => {}); // killed here
      }
      return { state: 'finished', actions: { covered: 4 } };
    };
    const { run } = runnerOf(job);
    const at = nextScheduledTime();

    void run(invocation(at, 30_000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await run(invocation(at))).state).toBe('already-running');
    nowMs += 31_000;
    const takenOver = await run(invocation(at));

    expect(takenOver.state).toBe('finished');
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('does not post again when a run that crashed after posting is retried', async () => {
    const posted: string[] = [];
    let crash = true;
    const { run } = runnerOf(async (r) => {
      await r.postOnce('summary', async () => void posted.push('summary'));
      if (crash) {
        crash = false;
        throw new Error('Task timed out after 120.00 seconds');
      }
      return { state: 'finished', actions: { posted: 1 } };
    });
    const at = nextScheduledTime();

    await expect(run(invocation(at))).rejects.toThrow('timed out');
    expect((await run(invocation(at))).state).toBe('finished');

    expect(posted).toEqual(['summary']);
  });

  it('gives a post back when it failed, so the retry posts it', async () => {
    let attempts = 0;
    const posted: string[] = [];
    const job: ScheduledJob = async (run) => {
      await run.postOnce('summary', async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('chat.postMessage: ratelimited');
        posted.push('summary');
      });
      return { state: 'finished', actions: { posted: 1 } };
    };
    const { run } = runnerOf(job);
    const at = nextScheduledTime();

    await expect(run(invocation(at))).rejects.toThrow('ratelimited');
    await run(invocation(at));
    await run(invocation(at));

    expect(attempts).toBe(2);
    expect(posted).toEqual(['summary']);
  });

  it('starts a job that re-runs harmlessly afresh when its scheduled time comes again', async () => {
    const checkpoints: unknown[] = [];
    const { run } = runnerOf(
      async (r) => {
        checkpoints.push(r.checkpoint);
        await r.saveCheckpoint('halfway', {});
        return { state: 'finished', actions: { expired: 1 } };
      },
      { once: false },
    );
    const at = nextScheduledTime();

    const results = [await run(invocation(at)), await run(invocation(at))];

    expect(results.map((r) => r.state)).toEqual(['finished', 'finished']);
    expect(checkpoints).toEqual([undefined, undefined]);
  });

  it('fails a run that makes no progress after its allowed continuations', async () => {
    const { run, continued } = runnerOf(
      async () => ({ state: 'cut-off', checkpoint: 0, actions: {} }),
      { maxContinuations: 2 },
    );
    const at = nextScheduledTime();

    await run(invocation(at));
    await run({ ...invocation(at), continuation: 1 });
    await expect(run({ ...invocation(at), continuation: 2 })).rejects.toThrow(
      'not finished after 2 continuations',
    );
    expect(continued.map((c) => c.continuation)).toEqual([1, 2]);
    expect(await stored(at)).toMatchObject({ status: 'FAILED' });
  });
});
