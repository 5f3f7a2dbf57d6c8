import type { RoleAssignment } from './model.ts';
import type { AccountStore } from './store.ts';

/** One member of an org or a space and the role held there. */
export interface SnapshotMember {
  userId: string;
  role: string;
}

/**
 * What the sandbox panel shows of the emulated account. Never a secret: keys appear by id, name,
 * type and status only.
 */
export interface AccountSnapshot {
  users: Array<{ id: string; name: string; email: string; role: string; status: string }>;
  orgs: Array<{
    id: string;
    name: string;
    members: SnapshotMember[];
    spaces: Array<{ id: string; name: string; isPrivate: boolean; members: SnapshotMember[] }>;
  }>;
  keys: Array<{ id: string; name: string; type: string; status: string; owner: string }>;
}

/** Reads the account as it is now, humans only, in creation order. */
export function accountSnapshot(store: AccountStore): AccountSnapshot {
  const roleName = (role: RoleAssignment<string>): string =>
    role.type === 'PREDEFINED' ? role.name : (store.customRoles.get(role.roleN)?.name ?? 'custom');
  const userId = (n: number): string => store.users.get(n)?.id ?? '';
  const byCreation = <T extends { ms: number; n: number }>(items: Iterable<T>): T[] =>
    [...items].sort((a, b) => a.ms - b.ms || a.n - b.n);
  const members = (map: Map<number, { userN: number; role: RoleAssignment<string> }> | undefined) =>
    [...(map?.values() ?? [])].map((m) => ({ userId: userId(m.userN), role: roleName(m.role) }));
  const spaces = byCreation(store.spaces.values());
  return {
    users: byCreation(store.users.values())
      .filter((u) => u.kind === 'human')
      .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, status: u.status })),
    orgs: byCreation(store.orgs.values()).map((org) => ({
      id: org.id,
      name: org.name,
      members: members(store.orgMembers.get(org.n)),
      spaces: spaces
        .filter((s) => s.orgN === org.n)
        .map((s) => ({
          id: s.id,
          name: s.name,
          isPrivate: s.isPrivate,
          members: members(store.spaceMembers.get(s.n)),
        })),
    })),
    keys: byCreation(store.apiKeys.values()).map((k) => ({
      id: k.id,
      name: k.name,
      type: k.keyType,
      status: k.status,
      owner: userId(k.createdByN),
    })),
  };
}
