import { createKey } from '../keys.ts';
import type { OrgRec, OrgRole, RoleAssignment, SpaceRole, UserRec } from '../model.ts';
import { AccountStore } from '../store.ts';
import { type EmulatorSeed, type ParsedSeed, parseSeed } from './seed-schema.ts';

const BASE_MS = Date.parse('2024-01-01T00:00:00.000Z');
const DEFAULT_ADMIN = { name: 'arize-ops bot', email: 'arize-ops-bot@example.com' };

/** Builds a fresh store from a seed; `adminApiKey` always authenticates as an account admin. */
export function buildStore(seed: EmulatorSeed, adminApiKey: string): AccountStore {
  const parsed = parseSeed(seed);
  const store = new AccountStore();
  store.auditLogging = parsed.account.auditLogging;
  store.samlEnforced = parsed.account.samlEnforced;
  const roles = new Map<string, number>();
  for (const role of parsed.customRoles) {
    const { n, id } = store.next('Role');
    store.customRoles.set(n, { n, id, name: role.name });
    roles.set(role.name, n);
  }
  addUsers(store, parsed);
  let tick = 0;
  const stamp = (createdAt: string | undefined): number => {
    if (createdAt !== undefined) return Date.parse(createdAt);
    tick += 1;
    return BASE_MS + 86_400_000 + tick * 60_000;
  };
  for (const seedOrg of parsed.organizations) {
    if (store.orgsByName.has(seedOrg.name.toLowerCase())) {
      throw new Error(`seed: duplicate organization name '${seedOrg.name}'`);
    }
    const org = store.addOrg({
      name: seedOrg.name,
      description: seedOrg.description,
      ms: stamp(seedOrg.createdAt),
    });
    for (const member of seedOrg.members) {
      const user = userOf(store, member.email);
      const role = roleOf<OrgRole>(member.role, roles);
      checkAnnotator(user, role, `org '${org.name}'`);
      store.upsertOrgMember(user.n, org.n, role);
    }
    for (const seedSpace of seedOrg.spaces) {
      if (store.spaceByName(org.n, seedSpace.name)) {
        throw new Error(`seed: duplicate space '${seedSpace.name}' in '${org.name}'`);
      }
      const space = store.addSpace({
        orgN: org.n,
        name: seedSpace.name,
        description: seedSpace.description,
        isPrivate: seedSpace.isPrivate,
        ms: stamp(seedSpace.createdAt),
      });
      for (const member of seedSpace.members) {
        const user = userOf(store, member.email);
        if (!store.orgMembers.get(org.n)?.has(user.n)) {
          throw new Error(
            `seed: ${member.email} is in space '${space.name}' but not in '${org.name}'`,
          );
        }
        const role = roleOf<SpaceRole>(member.role, roles);
        checkAnnotator(user, role, `space '${space.name}'`);
        store.upsertSpaceMember(user.n, space.n, role);
      }
    }
  }
  addKeys(store, parsed, roles, stamp);
  ensureAdminKey(store, parsed, adminApiKey);
  return store;
}

function addUsers(store: AccountStore, parsed: ParsedSeed): void {
  parsed.users.forEach((user, i) => {
    if (store.userByEmail(user.email))
      throw new Error(`seed: duplicate user email '${user.email}'`);
    store.addUser({
      name: user.name,
      email: user.email,
      role: user.role,
      status: user.status,
      isDeveloper: user.isDeveloper ?? user.role !== 'ANNOTATOR',
      kind: 'human',
      ms: user.createdAt === undefined ? BASE_MS + i * 1000 : Date.parse(user.createdAt),
    });
  });
}

function addKeys(
  store: AccountStore,
  parsed: ParsedSeed,
  roles: Map<string, number>,
  stamp: (createdAt: string | undefined) => number,
): void {
  for (const seedKey of parsed.apiKeys) {
    if (store.secrets.has(seedKey.key))
      throw new Error(`seed: duplicate raw key for '${seedKey.name}'`);
    const common = {
      name: seedKey.name,
      description: seedKey.description,
      secret: seedKey.key,
      ms: stamp(seedKey.createdAt),
      expiresMs: seedKey.expiresAt === undefined ? undefined : Date.parse(seedKey.expiresAt),
    };
    const created =
      seedKey.type === 'USER'
        ? createKey(store, {
            ...common,
            keyType: 'USER',
            createdBy: userOf(store, seedKey.ownerEmail),
          })
        : createKey(store, {
            ...common,
            keyType: 'SERVICE',
            createdBy: userOf(store, seedKey.createdByEmail),
            accountRole: seedKey.accountRole,
            bindings: seedKey.organizations.map((binding) => {
              const org = orgOf(store, binding.org);
              return {
                orgN: org.n,
                orgRole: binding.role,
                spaces: binding.spaces.map((s) => {
                  const space = store.spaceByName(org.n, s.space);
                  if (!space) throw new Error(`seed: no space '${s.space}' in '${org.name}'`);
                  return { spaceN: space.n, role: roleOf<SpaceRole>(s.role, roles) };
                }),
              };
            }),
          });
    if (seedKey.status === 'REVOKED') store.revokeKey(created.key);
  }
}

function ensureAdminKey(store: AccountStore, parsed: ParsedSeed, adminApiKey: string): void {
  if (store.secrets.has(adminApiKey)) return;
  let owner = parsed.adminEmail ? store.userByEmail(parsed.adminEmail) : undefined;
  owner ??= [...store.users.values()].find(
    (u) => u.kind === 'human' && u.role === 'ADMIN' && u.status === 'ACTIVE',
  );
  owner ??= store.addUser({
    ...DEFAULT_ADMIN,
    role: 'ADMIN',
    status: 'ACTIVE',
    isDeveloper: true,
    kind: 'human',
    ms: BASE_MS,
  });
  createKey(store, {
    name: 'arize-ops admin',
    description: undefined,
    keyType: 'USER',
    secret: adminApiKey,
    createdBy: owner,
    ms: owner.ms,
    expiresMs: undefined,
  });
}

function userOf(store: AccountStore, email: string): UserRec {
  const user = store.userByEmail(email);
  if (!user) throw new Error(`seed: unknown user '${email}'`);
  return user;
}

function orgOf(store: AccountStore, name: string): OrgRec {
  const n = store.orgsByName.get(name.toLowerCase());
  const org = n === undefined ? undefined : store.orgs.get(n);
  if (!org) throw new Error(`seed: unknown organization '${name}'`);
  return org;
}

function roleOf<R extends string>(
  role: R | { custom: string },
  roles: Map<string, number>,
): RoleAssignment<R> {
  if (typeof role === 'string') return { type: 'PREDEFINED', name: role };
  const roleN = roles.get(role.custom);
  if (roleN === undefined) throw new Error(`seed: unknown custom role '${role.custom}'`);
  return { type: 'CUSTOM', roleN };
}

function checkAnnotator(user: UserRec, role: RoleAssignment<string>, where: string): void {
  const annotatorRole = role.type === 'PREDEFINED' && role.name === 'ANNOTATOR';
  if ((user.role === 'ANNOTATOR') !== annotatorRole) {
    throw new Error(`seed: ${user.email} (${user.role}) cannot hold that role in ${where}`);
  }
}
