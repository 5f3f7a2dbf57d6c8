import type { RawResponse } from './target.ts';

/** Queries exactly as arize_toolkit renders them (reference §2.4). */
export const GET_SPACE_USERS = `query getSpaceUsers($spaceId: ID!, $first: Int, $endCursor: String, $search: String, $userType: UserType) {
  node(id: $spaceId) {
    ... on Space {
      spaceUsers(first: $first, after: $endCursor, search: $search, userType: $userType) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { role membership customRole { id name } user { id name email } } }
      }
    }
  }
}`;

export const GET_USER = `query getUser($search: String!) {
  account { users(search: $search, first: 10) { edges { node { id name email status accountRole userType createdAt } } } }
}`;

export const GET_SPACE_BY_NAME = `query getSpaceByName($organization_id: ID!, $spaceName: String!) {
  node(id: $organization_id) {
    ... on AccountOrganization {
      spaces(search: $spaceName, first: 10) { edges { node { id name createdAt description private } } }
    }
  }
}`;

export const ASSIGN_SPACE_MEMBERSHIP = `mutation assignSpaceMembership($input: AssignSpaceMembershipMutationInput!) {
  assignSpaceMembership(input: $input) { spaceMemberships { id role user { id name email } } }
}`;

export const REMOVE_SPACE_MEMBER = `mutation removeSpaceMember($input: RemoveSpaceMemberMutationInput!) {
  removeSpaceMember(input: $input) { space { id name } }
}`;

/** Several spaces' members in one query, one alias per space (getSpaceUsers' selection: 203 each at first 50). */
export function aliasedSpaceUsers(spaceIds: readonly string[], first: number): string {
  const parts = spaceIds.map(
    (id, i) =>
      `s${i}: node(id: "${id}") { ... on Space { id spaceUsers(first: ${first}) { totalCount pageInfo { hasNextPage endCursor } edges { node { role membership customRole { id name } user { id name email } } } } } }`,
  );
  return `query spaceMembersBatch { ${parts.join('\n')} }`;
}

export async function gql(
  baseUrl: string,
  key: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers['x-api-key'] = key;
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
