import { z } from 'zod';
import { canSeeOrg, isAccountAdmin, orgRoleOf } from '../access.ts';
import type { RestContext, RestRoute } from '../http.ts';
import { ORG_ROLES, type OrgRec } from '../model.ts';
import { pageFiltered, paginationJson, parsePageParams } from '../pagination.ts';
import { conflict, forbidden, ProblemError } from '../problem.ts';
import { orgJson, orgMembershipJson } from '../wire.ts';
import { findOrg, findUser } from './lookup.ts';
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
  description: z.string().max(1000).optional(),
});
const updateBody = z.object({
  name: nonBlank(255).optional(),
  description: z.string().max(1000).nullable().optional(),
});
const addUserBody = z.object({ user_id: z.string().min(1), role: roleRequest(ORG_ROLES) });

function requireOrgAdmin(ctx: RestContext, org: OrgRec): void {
  if (orgRoleOf(ctx.store, ctx.principal.user, org.n) !== 'ADMIN') {
    throw forbidden('Organization admin role is required for this operation.');
  }
}

function assertUniqueName(ctx: RestContext, name: string, self?: OrgRec): void {
  const existing = ctx.store.orgsByName.get(name.toLowerCase());
  if (existing !== undefined && existing !== self?.n) {
    throw conflict(`An organization named '${name}' already exists in the account.`);
  }
}

export const organizationRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/v2/organizations',
    operation: 'listOrganizations',
    handler: (ctx) => {
      const page = parsePageParams(ctx.query);
      const name = searchParam(ctx.query, 'name');
      const user = ctx.principal.user;
      const result = pageFiltered(
        ctx.store.orgIndex,
        name === undefined ? undefined : ctx.store.orgSearch.candidates(name),
        page,
        (n) => ctx.store.orgs.get(n),
        (org) =>
          (name === undefined || org.name.toLowerCase().includes(name)) &&
          canSeeOrg(ctx.store, user, org),
      );
      return {
        status: 200,
        body: { organizations: result.items.map(orgJson), pagination: paginationJson(result.next) },
      };
    },
  },
  {
    method: 'POST',
    path: '/v2/organizations',
    operation: 'createOrganization',
    handler: (ctx) => {
      rejectSystemFields(ctx.body);
      const body = parseBody(createBody, ctx.body);
      if (!isAccountAdmin(ctx.principal.user)) throw forbidden('Account admin role is required.');
      assertUniqueName(ctx, body.name);
      const org = ctx.store.addOrg({
        name: body.name,
        description: body.description ?? '',
        ms: ctx.nowMs,
      });
      return { status: 201, body: orgJson(org), change: { resourceId: org.id } };
    },
  },
  {
    method: 'GET',
    path: '/v2/organizations/{org_id}',
    operation: 'getOrganization',
    handler: (ctx) => ({ status: 200, body: orgJson(findOrg(ctx, ctx.params.org_id ?? '')) }),
  },
  {
    method: 'PATCH',
    path: '/v2/organizations/{org_id}',
    operation: 'updateOrganization',
    handler: (ctx) => {
      const org = findOrg(ctx, ctx.params.org_id ?? '');
      const body = parseBody(updateBody, ctx.body);
      requireSomeField(body, ['name', 'description']);
      requireOrgAdmin(ctx, org);
      if (body.name !== undefined) assertUniqueName(ctx, body.name, org);
      const before = JSON.stringify(orgJson(org));
      if (body.name !== undefined && body.name !== org.name) ctx.store.renameOrg(org, body.name);
      if (body.description !== undefined) org.description = body.description ?? '';
      const changed = before !== JSON.stringify(orgJson(org));
      return {
        status: 200,
        body: orgJson(org),
        ...(changed ? { change: { resourceId: org.id } } : {}),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/v2/organizations/{org_id}',
    operation: 'deleteOrganization',
    handler: (ctx) => {
      const org = findOrg(ctx, ctx.params.org_id ?? '');
      requireOrgAdmin(ctx, org);
      ctx.store.deleteOrg(org);
      return { status: 204, change: { resourceId: org.id } };
    },
  },
  {
    method: 'POST',
    path: '/v2/organizations/{org_id}/users',
    operation: 'addOrganizationUser',
    handler: (ctx) => {
      const org = findOrg(ctx, ctx.params.org_id ?? '');
      const body = parseBody(addUserBody, ctx.body);
      requireOrgAdmin(ctx, org);
      const user = findUser(ctx, body.user_id);
      const role = toRole(ctx, body.role);
      checkAnnotatorRule(user.role, role);
      const { rec, changed } = ctx.store.upsertOrgMember(user.n, org.n, role);
      return {
        status: 200,
        body: orgMembershipJson(ctx.store, rec),
        ...(changed ? { change: { resourceId: rec.id } } : {}),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/v2/organizations/{org_id}/users/{user_id}',
    operation: 'removeOrganizationUser',
    handler: (ctx) => {
      const org = findOrg(ctx, ctx.params.org_id ?? '');
      requireOrgAdmin(ctx, org);
      const user = findUser(ctx, ctx.params.user_id ?? '');
      if (!ctx.store.removeOrgMember(user.n, org.n)) {
        throw new ProblemError(404, `The user '${user.id}' is not a member of the organization.`);
      }
      return { status: 204, change: { resourceId: user.id } };
    },
  },
];
