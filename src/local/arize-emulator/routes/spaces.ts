import { z } from 'zod';
import { canSeeSpace, orgRoleOf, spaceRoleOf } from '../access.ts';
import type { RestContext, RestRoute } from '../http.ts';
import { SPACE_ROLES, type SpaceRec } from '../model.ts';
import { pageFiltered, paginationJson, parsePageParams } from '../pagination.ts';
import { badRequest, conflict, forbidden, ProblemError } from '../problem.ts';
import { spaceJson, spaceMembershipJson } from '../wire.ts';
import { findOrg, findSpace, findUser } from './lookup.ts';
import {
  checkAnnotatorRule,
  nonBlank,
  parseBody,
  rejectSystemFields,
  requireSomeField,
  roleRequest,
  searchParam,
  toRole,
} from './validate.ts';

const createBody = z.object({
  name: nonBlank(255),
  organization_id: z.string().min(1),
  description: z.string().max(1000).optional(),
  is_private: z.boolean().optional(),
});
const updateBody = z.object({
  name: nonBlank(255).optional(),
  description: z.string().max(1000).nullable().optional(),
  is_private: z.boolean().optional(),
});
const addUserBody = z.object({ user_id: z.string().min(1), role: roleRequest(SPACE_ROLES) });

function requireSpaceAdmin(ctx: RestContext, space: SpaceRec): void {
  if (spaceRoleOf(ctx.store, ctx.principal.user, space) !== 'ADMIN') {
    throw forbidden('Space admin role is required for this operation.');
  }
}

function assertUniqueName(ctx: RestContext, orgN: number, name: string, self?: SpaceRec): void {
  const existing = ctx.store.spaceByName(orgN, name);
  if (existing && existing.n !== self?.n) {
    throw conflict(`A space named '${name}' already exists in this organization.`);
  }
}

export const spaceRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/v2/spaces',
    operation: 'listSpaces',
    handler: (ctx) => {
      const page = parsePageParams(ctx.query);
      const name = searchParam(ctx.query, 'name');
      const rawOrg = ctx.query.get('org_id');
      const org = rawOrg ? findOrg(ctx, rawOrg) : undefined;
      const index = org ? ctx.store.spacesByOrg.get(org.n) : ctx.store.spaceIndex;
      const user = ctx.principal.user;
      const result = index
        ? pageFiltered(
            index,
            name === undefined ? undefined : ctx.store.spaceSearch.candidates(name),
            page,
            (n) => ctx.store.spaces.get(n),
            (space) =>
              (org === undefined || space.orgN === org.n) &&
              (name === undefined || space.name.toLowerCase().includes(name)) &&
              canSeeSpace(ctx.store, user, space),
          )
        : { items: [], next: undefined };
      return {
        status: 200,
        body: { spaces: result.items.map(spaceJson), pagination: paginationJson(result.next) },
      };
    },
  },
  {
    method: 'POST',
    path: '/v2/spaces',
    operation: 'createSpace',
    handler: (ctx) => {
      rejectSystemFields(ctx.body);
      const body = parseBody(createBody, ctx.body);
      const org = findOrg(ctx, body.organization_id, 'organization_id');
      if (orgRoleOf(ctx.store, ctx.principal.user, org.n) !== 'ADMIN') {
        throw forbidden('Organization admin role is required to create a space.');
      }
      assertUniqueName(ctx, org.n, body.name);
      const space = ctx.store.addSpace({
        orgN: org.n,
        name: body.name,
        description: body.description ?? '',
        isPrivate: body.is_private ?? false,
        ms: ctx.nowMs,
      });
      return { status: 201, body: spaceJson(space), change: { resourceId: space.id } };
    },
  },
  {
    method: 'GET',
    path: '/v2/spaces/{space_id}',
    operation: 'getSpace',
    handler: (ctx) => ({ status: 200, body: spaceJson(findSpace(ctx, ctx.params.space_id ?? '')) }),
  },
  {
    method: 'PATCH',
    path: '/v2/spaces/{space_id}',
    operation: 'updateSpace',
    handler: (ctx) => {
      const space = findSpace(ctx, ctx.params.space_id ?? '');
      const body = parseBody(updateBody, ctx.body);
      requireSomeField(body, ['name', 'description', 'is_private']);
      requireSpaceAdmin(ctx, space);
      if (body.name !== undefined) assertUniqueName(ctx, space.orgN, body.name, space);
      const before = JSON.stringify(spaceJson(space));
      if (body.name !== undefined && body.name !== space.name)
        ctx.store.renameSpace(space, body.name);
      if (body.description !== undefined) space.description = body.description ?? '';
      if (body.is_private !== undefined) space.isPrivate = body.is_private;
      const changed = before !== JSON.stringify(spaceJson(space));
      return {
        status: 200,
        body: spaceJson(space),
        ...(changed ? { change: { resourceId: space.id } } : {}),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/v2/spaces/{space_id}',
    operation: 'deleteSpace',
    handler: (ctx) => {
      const space = findSpace(ctx, ctx.params.space_id ?? '');
      requireSpaceAdmin(ctx, space);
      ctx.store.deleteSpace(space);
      return { status: 204, change: { resourceId: space.id } };
    },
  },
  {
    method: 'POST',
    path: '/v2/spaces/{space_id}/users',
    operation: 'addSpaceUser',
    handler: (ctx) => {
      const space = findSpace(ctx, ctx.params.space_id ?? '');
      const body = parseBody(addUserBody, ctx.body);
      requireSpaceAdmin(ctx, space);
      const user = findUser(ctx, body.user_id);
      const role = toRole(ctx, body.role);
      if (!ctx.store.orgMembers.get(space.orgN)?.has(user.n)) {
        throw badRequest(
          `The user '${user.id}' must be a member of the space's organization before being added to the space.`,
        );
      }
      checkAnnotatorRule(user.role, role);
      const { rec, changed } = ctx.store.upsertSpaceMember(user.n, space.n, role);
      return {
        status: 200,
        body: spaceMembershipJson(ctx.store, rec),
        ...(changed ? { change: { resourceId: rec.id } } : {}),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/v2/spaces/{space_id}/users/{user_id}',
    operation: 'removeSpaceUser',
    handler: (ctx) => {
      const space = findSpace(ctx, ctx.params.space_id ?? '');
      requireSpaceAdmin(ctx, space);
      const user = findUser(ctx, ctx.params.user_id ?? '');
      if (!ctx.store.removeSpaceMember(user.n, space.n)) {
        throw new ProblemError(404, `The user '${user.id}' is not a member of the space.`);
      }
      return { status: 204, change: { resourceId: user.id } };
    },
  },
];
