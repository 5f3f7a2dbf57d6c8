import { describe, expect, it } from 'vitest';
import { schedulesWith } from '../../../src/domain/jobs/scheduled-jobs.ts';
import { makeDueJobs } from '../../../src/local/due-jobs.ts';

function recorder(overrides: Parameters<typeof schedulesWith>[0] = {}) {
  const runs: string[] = [];
  const tick = makeDueJobs({
    schedules: schedulesWith(overrides),
    invoke: async (job, at) => void runs.push(`${job}@${at.toISOString().slice(11, 19)}`),
  });
  return { runs, tick };
}

describe('the local scheduler runs each job on the minutes its schedule fires at', () => {
  it('runs every-minute and every-5-minute jobs at their minutes, once per minute', async () => {
    const { runs, tick } = recorder();

    await tick(new Date('2026-12-07T08:04:10Z'));
    await tick(new Date('2026-12-07T08:04:40Z'));
    await tick(new Date('2026-12-07T08:05:05Z'));

    expect(runs).toEqual(['grant-ends@08:04:10', 'sweep@08:05:05', 'grant-ends@08:05:05']);
  });

  it('catches up the minutes a late tick missed, as of each minute', async () => {
    const { runs, tick } = recorder({
      'grant-ends': { enabled: false },
      'directory-refresh': { enabled: false },
    });

    await tick(new Date('2026-12-07T08:04:00Z'));
    await tick(new Date('2026-12-07T08:16:30Z'));

    // At most five minutes are caught up: 08:12 to 08:16, of which 08:15 fires.
    expect(runs).toEqual(['sweep@08:15:00']);
  });

  it('skips a job that is turned off and follows an overridden cron in its time zone', async () => {
    const { runs, tick } = recorder({
      sweep: { enabled: false },
      'access-report': { enabled: false },
      'directory-refresh': { enabled: false },
      'grant-ends': { expression: 'cron(0 9 ? * MON *)', timeZone: 'Europe/Paris' },
    });

    await tick(new Date('2026-12-07T07:59:00Z'));
    await tick(new Date('2026-12-07T08:00:20Z'));
    await tick(new Date('2026-12-07T08:01:00Z'));

    expect(runs).toEqual(['grant-ends@08:00:20']);
  });
});
