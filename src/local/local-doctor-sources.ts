import type { DeadLetterCounter, ScheduleDirectory } from '../app/ports.ts';
import {
  type JobSchedule,
  type ScheduledJobName,
  scheduledJobNames,
} from '../domain/jobs/scheduled-jobs.ts';
import type { InProcessQueue } from './queue/in-process-queue.ts';

/** The local scheduler's schedules as `/arize doctor` sees them: a job it does not follow is missing. */
export function localScheduleDirectory(
  schedules: Partial<Record<ScheduledJobName, JobSchedule>>,
): ScheduleDirectory {
  return {
    states: async () =>
      scheduledJobNames.map((job) => {
        const schedule = schedules[job];
        if (!schedule) return { job, expected: 'ENABLED', actual: 'MISSING' };
        const state = schedule.enabled ? 'ENABLED' : 'DISABLED';
        return { job, expected: state, actual: state };
      }),
  };
}

/** The local dead-letter queue's depth, as SQS counts it: waiting, being read, delayed. */
export function localDeadLetterCounter(queue: () => InProcessQueue): DeadLetterCounter {
  return {
    count: async () => {
      const { visible, inFlight, delayed } = queue().stats();
      return visible + inFlight + delayed;
    },
  };
}
