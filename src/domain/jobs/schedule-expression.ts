import { err, ok, type Result } from '../result.ts';

/** A parsed schedule: true for each minute it fires at (in its own time zone, for crons). */
export type MinuteMatcher = (minute: Date) => boolean;

const units = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 } as const;
const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const weekdays = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The six cron fields of EventBridge: minutes hours day-of-month month day-of-week year. */
const cronFields = [
  { name: 'minutes', min: 0, max: 59, names: [] as string[] },
  { name: 'hours', min: 0, max: 23, names: [] },
  { name: 'day-of-month', min: 1, max: 31, names: [] },
  { name: 'month', min: 1, max: 12, names: months },
  // EventBridge counts the week from 1 = SUN to 7 = SAT.
  { name: 'day-of-week', min: 1, max: 7, names: weekdays },
  { name: 'year', min: 1970, max: 2199, names: [] },
] as const;

/**
 * Parses `rate(N unit)` or `cron(m h dom mon dow year)` as EventBridge Scheduler reads them, so
 * the local scheduler fires on the same minutes as AWS. Lists, ranges, steps, `*`, `?` and
 * month/day names are supported; `L`, `W` and `#` are refused by name.
 */
export function parseScheduleExpression(
  expression: string,
  timeZone = 'UTC',
): Result<MinuteMatcher, string> {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (rate) {
    const every = Number(rate[1]) * units[rate[2] as keyof typeof units];
    if (every < 1) return err(`${expression}: the rate must be at least 1`);
    return ok((minute) => Math.floor(minute.getTime() / 60_000) % every === 0);
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  const parts = cron?.[1]?.trim().split(/\s+/) ?? [];
  if (parts.length !== 6) {
    return err(`${expression}: expected rate(N minutes) or cron(...) with six fields`);
  }
  const sets: Array<Set<number> | 'any'> = [];
  for (const [i, field] of cronFields.entries()) {
    const parsed = parseField(parts[i] ?? '', field);
    if (!parsed.ok) return err(`${expression}: ${field.name} ${parsed.error}`);
    sets.push(parsed.value);
  }
  const [minutes, hours, dom, month, dow, year] = sets;
  // EventBridge wants exactly one of the two day fields to be `?`.
  if ((parts[2] === '?') === (parts[4] === '?')) {
    return err(`${expression}: give day-of-month or day-of-week, and ? for the other`);
  }
  let wallClock: Intl.DateTimeFormat;
  try {
    wallClock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
  } catch {
    return err(`${timeZone} is not a time zone`);
  }
  const has = (set: Set<number> | 'any' | undefined, value: number) =>
    set === 'any' || set === undefined || set.has(value);
  return ok((minute) => {
    const part = Object.fromEntries(
      wallClock.formatToParts(minute).map(({ type, value }) => [type, value]),
    );
    return (
      has(minutes, Number(part.minute)) &&
      has(hours, Number(part.hour)) &&
      has(dom, Number(part.day)) &&
      has(month, Number(part.month)) &&
      has(dow, weekdays.indexOf(String(part.weekday).toUpperCase()) + 1) &&
      has(year, Number(part.year))
    );
  });
}

function parseField(
  text: string,
  field: (typeof cronFields)[number],
): Result<Set<number> | 'any', string> {
  if (text === '*' || text === '?') return ok('any');
  if (text.split(',').some((item) => /^(\d*L|\d+W|LW|\w+#\d+)$/i.test(item))) {
    return err(`"${text}": L, W and # are not supported here`);
  }
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return err(`"${item}": the step must be a number ≥ 1`);
    const [fromText = '', toText] =
      range === '*' ? [String(field.min), String(field.max)] : range.split('-');
    const from = fieldValue(fromText, field);
    const to =
      toText === undefined
        ? stepText === undefined
          ? from
          : field.max
        : fieldValue(toText, field);
    if (from === undefined || to === undefined || from > to) {
      return err(`"${item}": expected values from ${field.min} to ${field.max}`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return ok(values);
}

function fieldValue(text: string, field: (typeof cronFields)[number]): number | undefined {
  const named = (field.names as readonly string[]).indexOf(text.toUpperCase());
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : undefined;
}
