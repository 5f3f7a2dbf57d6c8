/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The candidates closest to `input` (case-insensitive), nearest first, within a sane distance. */
export function closest(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  const limit = Math.max(2, Math.floor(needle.length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(needle, candidate.toLowerCase()) }))
    .filter(
      ({ candidate, distance }) => distance <= limit || candidate.toLowerCase().startsWith(needle),
    )
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map(({ candidate }) => candidate);
}

/** Only the candidates at the smallest distance from `input`, among those `closest` accepts. */
export function nearest(input: string, candidates: readonly string[]): string[] {
  const found = closest(input, candidates, candidates.length);
  const needle = input.toLowerCase();
  const distances = found.map((c) => editDistance(needle, c.toLowerCase()));
  const best = Math.min(...distances);
  return found.filter((_, i) => distances[i] === best);
}
