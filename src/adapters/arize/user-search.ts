import type { User } from '../../domain/arize.ts';
import type { ArizeGraphql } from './arize-graphql.ts';
import type { GatewayContext } from './gateway-context.ts';

interface AccountUsers {
  account: {
    users: {
      pageInfo?: { hasNextPage: boolean; endCursor?: string | null } | null;
      edges: Array<{ node: { id: string; name: string; email: string } }>;
    };
  };
}

const USERS_QUERY = `query getUser($search: String!, $endCursor: String) {
  account { users(search: $search, first: 50, after: $endCursor) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name email } }
  } }
}`;

const MAX_PAGES = 5;

/** Finds users whose name is exactly `name` via GraphQL `account.users(search:)`, read over REST. */
export function createUserSearch(
  ctx: GatewayContext,
  graphql: ArizeGraphql,
  getUser: (id: string) => Promise<User>,
) {
  return async function searchUsersByName(name: string): Promise<User[]> {
    const ids = await ctx.call({ action: `search users named '${name}'` }, async () => {
      const found: string[] = [];
      let cursor: string | null = null;
      for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
        const data: AccountUsers = await graphql.query<AccountUsers>(USERS_QUERY, {
          search: name,
          endCursor: cursor,
        });
        const users = data.account.users;
        for (const { node } of users.edges) if (node.name === name) found.push(node.id);
        cursor = users.pageInfo?.hasNextPage ? (users.pageInfo.endCursor ?? null) : null;
        if (!cursor) break;
      }
      return [...new Set(found)];
    });
    return Promise.all(ids.map((id) => getUser(id)));
  };
}
