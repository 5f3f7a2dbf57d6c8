/** One scheduled job run locally as EventBridge Scheduler would invoke the scheduled function. */
export interface InProcessSchedulerOptions {
  /** Invokes the scheduled handler for one scheduled time. */
  run: (scheduledTime: Date) => Promise<unknown>;
  /** Time between runs; 0 or less: never on a timer (tests call `tick`). */
  intervalMs: number;
  now?: () => Date;
  /** A failed run is reported here and the schedule goes on (as a Lambda error would be alarmed). */
  onError?: (error: unknown) => void;
}

/** Stand-in for EventBridge Scheduler: a timer in this process, never two runs at once. */
export interface InProcessScheduler {
  /** Runs the job now (waits for a run already under way instead of starting a second). */
  tick(): Promise<void>;
  /** How many runs finished, and how many of them failed. */
  runs(): { finished: number; failed: number };
  close(): Promise<void>;
}

export function createInProcessScheduler(options: InProcessSchedulerOptions): InProcessScheduler {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  let finished = 0;
  let failed = 0;
  let closed = false;

  const tick = (): Promise<void> => {
    if (closed) return Promise.resolve();
    running ??= (async () => {
      try {
        await options.run(now());
      } catch (error: unknown) {
        failed += 1;
        options.onError?.(error);
      } finally {
        finished += 1;
        running = undefined;
      }
    })();
    return running;
  };

  const timer =
    options.intervalMs > 0 ? setInterval(() => void tick(), options.intervalMs) : undefined;
  timer?.unref();

  return {
    tick,
    runs: () => ({ finished, failed }),
    close: async () => {
      closed = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
