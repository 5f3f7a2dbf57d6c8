import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../src/domain/jobs/schedule-expression.ts';
import { scheduleOverridesSchema, schedulesWith } from '../../../src/domain/jobs/scheduled-jobs.ts';

const fires = (expression: string, at: string, timeZone = 'UTC') => {
  const parsed = parseScheduleExpression(expression, timeZone);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value(new Date(at));
};

describe('schedule expressions, read as EventBridge Scheduler reads them', () => {
  it.each([
    ['rate(1 minute)', '2026-12-07T08:13:00Z', true],
    ['rate(5 minutes)', '2026-12-07T08:15:00Z', true],
    ['rate(5 minutes)', '2026-12-07T08:13:00Z', false],
    ['rate(1 hour)', '2026-12-07T08:00:00Z', true],
    ['rate(1 hour)', '2026-12-07T08:01:00Z', false],
    ['rate(1 day)', '2026-12-07T00:00:00Z', true],
    // Monday 7 December 2026, 08:00 UTC.
    ['cron(0 8 ? * MON *)', '2026-12-07T08:00:00Z', true],
    ['cron(0 8 ? * MON *)', '2026-12-08T08:00:00Z', false],
    ['cron(0 8 ? * 2 *)', '2026-12-07T08:00:00Z', true],
    ['cron(0 8 ? * MON-FRI *)', '2026-12-11T08:00:00Z', true],
    ['cron(0 8 ? * MON-FRI *)', '2026-12-12T08:00:00Z', false],
    ['cron(0/15 * * * ? *)', '2026-12-07T08:45:00Z', true],
    ['cron(0/15 * * * ? *)', '2026-12-07T08:44:00Z', false],
    ['cron(0 9 1 JAN,APR,JUL,OCT ? *)', '2027-01-01T09:00:00Z', true],
    ['cron(0 9 1 JAN,APR,JUL,OCT ? *)', '2027-02-01T09:00:00Z', false],
    ['cron(30 6 * * ? 2027)', '2026-12-07T06:30:00Z', false],
  ])('%s fires at %s: %s', (expression, at, expected) => {
    expect(fires(expression, at)).toBe(expected);
  });

  it('reads a cron in its own time zone (08:00 in Paris is 07:00 UTC in winter)', () => {
    expect(fires('cron(0 8 ? * MON *)', '2026-12-07T07:00:00Z', 'Europe/Paris')).toBe(true);
    expect(fires('cron(0 8 ? * MON *)', '2026-12-07T08:00:00Z', 'Europe/Paris')).toBe(false);
  });

  it.each([
    ['every monday', 'expected rate(N minutes) or cron(...) with six fields'],
    ['cron(0 8 * * MON)', 'six fields'],
    ['cron(0 8 L * ? *)', 'L, W and # are not supported here'],
    ['cron(61 8 * * ? *)', 'minutes "61": expected values from 0 to 59'],
    ['cron(0 8 * * MON *)', 'give day-of-month or day-of-week, and ? for the other'],
    ['cron(0/0 8 * * ? *)', 'the step must be a number ≥ 1'],
    ['rate(0 minutes)', 'the rate must be at least 1'],
  ])('refuses %s, saying why', (expression, why) => {
    const parsed = parseScheduleExpression(expression);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(why);
  });

  it('refuses a time zone that does not exist', () => {
    const parsed = parseScheduleExpression('cron(0 8 * * ? *)', 'Mars/Olympus');
    expect(parsed).toEqual({ ok: false, error: 'Mars/Olympus is not a time zone' });
  });
});

describe('schedule overrides (the deployment`s `schedules`)', () => {
  it('changes only what it names and keeps the rest of each job`s schedule', () => {
    const schedules = schedulesWith(
      scheduleOverridesSchema.parse({ sweep: { timeZone: 'Europe/Paris', enabled: false } }),
    );
    expect(schedules.sweep).toEqual({
      expression: 'rate(5 minutes)',
      timeZone: 'Europe/Paris',
      enabled: false,
    });
    expect(schedules['grant-ends']).toEqual({
      expression: 'rate(1 minute)',
      timeZone: 'UTC',
      enabled: true,
    });
  });

  it.each([
    [{ report: {} }, 'report'],
    [{ sweep: { expression: 'hourly' } }, 'six fields'],
    [{ sweep: { timeZone: 'Paris' } }, 'an IANA time zone'],
    [{ sweep: { every: '5m' } }, 'every'],
  ])('refuses %j, naming the problem', (overrides, problem) => {
    const parsed = scheduleOverridesSchema.safeParse(overrides);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(problem);
  });
});
