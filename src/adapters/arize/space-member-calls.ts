import type { ArizeGateway } from '../../app/ports.ts';
import type { SpaceMember } from '../../domain/arize.ts';
import type { ArizeGraphql } from './arize-graphql.ts';
import { mapWithConcurrency } from './concurrency-limit.ts';
import type { GatewayContext } from './gateway-context.ts';
import { collectAll } from './iterate-all.ts';
import { ArizeHttpError } from './transport-errors.ts';

interface SpaceUserNode {
  role?: string | null;
  membership?: string | null;
  customRole?: { id: string; name?: string | null } | null;
  user: { id: string; name: string; email: string };
}
interface SpaceUsersConnection {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: Array<{ node: SpaceUserNode }>;
}
type SpaceNode = { id?: string; spaceUsers?: SpaceUsersConnection } | null;

const SPACE_USER_FIELDS =
  'pageInfo { hasNextPage endCursor } edges { node { role membership customRole { id name } user { id name email } } }';

const SPACE_USERS_QUERY = `query getSpaceUsers($spaceId: ID!, $first: Int, $endCursor: String, $search: String) {
  node(id: $spaceId) { ... on Space { id spaceUsers(first: $first, after: $endCursor, search: $search) { ${SPACE_USER_FIELDS} } } }
}`;

/** Arize allows a complexity of 1,000 per query. */
export const GRAPHQL_MAX_COMPLEXITY = 1000;

/**
 * Upper bound of one aliased `node { spaceUsers(first: n) }` under the usual connection rule
 * (a connection costs `first` × its selection): node, connection, pageInfo, then per edge the
 * edge, the node, `user` and `customRole`.
 */
export const spaceUsersComplexity = (first: number): number => 3 + first * 4;

const GRAPHQL_ROLES: Record<string, string> = {
  admin: 'ADMIN',
  member: 'MEMBER',
  readOnly: 'READ_ONLY',
  annotator: 'ANNOTATOR',
};

/** A GraphQL space user in the domain's spelling (REST role names). */
export function toSpaceMember(node: SpaceUserNode): SpaceMember {
  const raw = node.role ?? '';
  const role =
    GRAPHQL_ROLES[raw] ??
    (raw ? raw.toUpperCase() : node.customRole ? (node.customRole.name ?? node.customRole.id) : '');
  return {
    user: { id: node.user.id, name: node.user.name, email: node.user.email },
    role,
    membership: node.membership ?? 'EXPLICIT_MEMBERSHIP',
  };
}

const spaceNotFound = (spaceId: string) =>
  new ArizeHttpError(
    404,
    { status: 404, detail: `No space with id ${spaceId}.` },
    { method: 'POST', path: '/graphql' },
  );

type MemberCalls = Pick<ArizeGateway, 'listSpaceMembers' | 'listSpaceMembersMany'>;

export interface SpaceMemberOptions {
  /** Members fetched per space in a batched query (default 25). */
  batchFirst?: number;
}

/** Space members with roles, through GraphQL `spaceUsers`. */
export function createSpaceMemberCalls(
  ctx: GatewayContext,
  graphql: ArizeGraphql,
  options: SpaceMemberOptions = {},
): MemberCalls {
  const batchFirst = options.batchFirst ?? 25;

  const page = async (spaceId: string, first: number, cursor?: string, search?: string) => {
    const data = await graphql.query<{ node: SpaceNode }>(SPACE_USERS_QUERY, {
      spaceId,
      first,
      endCursor: cursor ?? null,
      search: search ?? null,
    });
    const connection = data.node?.spaceUsers;
    if (!connection) throw spaceNotFound(spaceId);
    return connection;
  };

  const calls: MemberCalls = {
    listSpaceMembers: (spaceId, query = {}) =>
      ctx.call(
        { action: 'list the members of the space', target: `space ${spaceId}` },
        async () => {
          const connection = await page(
            ctx.requireId('space', spaceId),
            Math.min(Math.max(query.limit ?? 50, 1), 100),
            query.cursor,
            query.search,
          );
          const result = { items: connection.edges.map((e) => toSpaceMember(e.node)) };
          const next = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : undefined;
          return next ? { ...result, nextCursor: next } : result;
        },
      ),

    listSpaceMembersMany: (spaceIds) =>
      ctx.call({ action: 'list the members of the spaces' }, async () => {
        const unique = [...new Set(spaceIds.map((id) => ctx.requireId('space', id)))];
        const perQuery = Math.max(
          1,
          Math.floor(GRAPHQL_MAX_COMPLEXITY / spaceUsersComplexity(batchFirst)),
        );
        const batches: string[][] = [];
        for (let i = 0; i < unique.length; i += perQuery)
          batches.push(unique.slice(i, i + perQuery));
        const result = new Map<string, SpaceMember[]>();
        const follow: Array<{ spaceId: string; cursor: string }> = [];
        await mapWithConcurrency(batches, 2, async (batch) => {
          const vars = batch.map((_, i) => `$s${i}: ID!`).join(', ');
          const fields = batch
            .map(
              (_, i) =>
                `s${i}: node(id: $s${i}) { ... on Space { id spaceUsers(first: ${batchFirst}) { ${SPACE_USER_FIELDS} } } }`,
            )
            .join('\n  ');
          const document = `query spaceUsersMany(${vars}) {\n  ${fields}\n}`;
          const variables = Object.fromEntries(batch.map((id, i) => [`s${i}`, id]));
          const data = await graphql.query<Record<string, SpaceNode>>(document, variables);
          batch.forEach((spaceId, i) => {
            const connection = data[`s${i}`]?.spaceUsers;
            if (!connection) throw spaceNotFound(spaceId);
            result.set(
              spaceId,
              connection.edges.map((e) => toSpaceMember(e.node)),
            );
            const cursor = connection.pageInfo.endCursor;
            if (connection.pageInfo.hasNextPage && cursor) follow.push({ spaceId, cursor });
          });
        });
        // Spaces with more members than one batch page are finished one by one.
        for (const { spaceId, cursor } of follow) {
          const rest = await collectAll(async (c) => {
            const connection = await page(spaceId, 100, c ?? cursor);
            const next = connection.pageInfo.hasNextPage
              ? connection.pageInfo.endCursor
              : undefined;
            return {
              items: connection.edges.map((e) => toSpaceMember(e.node)),
              ...(next ? { nextCursor: next } : {}),
            };
          });
          result.get(spaceId)?.push(...rest);
        }
        return new Map(spaceIds.map((id) => [id, result.get(id) ?? []]));
      }),
  };
  return calls;
}
