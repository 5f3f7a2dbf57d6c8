/** Stored entities of the emulated account. Wire shapes live in wire.ts. */
export const ACCOUNT_ROLES = ['ADMIN', 'MEMBER', 'ANNOTATOR'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export const ORG_ROLES = ['ADMIN', 'MEMBER', 'READ_ONLY', 'ANNOTATOR'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const SPACE_ROLES = ['ADMIN', 'MEMBER', 'READ_ONLY', 'ANNOTATOR'] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];
export const USER_STATUSES = ['ACTIVE', 'INVITED', 'EXPIRED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
/** `INACTIVE` is the terminal soft-deleted state; it is not part of the wire enum. */
export type StoredUserStatus = UserStatus | 'INACTIVE';
export const INVITE_MODES = ['NONE', 'EMAIL_LINK', 'TEMPORARY_PASSWORD'] as const;
export type InviteMode = (typeof INVITE_MODES)[number];
export const API_KEY_TYPES = ['USER', 'SERVICE'] as const;
export type ApiKeyType = (typeof API_KEY_TYPES)[number];
export const API_KEY_STATUSES = ['ACTIVE', 'REVOKED'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

/** A role assignment: a predefined role name or a custom role (by its sequence number). */
export type RoleAssignment<R extends string> =
  | { type: 'PREDEFINED'; name: R }
  | { type: 'CUSTOM'; roleN: number };

export function sameRole<R extends string>(a: RoleAssignment<R>, b: RoleAssignment<R>): boolean {
  if (a.type === 'PREDEFINED' && b.type === 'PREDEFINED') return a.name === b.name;
  if (a.type === 'CUSTOM' && b.type === 'CUSTOM') return a.roleN === b.roleN;
  return false;
}

export interface UserRec {
  n: number;
  id: string;
  ms: number;
  name: string;
  email: string;
  status: StoredUserStatus;
  role: AccountRole;
  isDeveloper: boolean;
  kind: 'human' | 'bot';
}

export interface OrgRec {
  n: number;
  id: string;
  ms: number;
  name: string;
  description: string;
}

export interface SpaceRec {
  n: number;
  id: string;
  ms: number;
  orgN: number;
  name: string;
  description: string;
  isPrivate: boolean;
}

export interface OrgMemberRec {
  n: number;
  id: string;
  userN: number;
  orgN: number;
  role: RoleAssignment<OrgRole>;
}

export interface SpaceMemberRec {
  n: number;
  id: string;
  userN: number;
  spaceN: number;
  role: RoleAssignment<SpaceRole>;
}

export interface CustomRoleRec {
  n: number;
  id: string;
  name: string;
}

/** Service-key bindings: the orgs and spaces the bot user was granted. */
export interface KeyBinding {
  orgN: number;
  orgRole: OrgRole;
  spaces: Array<{ spaceN: number; role: RoleAssignment<SpaceRole> }>;
}

export interface ApiKeyRec {
  n: number;
  id: string;
  ms: number;
  name: string;
  description: string | undefined;
  keyType: ApiKeyType;
  status: ApiKeyStatus;
  /** The current raw secret (the emulator keeps it to authenticate; it is never listed). */
  secret: string;
  expiresMs: number | undefined;
  createdByN: number;
  lastUsedMs: number | undefined;
  /** USER keys authenticate as the creator; SERVICE keys as their bot user. */
  actorN: number;
  accountRole: AccountRole;
  bindings: KeyBinding[];
}

export interface AuditRec {
  n: number;
  id: string;
  ms: number;
  userN: number;
  ip: string;
  operationType: 'QUERY' | 'MUTATION' | 'SUBSCRIPTION';
  operationName: string;
  operationText: string | null;
  variables: string | null;
}

/** One successful state change, for tests that count what really happened. */
export interface MutationRecord {
  seq: number;
  at: string;
  method: string;
  path: string;
  operation: string;
  resourceId?: string;
}
