/**
 * Arize account entities as the bot sees them (camelCase, decoded from the REST v2 wire format by
 * the gateway). Roles use the REST spelling.
 */
export const OrgRoles = ['ADMIN', 'MEMBER', 'READ_ONLY', 'ANNOTATOR'] as const;
export type OrgRole = (typeof OrgRoles)[number];
export const SpaceRoles = ['ADMIN', 'MEMBER', 'READ_ONLY', 'ANNOTATOR'] as const;
export type SpaceRole = (typeof SpaceRoles)[number];
export const AccountRoles = ['ADMIN', 'MEMBER', 'ANNOTATOR'] as const;
export type AccountRole = (typeof AccountRoles)[number];
export const UserStatuses = ['ACTIVE', 'INVITED', 'EXPIRED'] as const;
export type UserStatus = (typeof UserStatuses)[number];
export const InviteModes = ['NONE', 'EMAIL_LINK', 'TEMPORARY_PASSWORD'] as const;
export type InviteMode = (typeof InviteModes)[number];

export interface Organization {
  id: string;
  name: string;
  description: string;
  createdAt: string;
}

export interface Space {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  isPrivate: boolean;
  /** Present when the source says which organization the space belongs to. */
  organizationId?: string;
}

export interface User {
  id: string;
  name: string;
  email: string;
  createdAt: string;
  status: UserStatus;
  role: AccountRole | { custom: string };
  isDeveloper: boolean;
}

export interface OrgMembership {
  id: string;
  userId: string;
  organizationId: string;
  role: OrgRole | { custom: string };
}

export interface SpaceMembership {
  id: string;
  userId: string;
  spaceId: string;
  role: SpaceRole | { custom: string };
}

/** A space member as GraphQL `spaceUsers` reports it (explicit or implicit through admin roles). */
export interface SpaceMember {
  user: { id: string; name: string; email: string };
  role: string;
  /** How the access was granted: EXPLICIT_MEMBERSHIP, ACCOUNT_ADMIN, ORGANIZATION_ADMIN, … */
  membership: string;
}

export interface ApiKey {
  id: string;
  name: string;
  description: string;
  keyType: 'USER' | 'SERVICE';
  status: 'ACTIVE' | 'REVOKED';
  redactedKey: string;
  createdAt: string;
  expiresAt?: string;
  createdByUserId: string;
  lastUsedAt?: string;
}

/** An API key freshly created or refreshed: `key` is the raw secret, shown once and never stored. */
export interface ApiKeyWithSecret extends ApiKey {
  key: string;
}

/** One entry of Arize's own audit log (`GET /v2/audit-logs`), newest first. */
export interface AuditLogEntry {
  id: string;
  userId: string;
  ip: string;
  operationType: 'QUERY' | 'MUTATION' | 'SUBSCRIPTION';
  operationName?: string;
  createdAt: string;
}

/** One page of a list, and the cursor of the next page when there is one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
