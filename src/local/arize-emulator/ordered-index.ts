/** A sort key: creation time, then sequence number (unique). Lists page oldest first. */
export interface SortKey {
  ms: number;
  n: number;
}

export function compareKeys(a: SortKey, b: SortKey): number {
  return a.ms - b.ms || a.n - b.n;
}

/**
 * Sorted array of keys with binary-search insert, remove and seek, so a cursor page costs
 * O(log n + page) instead of a scan from the start.
 */
export class OrderedIndex {
  private readonly keys: SortKey[] = [];

  get size(): number {
    return this.keys.length;
  }

  insert(key: SortKey): void {
    const last = this.keys[this.keys.length - 1];
    if (last === undefined || compareKeys(last, key) < 0) {
      this.keys.push(key);
      return;
    }
    this.keys.splice(this.lowerBound(key), 0, key);
  }

  remove(key: SortKey): void {
    const i = this.lowerBound(key);
    const found = this.keys[i];
    if (found !== undefined && compareKeys(found, key) === 0) this.keys.splice(i, 1);
  }

  /** Position of the first key strictly after `after` (0 without a cursor). */
  seekAfter(after: SortKey | undefined): number {
    if (after === undefined) return 0;
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const key = this.keys[mid] as SortKey;
      if (compareKeys(key, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  at(i: number): SortKey | undefined {
    return this.keys[i];
  }

  private lowerBound(key: SortKey): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.keys[mid] as SortKey, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
