import type { ArizeGateway } from '../../app/ports.ts';
import type { SpaceMember } from '../../domain/arize.ts';
import type { ArizeGraphql } from './arize-graphql.ts';
import type { GatewayContext } from './gateway-context.ts';
import {
  packedQuery,
  readPacked,
  SPACE_USER_FIELDS,
  type SpaceUserNode,
  type SpaceUsersConnection,
} from './packed-space-users.ts';
import { ArizeHttpError } from './transport-errors.ts';

type SpaceNode = { id?: string; spaceUsers?: SpaceUsersConnection } | null;

const SPACE_USERS_QUERY = `query getSpaceUsers($spaceId: ID!, $first: Int, $endCursor: String, $search: String) {
  node(id: $spaceId) { ... on Space { id spaceUsers(first: $first, after: $endCursor, search: $search) { ${SPACE_USER_FIELDS} } } }
}`;

export { GRAPHQL_MAX_COMPLEXITY, spaceUsersComplexity } from './packed-space-users.ts';

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
  /** Members asked of a space in its first, packed page (default 20); later pages ask exactly what is left. */
  batchFirst?: number;
}

/** Space members with roles, through GraphQL `spaceUsers`. */
export function createSpaceMemberCalls(
  ctx: GatewayContext,
  graphql: ArizeGraphql,
  options: SpaceMemberOptions = {},
): MemberCalls {
  const batchFirst = options.batchFirst ?? 20;

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
        const result = new Map<string, SpaceMember[]>(unique.map((id) => [id, []]));
        await readPacked(
          unique.map((spaceId) => ({ spaceId, read: 0 })),
          batchFirst,
          async (batch) => {
            const { document, variables } = packedQuery(batch);
            const data = await graphql.query<Record<string, SpaceNode>>(document, variables);
            return batch.map(({ page }, i) => {
              const connection = data[`s${i}`]?.spaceUsers;
              if (!connection) throw spaceNotFound(page.spaceId);
              result.get(page.spaceId)?.push(...connection.edges.map((e) => toSpaceMember(e.node)));
              return connection;
            });
          },
        );
        return new Map(spaceIds.map((id) => [id, result.get(id) ?? []]));
      }),
  };
  return calls;
}
