import { isAccountAdmin, orgRoleOf, spaceRoleOf } from '../access.ts';
import type { RestContext } from '../http.ts';
import { encodeId, ID_TYPES } from '../ids.ts';
import type { RoleAssignment, SpaceRec, SpaceRole } from '../model.ts';
import { badRequest, conflict, forbidden, ProblemError } from '../problem.ts';
import { findOrg, findSpace, findUser } from '../routes/lookup.ts';
import { checkAnnotatorRule, toRole } from '../routes/validate.ts';
import { type GqlContext, gqlTry } from './context.ts';
import { orgNode, spaceNode, spaceRoleToGql, userNode } from './nodes.ts';

const ROLE_FROM_GQL: Record<string, SpaceRole> = {
  admin: 'ADMIN',
  member: 'MEMBER',
  readOnly: 'READ_ONLY',
  annotator: 'ANNOTATOR',
};

/** The REST lookups expect a RestContext; GraphQL shares them (and their 400/404 rules). */
function restLike(ctx: GqlContext): RestContext {
  return {
    store: ctx.store,
    nowMs: ctx.nowMs,
    principal: ctx.principal,
    method: 'POST',
    path: '/graphql',
    query: new URLSearchParams(),
    params: {},
    body: undefined,
  };
}

function requireSpaceAdmin(ctx: GqlContext, space: SpaceRec): void {
  if (spaceRoleOf(ctx.store, ctx.principal.user, space) !== 'ADMIN')
    throw forbidden('Space admin role is required.');
}

interface MembershipInput {
  userId: string;
  spaceId: string;
  role?: string | null;
  customRoleId?: string | null;
}

/** Mutation resolvers, in the shapes arize_toolkit sends (reference §2.4). */
export function mutationRoot(ctx: GqlContext) {
  const rest = restLike(ctx);
  const { store } = ctx;
  return {
    createOrganization: ({ input }: { input: { name: string; description?: string | null } }) =>
      gqlTry(() => {
        if (!isAccountAdmin(ctx.principal.user)) throw forbidden('Account admin role is required.');
        if (input.name.trim() === '') throw badRequest('name must not be blank.');
        if (store.orgsByName.has(input.name.toLowerCase()))
          throw conflict(`An organization named '${input.name}' already exists.`);
        const org = store.addOrg({
          name: input.name,
          description: input.description ?? '',
          ms: ctx.nowMs,
        });
        ctx.changes.push({ operation: 'createOrganization', resourceId: org.id });
        return { organization: orgNode(ctx, org) };
      }),
    createSpace: ({
      input,
    }: {
      input: {
        accountOrganizationId: string;
        name: string;
        private?: boolean | null;
        description?: string | null;
      };
    }) =>
      gqlTry(() => {
        const org = findOrg(rest, input.accountOrganizationId, 'accountOrganizationId');
        if (orgRoleOf(store, ctx.principal.user, org.n) !== 'ADMIN')
          throw forbidden('Organization admin role is required.');
        if (input.name.trim() === '') throw badRequest('name must not be blank.');
        if (store.spaceByName(org.n, input.name))
          throw conflict(`A space named '${input.name}' already exists in this organization.`);
        const space = store.addSpace({
          orgN: org.n,
          name: input.name,
          description: input.description ?? '',
          isPrivate: input.private ?? false,
          ms: ctx.nowMs,
        });
        ctx.changes.push({ operation: 'createSpace', resourceId: space.id });
        return { space: spaceNode(ctx, space) };
      }),
    updateSpace: ({
      input,
    }: {
      input: {
        spaceId: string;
        name?: string | null;
        private?: boolean | null;
        description?: string | null;
      };
    }) =>
      gqlTry(() => {
        const space = findSpace(rest, input.spaceId, 'spaceId');
        requireSpaceAdmin(ctx, space);
        if (input.name != null) {
          const other = store.spaceByName(space.orgN, input.name);
          if (other && other.n !== space.n)
            throw conflict(`A space named '${input.name}' already exists in this organization.`);
          if (input.name !== space.name) store.renameSpace(space, input.name);
        }
        if (input.description != null) space.description = input.description;
        if (input.private != null) space.isPrivate = input.private;
        ctx.changes.push({ operation: 'updateSpace', resourceId: space.id });
        return { space: spaceNode(ctx, space) };
      }),
    assignSpaceMembership: ({ input }: { input: { spaceMemberships: MembershipInput[] } }) =>
      gqlTry(() => {
        const planned = input.spaceMemberships.map((m) => {
          if ((m.role == null) === (m.customRoleId == null)) {
            throw badRequest('Exactly one of role and customRoleId must be given.');
          }
          const space = findSpace(rest, m.spaceId, 'spaceId');
          requireSpaceAdmin(ctx, space);
          const user = findUser(rest, m.userId, 'userId');
          const role: RoleAssignment<SpaceRole> =
            m.role != null
              ? { type: 'PREDEFINED', name: ROLE_FROM_GQL[m.role] ?? 'MEMBER' }
              : toRole<SpaceRole>(rest, { type: 'CUSTOM', id: m.customRoleId ?? '' });
          if (!store.orgMembers.get(space.orgN)?.has(user.n)) {
            throw badRequest(`The user '${user.id}' must be a member of the space's organization.`);
          }
          checkAnnotatorRule(user.role, role);
          return { space, user, role };
        });
        const memberships = planned.map(({ space, user, role }) => {
          const { rec, changed } = store.upsertSpaceMember(user.n, space.n, role);
          if (changed) ctx.changes.push({ operation: 'assignSpaceMembership', resourceId: rec.id });
          const custom = role.type === 'CUSTOM' ? store.customRoles.get(role.roleN) : undefined;
          return {
            id: rec.id,
            role: role.type === 'PREDEFINED' ? spaceRoleToGql(role.name) : null,
            customRole: custom ? { id: custom.id, name: custom.name } : null,
            user: userNode(user),
            space: spaceNode(ctx, space),
          };
        });
        return { spaceMemberships: memberships };
      }),
    removeSpaceMember: ({ input }: { input: { spaceId: string; userId: string } }) =>
      gqlTry(() => {
        const space = findSpace(rest, input.spaceId, 'spaceId');
        requireSpaceAdmin(ctx, space);
        const user = findUser(rest, input.userId, 'userId');
        if (!store.removeSpaceMember(user.n, space.n)) {
          throw new ProblemError(404, `The user '${user.id}' is not a member of the space.`);
        }
        ctx.changes.push({
          operation: 'removeSpaceMember',
          resourceId: encodeId(ID_TYPES.user, user.n),
        });
        return { space: spaceNode(ctx, space) };
      }),
  };
}
