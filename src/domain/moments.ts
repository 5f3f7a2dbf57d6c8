/**
 * Moments as people read them: "in 60 min", "3 h ago", and a UTC fallback for the places that
 * cannot show a moment in the reader's own time zone.
 */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** How far `at` is from `now`, in words: `in 60 min`, `in 3 h`, `in 2 days`, `5 min ago`, `now`. */
export function inWords(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  const distance = Math.abs(ms);
  if (distance < minute) return 'now';
  const amount =
    distance < 90 * minute
      ? `${Math.round(distance / minute)} min`
      : distance < 48 * hour
        ? `${Math.round(distance / hour)} h`
        : `${Math.round(distance / day)} days`;
  return ms > 0 ? `in ${amount}` : `${amount} ago`;
}

/** `2026-12-05 14:06 UTC`: a moment to the minute, for readers without a time zone. */
export const utcText = (at: Date): string =>
  `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A reply field for a moment: Slack shows `at` in the reader's zone beside the words. */
export const momentField = (label: string, at: string, now: Date) => ({
  label,
  value: inWords(new Date(at), now),
  at,
});
