import type { Page } from '../../domain/arize.ts';

/** Walks every page of a cursor-paged list, yielding items as they arrive. */
export async function* iterateAll<T>(
  pageFn: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await pageFn(cursor);
    yield* page.items;
    cursor = page.nextCursor;
    // A server that repeats a cursor would loop forever; stop instead.
    if (cursor !== undefined) {
      if (seen.has(cursor)) return;
      seen.add(cursor);
    }
  } while (cursor !== undefined);
}

/** Collects every item of a paged list. */
export async function collectAll<T>(
  pageFn: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterateAll(pageFn)) items.push(item);
  return items;
}
