import type { Clock, JobRunActions, JobRunKey, JobRunLedger, Log } from '../ports.ts';
import type { ScheduledJob, ScheduledJobOutcome, ScheduledJobRun } from './scheduled-job.ts';

/** One invocation of a run: the job, its scheduled time, and how many invocations came before. */
export interface ScheduledInvocation<N extends string = string> {
  job: N;
  scheduledTime: Date;
  /** 0 for the schedule's own invocation; n for the n-th continuation of a cut-off run. */
  continuation: number;
  /** The Lambda's remaining time. */
  remainingMs: number;
}

/** What an invocation did. */
export interface ScheduledRunResult<N extends string = string> {
  job: N;
  at: string;
  state: 'finished' | 'continued' | 'already-finished' | 'already-running';
  /** What the whole run did so far, by action. */
  actions: JobRunActions;
}

export interface RunScheduledJobDeps<N extends string = string> {
  jobs: Record<N, ScheduledJob>;
  /** Per job: whether a retried scheduled time runs again (see `scheduledJobDefinitions`). */
  definitions: Record<N, { oncePerScheduledTime: boolean }>;
  ledger: JobRunLedger;
  /** Starts the next invocation of a cut-off run (the function invokes itself in AWS). */
  continueLater: (next: Omit<ScheduledInvocation<N>, 'remainingMs'>) => Promise<void>;
  clock: Clock;
  log: Log;
  /** The time an invocation keeps for itself after the job's deadline (checkpoint, continue). */
  reserveMs?: number;
  /** A run not finished after this many invocations is FAILED (it is not making progress). */
  maxContinuations?: number;
}

/**
 * The ledger around every scheduled job: one run per job and scheduled time.
 *
 * Primary course:
 * 1. Claim the run with a lease as long as the invocation (a live lease elsewhere: skip; a
 *    finished run of a once-per-time job: report what it did and do nothing).
 * 2. Run the job from its checkpoint, with a deadline inside the invocation's time.
 * 3. Finished: record it. Cut off: save the checkpoint, give the lease up, start a continuation.
 * 4. Thrown: record FAILED with the reason, and throw (the function's error alarm sees it).
 */
export function makeRunScheduledJob<N extends string>(deps: RunScheduledJobDeps<N>) {
  const reserveMs = deps.reserveMs ?? 10_000;
  const maxContinuations = deps.maxContinuations ?? 50;
  return async (invocation: ScheduledInvocation<N>): Promise<ScheduledRunResult<N>> => {
    const { job, scheduledTime } = invocation;
    const run: JobRunKey = { job, scheduledTime };
    const started = deps.clock.now().getTime();
    const result = (state: ScheduledRunResult['state'], actions: JobRunActions) => ({
      job,
      at: scheduledTime.toISOString(),
      state,
      actions,
    });
    const claim = await deps.ledger.claim(run, new Date(started + invocation.remainingMs), {
      rerun: !deps.definitions[job].oncePerScheduledTime,
    });
    if (claim.state === 'running') {
      deps.log.info('scheduled run already under way', { job, at: run.scheduledTime });
      return result('already-running', {});
    }
    if (claim.state === 'finished') {
      deps.log.info('scheduled run already finished', { job, at: run.scheduledTime });
      return result('already-finished', claim.actions);
    }
    const context: ScheduledJobRun = {
      scheduledTime,
      deadline: new Date(started + Math.max(0, invocation.remainingMs - reserveMs)),
      ...(claim.checkpoint === undefined ? {} : { checkpoint: claim.checkpoint }),
      actions: claim.actions,
      saveCheckpoint: (checkpoint, actions) =>
        deps.ledger.checkpoint(
          run,
          { checkpoint, actions, continuations: claim.continuations },
          { release: false },
        ),
      postOnce: async (key, post) => {
        if (!(await deps.ledger.markPosted(run, key))) return false;
        try {
          await post();
          return true;
        } catch (error: unknown) {
          await deps.ledger.unmarkPosted(run, key);
          throw error;
        }
      },
    };
    let outcome: ScheduledJobOutcome;
    try {
      outcome = await deps.jobs[job](context);
    } catch (error: unknown) {
      await deps.ledger.fail(run, reasonOf(error), claim.actions);
      throw error;
    }
    if (outcome.state === 'finished') {
      await deps.ledger.finish(run, outcome.actions);
      deps.log.info('scheduled job done', { job, at: run.scheduledTime, actions: outcome.actions });
      return result('finished', outcome.actions);
    }
    const continuations = claim.continuations + 1;
    if (continuations > maxContinuations) {
      const reason = `not finished after ${maxContinuations} continuations`;
      await deps.ledger.fail(run, reason, outcome.actions);
      throw new Error(`${job} at ${run.scheduledTime.toISOString()}: ${reason}`);
    }
    await deps.ledger.checkpoint(
      run,
      { checkpoint: outcome.checkpoint, actions: outcome.actions, continuations },
      { release: true },
    );
    await deps.continueLater({ job, scheduledTime, continuation: continuations });
    deps.log.info('scheduled job continues', { job, at: run.scheduledTime, continuations });
    return result('continued', outcome.actions);
  };
}

/** A failure's reason for the run record: its code and message, never a stack. */
const reasonOf = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
