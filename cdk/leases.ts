/**
 * The leases that must outlast a running function, derived from the functions' timeouts so that
 * a live worker is never overtaken (its job re-run, its execution recovered, its grant revoked
 * twice) and a killed one's work is taken over soon after. At the default timeouts (worker 60 s,
 * scheduled 120 s) they are the functions' own defaults: 90 s, 5 min and 180 s.
 */
export interface Leases {
  /** `JOB_LEASE_SECONDS`: a job a worker took (worker). */
  readonly jobSeconds: number;
  /** `SWEEP_LEASE_MINUTES`: an EXECUTING approval the sweep recovers (scheduled). */
  readonly sweepMinutes: number;
  /** `GRANT_LEASE_SECONDS`: a grant being revoked (worker and scheduled). */
  readonly grantSeconds: number;
}

export function leasesFor(timeouts: {
  readonly workerSeconds: number;
  readonly scheduledSeconds: number;
}): Leases {
  const longest = Math.max(timeouts.workerSeconds, timeouts.scheduledSeconds);
  return {
    jobSeconds: Math.max(90, Math.ceil(1.5 * timeouts.workerSeconds)),
    sweepMinutes: Math.max(5, Math.ceil((2.5 * timeouts.workerSeconds) / 60)),
    grantSeconds: Math.max(180, Math.ceil(1.5 * longest)),
  };
}
