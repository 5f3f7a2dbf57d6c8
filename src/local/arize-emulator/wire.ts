import { encodeId, ID_TYPES } from './ids.ts';
import type {
  ApiKeyRec,
  OrgMemberRec,
  OrgRec,
  RoleAssignment,
  SpaceMemberRec,
  SpaceRec,
  UserRec,
} from './model.ts';
import type { AccountStore } from './store.ts';

/** REST v2 wire shapes: snake_case, upper-case enums, role objects `{type, name|id}`. */
export const iso = (ms: number): string => new Date(ms).toISOString();

export function orgJson(org: OrgRec) {
  return { id: org.id, name: org.name, description: org.description, created_at: iso(org.ms) };
}

export function spaceJson(space: SpaceRec) {
  return {
    id: space.id,
    name: space.name,
    description: space.description,
    created_at: iso(space.ms),
    is_private: space.isPrivate,
  };
}

export function userJson(user: UserRec) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    created_at: iso(user.ms),
    // Deleted (INACTIVE) users are 404 everywhere on REST, so they never reach this mapping.
    status: user.status === 'INACTIVE' ? 'EXPIRED' : user.status,
    role: { type: 'PREDEFINED' as const, name: user.role },
    is_developer: user.isDeveloper,
  };
}

export function roleJson<R extends string>(store: AccountStore, role: RoleAssignment<R>) {
  if (role.type === 'PREDEFINED') return { type: 'PREDEFINED' as const, name: role.name };
  const custom = store.customRoles.get(role.roleN);
  return {
    type: 'CUSTOM' as const,
    id: encodeId(ID_TYPES.role, role.roleN),
    ...(custom ? { name: custom.name } : {}),
  };
}

export function orgMembershipJson(store: AccountStore, rec: OrgMemberRec) {
  return {
    id: rec.id,
    user_id: encodeId(ID_TYPES.user, rec.userN),
    organization_id: encodeId(ID_TYPES.organization, rec.orgN),
    role: roleJson(store, rec.role),
  };
}

export function spaceMembershipJson(store: AccountStore, rec: SpaceMemberRec) {
  return {
    id: rec.id,
    user_id: encodeId(ID_TYPES.user, rec.userN),
    space_id: encodeId(ID_TYPES.space, rec.spaceN),
    role: roleJson(store, rec.role),
  };
}

/** `ak-abc...xyz`: the prefix and six leading characters, then the last three. */
export function redactKey(secret: string): string {
  return `${secret.slice(0, 6)}...${secret.slice(-3)}`;
}

export function apiKeyJson(key: ApiKeyRec) {
  return {
    id: key.id,
    name: key.name,
    ...(key.description !== undefined ? { description: key.description } : {}),
    key_type: key.keyType,
    status: key.status,
    redacted_key: redactKey(key.secret),
    created_at: iso(key.ms),
    ...(key.expiresMs !== undefined ? { expires_at: iso(key.expiresMs) } : {}),
    created_by_user_id: encodeId(ID_TYPES.user, key.createdByN),
    ...(key.lastUsedMs !== undefined ? { last_used_at: iso(key.lastUsedMs) } : {}),
  };
}
