import { compareKeys, type OrderedIndex, type SortKey } from './ordered-index.ts';
import { badRequest } from './problem.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

export interface PageRequest {
  limit: number;
  after: SortKey | undefined;
}

export interface PageResult<T> {
  items: T[];
  /** Key of the last item returned, present only when more items follow. */
  next: SortKey | undefined;
}

const CURSOR = /^c1\.(-?\d{1,16})\.(\d{1,12})$/;

export function encodeCursor(key: SortKey): string {
  return Buffer.from(`c1.${key.ms}.${key.n}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SortKey | undefined {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor)) return undefined;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return undefined;
  return { ms: Number(match[1]), n: Number(match[2]) };
}

/** Parses `limit` (1–100, default 50) and `cursor`; anything else is a 400. */
export function parsePageParams(query: URLSearchParams): PageRequest {
  const rawLimit = query.get('limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      throw badRequest(`'limit' must be an integer between 1 and ${MAX_LIMIT}.`);
    }
    limit = Number(rawLimit);
  }
  const rawCursor = query.get('cursor');
  let after: SortKey | undefined;
  if (rawCursor !== null && rawCursor !== '') {
    after = decodeCursor(rawCursor);
    if (!after) throw badRequest("'cursor' is not a valid pagination cursor.");
  }
  return { limit, after };
}

/** Seeks to the cursor, then walks forward keeping matches until one more than the limit is seen. */
export function pageFromIndex<T>(
  index: OrderedIndex,
  page: PageRequest,
  get: (n: number) => T | undefined,
  keep: (item: T) => boolean,
): PageResult<T> {
  const items: T[] = [];
  let last: SortKey | undefined;
  for (let i = index.seekAfter(page.after); i < index.size; i += 1) {
    const key = index.at(i) as SortKey;
    const item = get(key.n);
    if (item === undefined || !keep(item)) continue;
    if (items.length === page.limit) return { items, next: last };
    items.push(item);
    last = key;
  }
  return { items, next: undefined };
}

/** Pages an already sorted array of keyed items (small collections such as API keys). */
export function pageFromSorted<T>(
  rows: ReadonlyArray<{ key: SortKey; item: T }>,
  page: PageRequest,
  compare: (a: SortKey, b: SortKey) => number,
): PageResult<T> {
  const items: T[] = [];
  let last: SortKey | undefined;
  for (const row of rows) {
    if (page.after !== undefined && compare(row.key, page.after) <= 0) continue;
    if (items.length === page.limit) return { items, next: last };
    items.push(row.item);
    last = row.key;
  }
  return { items, next: undefined };
}

/** The wire `pagination` object: `next_cursor` only when `has_more`. */
export function paginationJson(next: SortKey | undefined): {
  has_more: boolean;
  next_cursor?: string;
} {
  return next === undefined
    ? { has_more: false }
    : { has_more: true, next_cursor: encodeCursor(next) };
}

/**
 * Pages a filtered list: from trigram candidates when the filter is selective (sorted, then
 * seeked past the cursor), otherwise by walking the ordered index.
 */
export function pageFiltered<T extends SortKey>(
  index: OrderedIndex,
  candidates: ReadonlySet<number> | undefined,
  page: PageRequest,
  get: (n: number) => T | undefined,
  keep: (item: T) => boolean,
): PageResult<T> {
  if (candidates === undefined) return pageFromIndex(index, page, get, keep);
  const rows: Array<{ key: SortKey; item: T }> = [];
  for (const n of candidates) {
    const item = get(n);
    if (item !== undefined && keep(item)) rows.push({ key: { ms: item.ms, n: item.n }, item });
  }
  rows.sort((a, b) => compareKeys(a.key, b.key));
  return pageFromSorted(rows, page, compareKeys);
}
