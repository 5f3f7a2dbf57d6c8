import type { Page } from '../../domain/arize.ts';

/** Rows shown per page in Slack; a "more" button runs the same command with the next cursor. */
export const pageSize = 20;

/**
 * Collects a paged list, up to `maxPages` pages (5,000 items at 100 a page), so one command
 * cannot walk an unbounded account.
 */
export async function listAll<T>(
  pageOf: (cursor: string | undefined) => Promise<Page<T>>,
  maxPages = 50,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await pageOf(cursor);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (cursor === undefined) return { items, complete: true };
  }
  return { items, complete: false };
}
