import { ID_TYPES } from './ids.ts';
import type {
  AccountRole,
  ApiKeyRec,
  AuditRec,
  CustomRoleRec,
  OrgRec,
  SpaceRec,
  StoredUserStatus,
  UserRec,
} from './model.ts';
import { OrderedIndex } from './ordered-index.ts';
import { MembershipStore, type Nested, nestedGet } from './store-memberships.ts';
import { SubstringIndex } from './substring-index.ts';

const lower = (s: string): string => s.toLowerCase();
const userText = (user: UserRec): string => `${user.email}\n${user.name}`;

/**
 * The account's state with the indexes every list needs (ordered by creation, by org, by member),
 * so pages seek instead of scanning. Primitives keep indexes consistent and cascade deletes;
 * authorization and validation live in the routes.
 */
export class AccountStore extends MembershipStore {
  readonly users = new Map<number, UserRec>();
  readonly userIndex = new OrderedIndex();
  readonly botIndex = new OrderedIndex();
  readonly usersByEmail = new Map<string, number>();
  /** Trigrams of humans' `email` and `name`, and of org and space names. */
  readonly userSearch = new SubstringIndex();
  readonly orgSearch = new SubstringIndex();
  readonly spaceSearch = new SubstringIndex();
  readonly accountAdmins = new Set<number>();
  readonly orgs = new Map<number, OrgRec>();
  readonly orgIndex = new OrderedIndex();
  readonly orgsByName = new Map<string, number>();
  readonly spaceIndex = new OrderedIndex();
  readonly spacesByOrg = new Map<number, OrderedIndex>();
  readonly spaceNames: Nested<string, number> = new Map();
  readonly apiKeys = new Map<number, ApiKeyRec>();
  readonly secrets = new Map<string, { keyN: number; validUntilMs: number | undefined }>();
  readonly keysBySpace = new Map<number, Set<number>>();
  readonly userKeys = new Map<number, Set<number>>();
  readonly customRoles = new Map<number, CustomRoleRec>();
  readonly audit: AuditRec[] = [];
  auditLogging = true;
  samlEnforced = false;

  addUser(input: {
    name: string;
    email: string;
    role: AccountRole;
    status: StoredUserStatus;
    isDeveloper: boolean;
    kind: 'human' | 'bot';
    ms: number;
  }): UserRec {
    const { n, id } = this.next(ID_TYPES.user);
    const user: UserRec = { n, id, ...input };
    this.users.set(n, user);
    if (input.kind === 'human') {
      this.userIndex.insert({ ms: user.ms, n });
      this.usersByEmail.set(lower(user.email), n);
      this.userSearch.add(n, userText(user));
    } else {
      this.botIndex.insert({ ms: user.ms, n });
    }
    this.refreshAdmin(user);
    return user;
  }

  renameUser(user: UserRec, name: string): void {
    if (user.kind === 'human') this.userSearch.remove(user.n, userText(user));
    user.name = name;
    if (user.kind === 'human') this.userSearch.add(user.n, userText(user));
  }

  userByEmail(email: string): UserRec | undefined {
    const n = this.usersByEmail.get(lower(email));
    return n === undefined ? undefined : this.users.get(n);
  }

  refreshAdmin(user: UserRec): void {
    if (user.role === 'ADMIN' && user.status !== 'INACTIVE') this.accountAdmins.add(user.n);
    else this.accountAdmins.delete(user.n);
  }

  /** Soft delete: terminal `INACTIVE`, cascading memberships and the user's own keys. */
  deactivateUser(user: UserRec): void {
    user.status = 'INACTIVE';
    this.refreshAdmin(user);
    for (const orgN of [...(this.userOrgs.get(user.n)?.keys() ?? [])]) {
      this.removeOrgMember(user.n, orgN);
    }
    for (const keyN of this.userKeys.get(user.n) ?? []) {
      const key = this.apiKeys.get(keyN);
      if (key && key.status === 'ACTIVE') this.revokeKey(key);
    }
  }

  addOrg(input: { name: string; description: string; ms: number }): OrgRec {
    const { n, id } = this.next(ID_TYPES.organization);
    const org: OrgRec = { n, id, ...input };
    this.orgs.set(n, org);
    this.orgIndex.insert({ ms: org.ms, n });
    this.orgsByName.set(lower(org.name), n);
    this.orgSearch.add(n, org.name);
    this.spacesByOrg.set(n, new OrderedIndex());
    return org;
  }

  renameOrg(org: OrgRec, name: string): void {
    this.orgsByName.delete(lower(org.name));
    this.orgSearch.remove(org.n, org.name);
    org.name = name;
    this.orgsByName.set(lower(name), org.n);
    this.orgSearch.add(org.n, name);
  }

  /** Deletes the org, its spaces, memberships, and the API keys bound to it. */
  deleteOrg(org: OrgRec): void {
    for (const spaceN of [...(this.spaceNames.get(org.n)?.values() ?? [])]) {
      const space = this.spaces.get(spaceN);
      if (space) this.deleteSpace(space);
    }
    for (const userN of [...(this.orgMembers.get(org.n)?.keys() ?? [])]) {
      this.removeOrgMember(userN, org.n);
    }
    for (const key of [...this.apiKeys.values()]) {
      if (key.bindings.some((b) => b.orgN === org.n)) {
        key.bindings = key.bindings.filter((b) => b.orgN !== org.n);
        if (key.bindings.length === 0) this.deleteKey(key);
      }
    }
    this.orgs.delete(org.n);
    this.orgIndex.remove({ ms: org.ms, n: org.n });
    this.orgsByName.delete(lower(org.name));
    this.orgSearch.remove(org.n, org.name);
    this.spacesByOrg.delete(org.n);
    this.spaceNames.delete(org.n);
    this.orgMembers.delete(org.n);
    this.orgAdmins.delete(org.n);
  }

  spaceByName(orgN: number, name: string): SpaceRec | undefined {
    const n = this.spaceNames.get(orgN)?.get(lower(name));
    return n === undefined ? undefined : this.spaces.get(n);
  }

  addSpace(input: {
    orgN: number;
    name: string;
    description: string;
    isPrivate: boolean;
    ms: number;
  }): SpaceRec {
    const { n, id } = this.next(ID_TYPES.space);
    const space: SpaceRec = { n, id, ...input };
    this.spaces.set(n, space);
    this.spaceIndex.insert({ ms: space.ms, n });
    this.spacesByOrg.get(space.orgN)?.insert({ ms: space.ms, n });
    nestedGet(this.spaceNames, space.orgN).set(lower(space.name), n);
    this.spaceSearch.add(n, space.name);
    return space;
  }

  renameSpace(space: SpaceRec, name: string): void {
    const names = nestedGet(this.spaceNames, space.orgN);
    names.delete(lower(space.name));
    this.spaceSearch.remove(space.n, space.name);
    space.name = name;
    names.set(lower(name), space.n);
    this.spaceSearch.add(space.n, name);
  }

  /** Deletes the space and its memberships; service keys lose the binding (deleted when none is left). */
  deleteSpace(space: SpaceRec): void {
    for (const userN of [...(this.spaceMembers.get(space.n)?.keys() ?? [])]) {
      this.removeSpaceMember(userN, space.n);
    }
    for (const keyN of [...(this.keysBySpace.get(space.n) ?? [])]) {
      const key = this.apiKeys.get(keyN);
      if (!key) continue;
      for (const binding of key.bindings) {
        binding.spaces = binding.spaces.filter((s) => s.spaceN !== space.n);
      }
      key.bindings = key.bindings.filter((b) => b.spaces.length > 0);
      if (key.bindings.length === 0) this.deleteKey(key);
    }
    this.keysBySpace.delete(space.n);
    this.spaces.delete(space.n);
    this.spaceIndex.remove({ ms: space.ms, n: space.n });
    this.spacesByOrg.get(space.orgN)?.remove({ ms: space.ms, n: space.n });
    this.spaceNames.get(space.orgN)?.delete(lower(space.name));
    this.spaceSearch.remove(space.n, space.name);
    this.spaceMembers.delete(space.n);
  }

  addKey(key: ApiKeyRec): void {
    this.apiKeys.set(key.n, key);
    this.secrets.set(key.secret, { keyN: key.n, validUntilMs: undefined });
    if (key.keyType === 'USER') {
      let set = this.userKeys.get(key.createdByN);
      if (!set) {
        set = new Set();
        this.userKeys.set(key.createdByN, set);
      }
      set.add(key.n);
    }
    for (const binding of key.bindings) {
      for (const s of binding.spaces) {
        let set = this.keysBySpace.get(s.spaceN);
        if (!set) {
          set = new Set();
          this.keysBySpace.set(s.spaceN, set);
        }
        set.add(key.n);
      }
    }
  }

  /** Revokes every secret of the key; a service key's bot user is deactivated with it. */
  revokeKey(key: ApiKeyRec): void {
    key.status = 'REVOKED';
    for (const [secret, entry] of this.secrets) {
      if (entry.keyN === key.n) this.secrets.delete(secret);
    }
    const bot = key.keyType === 'SERVICE' ? this.users.get(key.actorN) : undefined;
    if (bot && bot.kind === 'bot' && bot.status !== 'INACTIVE') this.deactivateUser(bot);
  }

  deleteKey(key: ApiKeyRec): void {
    this.revokeKey(key);
    this.apiKeys.delete(key.n);
    this.userKeys.get(key.createdByN)?.delete(key.n);
    for (const set of this.keysBySpace.values()) set.delete(key.n);
  }

  addAudit(entry: Omit<AuditRec, 'n' | 'id'>): AuditRec {
    const { n, id } = this.next(ID_TYPES.auditLog);
    const rec: AuditRec = { n, id, ...entry };
    this.audit.push(rec);
    return rec;
  }
}
