import type { ScheduledJobName } from '../../domain/jobs/scheduled-jobs.ts';
import type { JobRunActions } from '../ports.ts';

/** What a scheduled job is given for one run. */
export interface ScheduledJobRun {
  /** The time the schedule fired: the job decides "as of" it, so a retry decides the same way. */
  scheduledTime: Date;
  /** Take no new work after this; return `cut-off` with a checkpoint, and the run continues. */
  deadline: Date;
  /** Where an earlier invocation of this run stopped (the job validates its own shape). */
  checkpoint?: unknown;
  /** What earlier invocations of this run did, to add to. */
  actions: JobRunActions;
  /** Saves progress now, so a crash resumes from here rather than from the start. */
  saveCheckpoint(checkpoint: unknown, actions: JobRunActions): Promise<void>;
  /**
   * Posts at most once per run and key (a retried invocation posts nothing twice): marks the key,
   * then posts; a failed post takes the mark back and throws.
   */
  postOnce(key: string, post: () => Promise<void>): Promise<boolean>;
}

/** How a run ended: finished, or cut off by the deadline with where to resume. */
export type ScheduledJobOutcome =
  | { state: 'finished'; actions: JobRunActions }
  | { state: 'cut-off'; checkpoint: unknown; actions: JobRunActions };

/** One scheduled job: runs as of a scheduled time, within a deadline. */
export type ScheduledJob = (run: ScheduledJobRun) => Promise<ScheduledJobOutcome>;

/** Every scheduled job by name: a missing one fails to compile. */
export type ScheduledJobs = Record<ScheduledJobName, ScheduledJob>;
