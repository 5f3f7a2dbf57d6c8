import { editDistance } from '../../domain/suggest.ts';

/**
 * The candidates a person probably meant: same name in another case, a small typo (distance
 * ≤ a third of the length, at least 2), or a name containing what they typed. Closest first.
 */
export function nearNames(input: string, candidates: Iterable<string>, max = 3): string[] {
  const wanted = input.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(candidates)) {
    if (name === input) continue;
    const lower = name.toLowerCase();
    const distance = editDistance(wanted, lower);
    if (distance <= limit) scored.push({ name, score: distance });
    else if (wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower))) {
      scored.push({ name, score: limit + 1 });
    }
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** " Did you mean 'a' or 'b'?" or "" when nothing is near. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const near = nearNames(input, candidates);
  if (near.length === 0) return '';
  const quoted = near.map((n) => `'${n}'`);
  const list =
    quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return ` Did you mean ${list}?`;
}
