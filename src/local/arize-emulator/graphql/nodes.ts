import { canSeeOrg, canSeeSpace } from '../access.ts';
import { decodeId, ID_TYPES, idMatches } from '../ids.ts';
import type { OrgRec, SpaceRec, UserRec } from '../model.ts';
import type { OrderedIndex, SortKey } from '../ordered-index.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { iso } from '../wire.ts';
import { type GqlContext, gqlError } from './context.ts';

export const DEFAULT_FIRST = 50;
export const MAX_FIRST = 100;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  userType?: 'human' | 'bot' | null;
}

const SPACE_ROLE: Record<string, string> = {
  ADMIN: 'admin',
  MEMBER: 'member',
  READ_ONLY: 'readOnly',
  ANNOTATOR: 'annotator',
};
export const spaceRoleToGql = (role: string): string | null => SPACE_ROLE[role] ?? null;

function pageArgs(args: ConnectionArgs): { first: number; after: SortKey | undefined } {
  const first = args.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw gqlError(`'first' must be between 0 and ${MAX_FIRST}.`, 'BAD_USER_INPUT');
  }
  let after: SortKey | undefined;
  if (args.after) {
    after = decodeCursor(args.after);
    if (!after) throw gqlError(`Invalid cursor '${args.after}'.`, 'BAD_USER_INPUT');
  }
  return { first, after };
}

/** A Relay connection over rows already in sort order; counts lazily. */
function connection<T>(
  rows: Array<{ key: SortKey; item: T }>,
  args: ConnectionArgs,
  toNode: (item: T) => unknown,
) {
  const { first, after } = pageArgs(args);
  const start =
    after === undefined
      ? 0
      : rows.findIndex((r) => r.key.ms > after.ms || (r.key.ms === after.ms && r.key.n > after.n));
  const from = start < 0 ? rows.length : start;
  const page = rows.slice(from, from + first);
  return {
    totalCount: rows.length,
    pageInfo: {
      hasNextPage: from + first < rows.length,
      hasPreviousPage: from > 0,
      startCursor: page[0] ? encodeCursor(page[0].key) : null,
      endCursor:
        page.length > 0 ? encodeCursor((page[page.length - 1] as { key: SortKey }).key) : null,
    },
    edges: page.map((r) => ({ cursor: encodeCursor(r.key), node: toNode(r.item) })),
  };
}

/** A connection that seeks in an index (cursor pages cost O(log n + page)); totalCount is lazy. */
function indexConnection<T extends SortKey>(
  index: OrderedIndex,
  get: (n: number) => T | undefined,
  keep: (item: T) => boolean,
  args: ConnectionArgs,
  toNode: (item: T) => unknown,
  candidates?: ReadonlySet<number>,
) {
  if (candidates !== undefined) {
    const rows: Array<{ key: SortKey; item: T }> = [];
    for (const n of candidates) {
      const item = get(n);
      if (item !== undefined && keep(item)) rows.push({ key: { ms: item.ms, n: item.n }, item });
    }
    rows.sort((a, b) => a.key.ms - b.key.ms || a.key.n - b.key.n);
    return connection(rows, args, toNode);
  }
  const { first, after } = pageArgs(args);
  const page: Array<{ key: SortKey; item: T }> = [];
  let hasNextPage = false;
  for (let i = index.seekAfter(after); i < index.size; i += 1) {
    const key = index.at(i) as SortKey;
    const item = get(key.n);
    if (item === undefined || !keep(item)) continue;
    if (page.length === first) {
      hasNextPage = true;
      break;
    }
    page.push({ key, item });
  }
  const last = page[page.length - 1];
  return {
    totalCount: () => {
      let count = 0;
      for (let i = 0; i < index.size; i += 1) {
        const item = get((index.at(i) as SortKey).n);
        if (item !== undefined && keep(item)) count += 1;
      }
      return count;
    },
    pageInfo: {
      hasNextPage,
      hasPreviousPage: after !== undefined,
      startCursor: page[0] ? encodeCursor(page[0].key) : null,
      endCursor: last ? encodeCursor(last.key) : null,
    },
    edges: page.map((r) => ({ cursor: encodeCursor(r.key), node: toNode(r.item) })),
  };
}

const matchesSearch = (search: string | null | undefined, ...fields: string[]): boolean =>
  !search || fields.some((f) => f.toLowerCase().includes(search.toLowerCase()));

export function userNode(user: UserRec) {
  return {
    __typename: 'User',
    id: user.id,
    name: user.name,
    email: user.email,
    status: user.status.toLowerCase(),
    accountRole: user.role.toLowerCase(),
    userType: user.kind === 'bot' ? 'bot' : 'human',
    createdAt: iso(user.ms),
    developer: user.isDeveloper,
  };
}

export function orgNode(ctx: GqlContext, org: OrgRec) {
  return {
    __typename: 'AccountOrganization',
    id: org.id,
    name: org.name,
    description: org.description,
    createdAt: iso(org.ms),
    spaces: (args: ConnectionArgs) => {
      const index = ctx.store.spacesByOrg.get(org.n) ?? ctx.store.spaceIndex;
      return indexConnection(
        index,
        (n) => (ctx.store.spaces.get(n)?.orgN === org.n ? ctx.store.spaces.get(n) : undefined),
        (s) => matchesSearch(args.search, s.name) && canSeeSpace(ctx.store, ctx.principal.user, s),
        args,
        (s) => spaceNode(ctx, s),
        args.search ? ctx.store.spaceSearch.candidates(args.search) : undefined,
      );
    },
  };
}

export function spaceNode(ctx: GqlContext, space: SpaceRec) {
  return {
    __typename: 'Space',
    id: space.id,
    name: space.name,
    description: space.description,
    createdAt: iso(space.ms),
    private: space.isPrivate,
    organization: () => {
      const org = ctx.store.orgs.get(space.orgN);
      return org ? orgNode(ctx, org) : null;
    },
    spaceUsers: (args: ConnectionArgs) =>
      connection(spaceUserRows(ctx, space, args), args, (row) => ({
        id: Buffer.from(`SpaceUser:${space.n}:${row.user.n}`).toString('base64'),
        role: row.role,
        membership: row.membership,
        customRole: row.customRole,
        user: userNode(row.user),
      })),
  };
}

interface SpaceUserRow {
  user: UserRec;
  role: string | null;
  membership: 'ACCOUNT_ADMIN' | 'ORGANIZATION_ADMIN' | 'EXPLICIT_MEMBERSHIP';
  customRole: { id: string; name: string } | null;
}

/** Explicit members plus implicit admins; the strongest grant wins (see choices.ts). */
function spaceUserRows(ctx: GqlContext, space: SpaceRec, args: ConnectionArgs) {
  const { store } = ctx;
  const rows = new Map<number, SpaceUserRow>();
  for (const rec of store.spaceMembers.get(space.n)?.values() ?? []) {
    const user = store.users.get(rec.userN);
    if (!user) continue;
    const custom = rec.role.type === 'CUSTOM' ? store.customRoles.get(rec.role.roleN) : undefined;
    rows.set(user.n, {
      user,
      role: rec.role.type === 'PREDEFINED' ? spaceRoleToGql(rec.role.name) : null,
      membership: 'EXPLICIT_MEMBERSHIP',
      customRole: custom ? { id: custom.id, name: custom.name } : null,
    });
  }
  for (const n of store.orgAdmins.get(space.orgN) ?? []) {
    const user = store.users.get(n);
    if (user)
      rows.set(n, { user, role: 'admin', membership: 'ORGANIZATION_ADMIN', customRole: null });
  }
  for (const n of store.accountAdmins) {
    const user = store.users.get(n);
    if (user) rows.set(n, { user, role: 'admin', membership: 'ACCOUNT_ADMIN', customRole: null });
  }
  return [...rows.values()]
    .filter((r) => r.user.status !== 'INACTIVE')
    .filter((r) => !args.userType || (r.user.kind === 'bot' ? 'bot' : 'human') === args.userType)
    .filter((r) => matchesSearch(args.search, r.user.name, r.user.email))
    .map((r) => ({ key: { ms: r.user.ms, n: r.user.n }, item: r }))
    .sort((a, b) => a.key.ms - b.key.ms || a.key.n - b.key.n);
}

export function accountNode(ctx: GqlContext) {
  const { store } = ctx;
  return {
    id: Buffer.from('Account:1', 'utf8').toString('base64'),
    name: 'Account',
    users: (args: ConnectionArgs) => {
      if (ctx.principal.user.role === 'ANNOTATOR')
        throw gqlError('Not allowed to read users.', 'FORBIDDEN');
      const index = args.userType === 'bot' ? store.botIndex : store.userIndex;
      return indexConnection(
        index,
        (n) => store.users.get(n),
        (u) => u.status !== 'INACTIVE' && matchesSearch(args.search, u.name, u.email),
        args,
        userNode,
        args.search && args.userType !== 'bot'
          ? store.userSearch.candidates(args.search)
          : undefined,
      );
    },
    organizations: (args: ConnectionArgs) => {
      return indexConnection(
        store.orgIndex,
        (n) => store.orgs.get(n),
        (o) => matchesSearch(args.search, o.name) && canSeeOrg(store, ctx.principal.user, o),
        args,
        (o) => orgNode(ctx, o),
        args.search ? store.orgSearch.candidates(args.search) : undefined,
      );
    },
  };
}

/** `node(id:)`: organizations (as AccountOrganization), spaces and users the caller can see. */
export function resolveNode(ctx: GqlContext, id: string) {
  const decoded = decodeId(id);
  if (!decoded) throw gqlError(`Invalid ID '${id}'.`, 'BAD_USER_INPUT');
  const { store } = ctx;
  const type = decoded.type === 'AccountOrganization' ? ID_TYPES.organization : decoded.type;
  if (
    type === ID_TYPES.organization &&
    (decoded.type !== type || idMatches(decoded, type, decoded.n))
  ) {
    const org = store.orgs.get(decoded.n);
    return org && canSeeOrg(store, ctx.principal.user, org) ? orgNode(ctx, org) : null;
  }
  if (type === ID_TYPES.space && idMatches(decoded, ID_TYPES.space, decoded.n)) {
    const space = store.spaces.get(decoded.n);
    return space && canSeeSpace(store, ctx.principal.user, space) ? spaceNode(ctx, space) : null;
  }
  if (type === ID_TYPES.user && idMatches(decoded, ID_TYPES.user, decoded.n)) {
    const user = store.users.get(decoded.n);
    return user && user.status !== 'INACTIVE' && ctx.principal.user.role !== 'ANNOTATOR'
      ? userNode(user)
      : null;
  }
  return null;
}
