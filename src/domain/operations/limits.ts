/**
 * Caps on how many items one command may touch. The policy may lower them; it cannot raise them
 * above these, which also bound the work a single Slack command can start.
 */
export const itemCaps = {
  /** Users named in one command. */
  users: 25,
  /** Spaces named in one command. */
  spaces: 25,
  /** Users × spaces membership changes in one command. */
  pairs: 100,
} as const;

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

/** Durations in seconds, as the grammar decodes them. */
export const durations = { minute, hour, day } as const;

/** Service API key lifetimes: the default when `--expires` is omitted, and the longest allowed. */
export const keyExpiry = { default: 90 * day, max: 365 * day } as const;

/** Arize keeps a refreshed key's predecessor valid for at most a day (grace_period_seconds). */
export const maxKeyGrace = day;

/** The longest time-bound grant `--for` will accept once time-bound grants exist. */
export const maxGrantDuration = 30 * day;
