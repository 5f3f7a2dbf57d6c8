import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The subset of Arize's GraphQL schema that arize_toolkit and arize-ops use (reference §2).
 * Enum spellings follow the toolkit: space roles `admin|member|readOnly|annotator`.
 */
export const SCHEMA_SDL = /* GraphQL */ `
  interface Node {
    id: ID!
  }

  enum UserType {
    human
    bot
  }
  enum UserStatus {
    active
    invited
    expired
    inactive
  }
  enum AccountRole {
    admin
    member
    annotator
  }
  enum SpaceMemberRole {
    admin
    member
    readOnly
    annotator
  }
  "How a user gets access to a space."
  enum SpaceMembership {
    ACCOUNT_ADMIN
    ORGANIZATION_ADMIN
    EXPLICIT_MEMBERSHIP
    PUBLIC_MEMBERSHIP
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Query {
    node(id: ID!): Node
    account: Account!
  }

  type Account {
    id: ID!
    name: String!
    users(search: String, first: Int, after: String, userType: UserType): AccountUserConnection!
    organizations(search: String, first: Int, after: String): AccountOrganizationConnection!
  }

  type User implements Node {
    id: ID!
    name: String!
    email: String!
    status: UserStatus!
    accountRole: AccountRole!
    userType: UserType!
    createdAt: String!
    developer: Boolean!
  }
  type AccountUserEdge {
    cursor: String!
    node: User!
  }
  type AccountUserConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    edges: [AccountUserEdge!]!
  }

  type AccountOrganization implements Node {
    id: ID!
    name: String!
    description: String!
    createdAt: String!
    spaces(search: String, first: Int, after: String): SpaceConnection!
  }
  type AccountOrganizationEdge {
    cursor: String!
    node: AccountOrganization!
  }
  type AccountOrganizationConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    edges: [AccountOrganizationEdge!]!
  }

  type Space implements Node {
    id: ID!
    name: String!
    description: String!
    createdAt: String!
    private: Boolean!
    organization: AccountOrganization!
    spaceUsers(first: Int, after: String, search: String, userType: UserType): SpaceUserConnection!
  }
  type SpaceEdge {
    cursor: String!
    node: Space!
  }
  type SpaceConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    edges: [SpaceEdge!]!
  }

  type CustomRole {
    id: ID!
    name: String!
  }
  type SpaceUser {
    id: ID!
    role: SpaceMemberRole
    membership: SpaceMembership!
    customRole: CustomRole
    user: User!
  }
  type SpaceUserEdge {
    cursor: String!
    node: SpaceUser!
  }
  type SpaceUserConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    edges: [SpaceUserEdge!]!
  }

  "An explicit space membership (mutation results)."
  type SpaceMember {
    id: ID!
    role: SpaceMemberRole
    customRole: CustomRole
    user: User!
    space: Space!
  }

  input CreateOrganizationMutationInput {
    name: String!
    description: String
    clientMutationId: String
  }
  type CreateOrganizationMutationPayload {
    organization: AccountOrganization!
    clientMutationId: String
  }
  input CreateSpaceMutationInput {
    accountOrganizationId: ID!
    name: String!
    private: Boolean
    description: String
    clientMutationId: String
  }
  type SpaceMutationPayload {
    space: Space!
    clientMutationId: String
  }
  input UpdateSpaceMutationInput {
    spaceId: ID!
    name: String
    private: Boolean
    description: String
    gradientStartColor: String
    gradientEndColor: String
    mlModelsEnabled: Boolean
    clientMutationId: String
  }
  input SpaceMembershipInput {
    userId: ID!
    spaceId: ID!
    role: SpaceMemberRole
    customRoleId: ID
  }
  input AssignSpaceMembershipMutationInput {
    spaceMemberships: [SpaceMembershipInput!]!
    clientMutationId: String
  }
  type AssignSpaceMembershipMutationPayload {
    spaceMemberships: [SpaceMember!]!
    clientMutationId: String
  }
  input RemoveSpaceMemberMutationInput {
    spaceId: ID!
    userId: ID!
    clientMutationId: String
  }

  type Mutation {
    createOrganization(input: CreateOrganizationMutationInput!): CreateOrganizationMutationPayload
    createSpace(input: CreateSpaceMutationInput!): SpaceMutationPayload
    updateSpace(input: UpdateSpaceMutationInput!): SpaceMutationPayload
    assignSpaceMembership(input: AssignSpaceMembershipMutationInput!): AssignSpaceMembershipMutationPayload
    removeSpaceMember(input: RemoveSpaceMemberMutationInput!): SpaceMutationPayload
  }
`;

let cached: GraphQLSchema | undefined;

export function emulatorSchema(): GraphQLSchema {
  cached ??= buildSchema(SCHEMA_SDL);
  return cached;
}
