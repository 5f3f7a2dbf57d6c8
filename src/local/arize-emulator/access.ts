import type { ApiKeyRec, OrgRec, OrgRole, SpaceRec, SpaceRole, UserRec } from './model.ts';
import type { AccountStore } from './store.ts';

/** Who is calling: the key's actor (the creator for USER keys, the bot user for SERVICE keys). */
export interface Principal {
  user: UserRec;
  key: ApiKeyRec;
  service: boolean;
}

/** An effective role; custom roles count as `CUSTOM` (read access, no management). */
export type EffectiveOrgRole = OrgRole | 'CUSTOM';
export type EffectiveSpaceRole = SpaceRole | 'CUSTOM';

/** Finds the principal behind a raw key, or undefined (→ 401): unknown, revoked, expired. */
export function authenticate(
  store: AccountStore,
  raw: string | undefined,
  nowMs: number,
): Principal | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  const entry = store.secrets.get(raw);
  if (!entry) return undefined;
  const key = store.apiKeys.get(entry.keyN);
  if (key?.status !== 'ACTIVE') return undefined;
  if (entry.validUntilMs !== undefined && entry.validUntilMs <= nowMs) return undefined;
  if (key.expiresMs !== undefined && key.expiresMs <= nowMs) return undefined;
  const user = store.users.get(key.actorN);
  if (!user || user.status === 'INACTIVE') return undefined;
  key.lastUsedMs = nowMs;
  return { user, key, service: key.keyType === 'SERVICE' };
}

export function isAccountAdmin(user: UserRec): boolean {
  return user.role === 'ADMIN' && user.status !== 'INACTIVE';
}

export function orgRoleOf(
  store: AccountStore,
  user: UserRec,
  orgN: number,
): EffectiveOrgRole | undefined {
  if (isAccountAdmin(user)) return 'ADMIN';
  const membership = store.orgMembers.get(orgN)?.get(user.n);
  if (!membership) return undefined;
  return membership.role.type === 'PREDEFINED' ? membership.role.name : 'CUSTOM';
}

/**
 * Effective space role: account admin and org admin imply ADMIN; an explicit membership gives its
 * role; a public space gives org members their org role (humans only; see choices.ts).
 */
export function spaceRoleOf(
  store: AccountStore,
  user: UserRec,
  space: SpaceRec,
): EffectiveSpaceRole | undefined {
  const orgRole = orgRoleOf(store, user, space.orgN);
  if (orgRole === 'ADMIN') return 'ADMIN';
  const explicit = store.spaceMembers.get(space.n)?.get(user.n);
  if (explicit) return explicit.role.type === 'PREDEFINED' ? explicit.role.name : 'CUSTOM';
  if (user.kind === 'bot' || space.isPrivate || orgRole === undefined) return undefined;
  if (orgRole === 'ANNOTATOR') return undefined;
  return orgRole === 'CUSTOM' ? 'READ_ONLY' : orgRole;
}

export function canSeeOrg(store: AccountStore, user: UserRec, org: OrgRec): boolean {
  return orgRoleOf(store, user, org.n) !== undefined;
}

export function canSeeSpace(store: AccountStore, user: UserRec, space: SpaceRec): boolean {
  return spaceRoleOf(store, user, space) !== undefined;
}

const RANK: Record<string, number> = { READ_ONLY: 1, CUSTOM: 1, ANNOTATOR: 0, MEMBER: 2, ADMIN: 3 };

/** Compares predefined roles by privilege (ADMIN > MEMBER > READ_ONLY/CUSTOM > ANNOTATOR). */
export function roleRank(role: string | undefined): number {
  return role === undefined ? -1 : (RANK[role] ?? 0);
}
