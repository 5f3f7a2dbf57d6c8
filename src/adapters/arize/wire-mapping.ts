import type {
  ApiKeyCreated,
  ApiKeyRefreshed,
  AuditLog,
  ApiKey as AxApiKey,
  Organization as AxOrganization,
  Space as AxSpace,
  SpaceMembership as AxSpaceMembership,
  User as AxUser,
  OrganizationMembership,
  PaginatedResponse,
} from '@arizeai/ax-client';
import type {
  AccountRole,
  ApiKey,
  ApiKeyWithSecret,
  AuditLogEntry,
  Organization,
  OrgMembership,
  Page,
  Space,
  SpaceMembership,
  User,
} from '../../domain/arize.ts';

type RoleAssignment<R extends string> =
  | { type: 'PREDEFINED'; name: R }
  | { type: 'CUSTOM'; id: string; name?: string };

const iso = (value: Date | string): string =>
  typeof value === 'string' ? new Date(value).toISOString() : value.toISOString();
const isoOrUndefined = (value: Date | string | null | undefined): string | undefined =>
  value == null ? undefined : iso(value);

/** A role as the domain spells it: the predefined name, or `{ custom }` with the role id. */
export function roleFromWire<R extends string>(role: RoleAssignment<R>): R | { custom: string } {
  return role.type === 'PREDEFINED' ? role.name : { custom: role.id };
}

/** The REST role assignment for a predefined role. */
export const predefinedRole = <R extends string>(name: R) => ({
  type: 'PREDEFINED' as const,
  name,
});

export function toPage<A, B>(response: PaginatedResponse<A>, map: (item: A) => B): Page<B> {
  const page: Page<B> = { items: response.data.map(map) };
  if (response.pagination.hasMore && response.pagination.nextCursor) {
    page.nextCursor = response.pagination.nextCursor;
  }
  return page;
}

export const toOrganization = (org: AxOrganization): Organization => ({
  id: org.id,
  name: org.name,
  description: org.description ?? '',
  createdAt: iso(org.createdAt),
});

export function toSpace(space: AxSpace, organizationId?: string): Space {
  const result: Space = {
    id: space.id,
    name: space.name,
    description: space.description ?? '',
    createdAt: iso(space.createdAt),
    isPrivate: space.isPrivate ?? false,
  };
  if (organizationId) result.organizationId = organizationId;
  return result;
}

export const toUser = (user: AxUser): User => ({
  id: user.id,
  name: user.name,
  email: user.email,
  createdAt: iso(user.createdAt),
  status: user.status,
  role: roleFromWire<AccountRole>(user.role),
  isDeveloper: user.isDeveloper,
});

export const toOrgMembership = (m: OrganizationMembership): OrgMembership => ({
  id: m.id,
  userId: m.userId,
  organizationId: m.organizationId,
  role: roleFromWire(m.role),
});

export const toSpaceMembership = (m: AxSpaceMembership): SpaceMembership => ({
  id: m.id,
  userId: m.userId,
  spaceId: m.spaceId,
  role: roleFromWire(m.role),
});

export function toApiKey(key: AxApiKey): ApiKey {
  const result: ApiKey = {
    id: key.id,
    name: key.name,
    description: key.description ?? '',
    keyType: key.keyType,
    status: key.status,
    redactedKey: key.redactedKey,
    createdAt: iso(key.createdAt),
    createdByUserId: key.createdByUserId,
  };
  const expiresAt = isoOrUndefined(key.expiresAt);
  if (expiresAt) result.expiresAt = expiresAt;
  const lastUsedAt = isoOrUndefined(key.lastUsedAt);
  if (lastUsedAt) result.lastUsedAt = lastUsedAt;
  return result;
}

export const toApiKeyWithSecret = (key: ApiKeyCreated | ApiKeyRefreshed): ApiKeyWithSecret => ({
  ...toApiKey(key),
  key: key.key,
});

export function toAuditLogEntry(entry: AuditLog): AuditLogEntry {
  const result: AuditLogEntry = {
    id: entry.id,
    userId: entry.userId,
    ip: entry.ip,
    operationType: entry.operationType,
    createdAt: iso(entry.createdAt),
  };
  if (entry.operationName) result.operationName = entry.operationName;
  return result;
}
