/** Counts and durations as people write them: "1 user", "3 spaces", "8 hours", "90 minutes". */

/** `1 user`, `2 users`; `plural` for the irregular ones. */
export const counted = (n: number | bigint, word: string, plural = `${word}s`): string =>
  `${n} ${Number(n) === 1 ? word : plural}`;

const units = [
  { seconds: 86_400, word: 'day' },
  { seconds: 3_600, word: 'hour' },
  { seconds: 60, word: 'minute' },
] as const;

/**
 * A duration in words, in the largest unit it is a whole number of: `2 minutes`, `8 hours`,
 * `1 day`, `90 minutes`; under a minute, rounded up to `1 minute`.
 */
export function durationInWords(seconds: number): string {
  const unit = units.find((u) => seconds >= u.seconds && seconds % u.seconds === 0);
  if (unit) return counted(seconds / unit.seconds, unit.word);
  return counted(Math.max(1, Math.ceil(seconds / 60)), 'minute');
}
