import { parseScheduleExpression } from '../domain/jobs/schedule-expression.ts';
import type { JobSchedule, ScheduledJobName } from '../domain/jobs/scheduled-jobs.ts';

export interface DueJobsOptions {
  schedules: Record<ScheduledJobName, JobSchedule>;
  /** Invokes the scheduled function for one job at one scheduled time. */
  invoke: (job: ScheduledJobName, scheduledTime: Date) => Promise<unknown>;
  /** A late tick catches up at most this many minutes (the rest are skipped, as a late sweep). */
  maxCatchUpMinutes?: number;
}

const minuteMs = 60_000;

/**
 * Turns scheduler ticks into the runs EventBridge Scheduler would make: each enabled job once for
 * each minute its expression fires at, in the job's time zone, with that minute as its scheduled
 * time (the tick's own time for the current minute). A tick late by a few minutes runs the minutes it missed; a second tick in the same minute
 * runs nothing again.
 */
export function makeDueJobs(options: DueJobsOptions) {
  const matchers = Object.entries(options.schedules)
    .filter(([, schedule]) => schedule.enabled)
    .map(([job, schedule]) => {
      const parsed = parseScheduleExpression(schedule.expression, schedule.timeZone);
      if (!parsed.ok) throw new Error(`schedule of ${job}: ${parsed.error}`);
      return { job: job as ScheduledJobName, fires: parsed.value };
    });
  const maxCatchUp = options.maxCatchUpMinutes ?? 5;
  let lastMinute: number | undefined;
  return async (now: Date): Promise<void> => {
    const minute = Math.floor(now.getTime() / minuteMs);
    const first =
      lastMinute === undefined ? minute : Math.max(lastMinute + 1, minute - maxCatchUp + 1);
    lastMinute = Math.max(lastMinute ?? minute, minute);
    for (let m = first; m <= minute; m += 1) {
      const at = new Date(m * minuteMs);
      // The current minute's runs fire now (as a schedule fires a little after its minute).
      const firedAt = m === minute ? now : at;
      for (const { job, fires } of matchers) if (fires(at)) await options.invoke(job, firedAt);
    }
  };
}
