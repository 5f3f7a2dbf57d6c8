/**
 * A trigram index for case-insensitive substring filters (`name`, `email`, GraphQL `search`).
 * A selective query reads one short posting list instead of scanning the collection. A query
 * shorter than three characters scans pre-lowered texts. When matches are many, it returns
 * undefined and the caller walks its ordered index instead (matches are dense: the walk stops early).
 */
export class SubstringIndex {
  private readonly postings = new Map<string, Set<number>>();
  /** Lower-cased texts, for queries too short for trigrams (a scan without allocations). */
  private readonly texts = new Map<number, string>();

  constructor(private readonly maxCandidates = 500) {}

  add(n: number, text: string): void {
    this.texts.set(n, text.toLowerCase());
    for (const gram of trigrams(text)) {
      let set = this.postings.get(gram);
      if (!set) {
        set = new Set();
        this.postings.set(gram, set);
      }
      set.add(n);
    }
  }

  remove(n: number, text: string): void {
    this.texts.delete(n);
    for (const gram of trigrams(text)) this.postings.get(gram)?.delete(n);
  }

  /** Entity numbers that may contain `query` (a superset), or undefined to scan instead. */
  candidates(query: string): ReadonlySet<number> | undefined {
    const grams = trigrams(query);
    if (grams.size === 0) return this.scanShort(query.toLowerCase());
    let best: Set<number> | undefined;
    for (const gram of grams) {
      const set = this.postings.get(gram);
      if (!set) return new Set();
      if (!best || set.size < best.size) best = set;
    }
    return best && best.size <= this.maxCandidates ? best : undefined;
  }

  private scanShort(query: string): ReadonlySet<number> | undefined {
    const found = new Set<number>();
    for (const [n, text] of this.texts) {
      if (!text.includes(query)) continue;
      found.add(n);
      if (found.size > this.maxCandidates) return undefined;
    }
    return found;
  }
}

function trigrams(text: string): Set<string> {
  const lower = text.toLowerCase();
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= lower.length; i += 1) grams.add(lower.slice(i, i + 3));
  return grams;
}
