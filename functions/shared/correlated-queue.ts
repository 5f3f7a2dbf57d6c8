import { currentCorrelationId } from '../../src/adapters/logging/correlation.ts';
import type { JobQueue } from '../../src/app/ports.ts';

/** Enqueues each job with the command under way (the job's own id when there is none). */
export function correlatedQueue(queue: JobQueue): JobQueue {
  return {
    enqueue: (job) =>
      queue.enqueue(
        job.correlationId ? job : { ...job, correlationId: currentCorrelationId() ?? job.id },
      ),
  };
}
