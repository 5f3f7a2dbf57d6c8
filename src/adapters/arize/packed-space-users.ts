export interface SpaceUserNode {
  role?: string | null;
  membership?: string | null;
  customRole?: { id: string; name?: string | null } | null;
  user: { id: string; name: string; email: string };
}
export interface SpaceUsersConnection {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: Array<{ node: SpaceUserNode }>;
}

export const SPACE_USER_FIELDS =
  'pageInfo { hasNextPage endCursor } edges { node { role membership customRole { id name } user { id name email } } }';

/** Arize allows a complexity of 1,000 per query. */
export const GRAPHQL_MAX_COMPLEXITY = 1000;

/**
 * Upper bound of one aliased `node { spaceUsers(first: n) }` under the usual connection rule
 * (a connection costs `first` × its selection): node, connection, pageInfo, then per edge the
 * edge, the node, `user` and `customRole`.
 */
export const spaceUsersComplexity = (first: number): number => 3 + first * 4;

/** What is left to read of one space: from its start, or after a cursor with a known count. */
export interface SpacePage {
  spaceId: string;
  cursor?: string;
  /** Members read of it so far. */
  read: number;
  /** Members not read yet, once a page has told the total. */
  remaining?: number;
}

/** One aliased page of a packed query: which space, from where, how many. */
export interface PackedPage {
  page: SpacePage;
  first: number;
}

/** Arize's largest page of `spaceUsers`. */
const MAX_FIRST = 100;
/** Queries in flight at once (the rate limit, not latency, is what bounds a large read). */
const IN_FLIGHT = 2;

const wanted = (page: SpacePage, firstPage: number) =>
  Math.min(page.remaining ?? firstPage, MAX_FIRST);

/**
 * Takes pages off the queue into one query of at most the complexity limit. A space's first page
 * asks `firstPage` members; later ones ask exactly what is left (the total is known by then), cut
 * to what still fits, so the queries are full and few.
 */
function pack(queue: SpacePage[], firstPage: number): PackedPage[] {
  const batch: PackedPage[] = [];
  let budget = GRAPHQL_MAX_COMPLEXITY;
  while (queue.length > 0 && budget >= spaceUsersComplexity(1)) {
    const page = queue.shift() as SpacePage;
    const fits = Math.floor((budget - spaceUsersComplexity(0)) / 4);
    const first = Math.max(1, Math.min(wanted(page, firstPage), fits));
    batch.push({ page, first });
    budget -= spaceUsersComplexity(first);
  }
  return batch;
}

const queuedCost = (queue: readonly SpacePage[], firstPage: number) =>
  queue.reduce((sum, page) => sum + spaceUsersComplexity(wanted(page, firstPage)), 0);

/** The aliased document of a packed batch: `s0 … sN`, each with its own `first` and cursor. */
export function packedQuery(batch: readonly PackedPage[]) {
  const vars = batch.map((_, i) => `$s${i}: ID!, $a${i}: String`).join(', ');
  const fields = batch
    .map(
      ({ first }, i) =>
        `s${i}: node(id: $s${i}) { ... on Space { id spaceUsers(first: ${first}, after: $a${i}) { totalCount ${SPACE_USER_FIELDS} } } }`,
    )
    .join('\n  ');
  const variables = Object.fromEntries(
    batch.flatMap(({ page }, i) => [
      [`s${i}`, page.spaceId],
      [`a${i}`, page.cursor ?? null],
    ]),
  );
  return { document: `query spaceUsersMany(${vars}) {\n  ${fields}\n}`, variables };
}

/**
 * Reads every page of the spaces through packed queries, two in flight. A query is sent when a
 * full one can be packed, or when nothing else is in flight (whose answers would add pages), so
 * only the last query of a read is partly empty. `send` answers each page's connection in order.
 */
export async function readPacked(
  start: SpacePage[],
  firstPage: number,
  send: (batch: PackedPage[]) => Promise<SpaceUsersConnection[]>,
): Promise<void> {
  const queue = [...start];
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const run = async (batch: PackedPage[]) => {
    const connections = await send(batch);
    batch.forEach(({ page }, i) => {
      const connection = connections[i] as SpaceUsersConnection;
      const cursor = connection.pageInfo.endCursor;
      if (!connection.pageInfo.hasNextPage || !cursor) return;
      const read = page.read + connection.edges.length;
      // Without a total (or with one already passed) the next page asks a first page's worth.
      const left = connection.totalCount === undefined ? 0 : connection.totalCount - read;
      queue.push({ spaceId: page.spaceId, cursor, read, ...(left > 0 ? { remaining: left } : {}) });
    });
  };
  while ((queue.length > 0 || inFlight.size > 0) && !failure) {
    const full = queuedCost(queue, firstPage) >= GRAPHQL_MAX_COMPLEXITY;
    if (queue.length > 0 && inFlight.size < IN_FLIGHT && (full || inFlight.size === 0)) {
      const sent: Promise<void> = run(pack(queue, firstPage))
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => inFlight.delete(sent));
      inFlight.add(sent);
      continue;
    }
    await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
}
