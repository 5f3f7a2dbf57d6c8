import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isAccountAdmin } from '../access.ts';
import type { RestContext, RestRoute } from '../http.ts';
import {
  ACCOUNT_ROLES,
  INVITE_MODES,
  USER_STATUSES,
  type UserRec,
  type UserStatus,
} from '../model.ts';
import { pageFiltered, paginationJson, parsePageParams } from '../pagination.ts';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../problem.ts';
import { userJson } from '../wire.ts';
import { findUser, findUserAnyStatus } from './lookup.ts';
import {
  parseBody,
  rejectSystemFields,
  requireSomeField,
  roleRequest,
  searchParam,
} from './validate.ts';

const createBody = z.object({
  name: z.string().trim().min(1).max(255),
  email: z.email(),
  role: roleRequest(ACCOUNT_ROLES),
  invite_mode: z.enum(INVITE_MODES),
  is_developer: z.boolean().optional(),
});
const updateBody = z.object({
  name: z.string().trim().min(1, 'must not be blank').max(255).optional(),
  is_developer: z.boolean().optional(),
});

function requireReader(ctx: RestContext): void {
  if (ctx.principal.user.role === 'ANNOTATOR')
    throw forbidden('Reading users requires account admin or member role.');
}

function requireAdmin(ctx: RestContext): void {
  if (!isAccountAdmin(ctx.principal.user)) throw forbidden('Account admin role is required.');
}

function parseStatuses(query: URLSearchParams): Set<string> {
  const raw = query
    .getAll('status')
    .flatMap((s) => s.split(','))
    .filter((s) => s !== '');
  for (const status of raw) {
    if (!(USER_STATUSES as readonly string[]).includes(status)) {
      throw badRequest(`'status' must be one of ${USER_STATUSES.join(', ')}; got '${status}'.`);
    }
  }
  return new Set(raw.length > 0 ? raw : USER_STATUSES);
}

const temporaryPassword = (): string => `Tmp-${randomBytes(9).toString('base64url')}1!`;

export const userRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/v2/users',
    operation: 'listUsers',
    handler: (ctx) => {
      requireReader(ctx);
      const page = parsePageParams(ctx.query);
      const email = searchParam(ctx.query, 'email');
      const name = searchParam(ctx.query, 'name');
      const statuses = parseStatuses(ctx.query);
      const search = ctx.store.userSearch;
      const candidates =
        (email === undefined ? undefined : search.candidates(email)) ??
        (name === undefined ? undefined : search.candidates(name));
      const result = pageFiltered(
        ctx.store.userIndex,
        candidates,
        page,
        (n) => ctx.store.users.get(n),
        (user) =>
          statuses.has(user.status) &&
          (email === undefined || user.email.toLowerCase().includes(email)) &&
          (name === undefined || user.name.toLowerCase().includes(name)),
      );
      return {
        status: 200,
        body: { users: result.items.map(userJson), pagination: paginationJson(result.next) },
      };
    },
  },
  {
    method: 'POST',
    path: '/v2/users',
    operation: 'createUser',
    handler: (ctx) => {
      rejectSystemFields(ctx.body);
      const body = parseBody(createBody, ctx.body);
      requireAdmin(ctx);
      if (body.role.type === 'CUSTOM') {
        throw unprocessable('Custom account-level roles are not yet supported.');
      }
      const role = body.role.name;
      const isDeveloper = body.is_developer ?? role !== 'ANNOTATOR';
      const status: UserStatus = body.invite_mode === 'NONE' ? 'ACTIVE' : 'INVITED';
      const existing = ctx.store.userByEmail(body.email);
      if (existing?.status === 'INVITED') return { status: 200, body: userJson(existing) };
      if (existing && existing.status !== 'EXPIRED') {
        throw conflict(
          existing.status === 'INACTIVE'
            ? `The user '${body.email}' has been deactivated and cannot be re-invited.`
            : `The email '${body.email}' already belongs to an account member.`,
        );
      }
      let user: UserRec;
      if (existing) {
        ctx.store.renameUser(existing, body.name);
        Object.assign(existing, { role, isDeveloper, status });
        ctx.store.refreshAdmin(existing);
        user = existing;
      } else {
        const input = { name: body.name, email: body.email, role, status, isDeveloper };
        user = ctx.store.addUser({ ...input, kind: 'human', ms: ctx.nowMs });
      }
      const created = {
        ...userJson(user),
        invite_mode: body.invite_mode,
        ...(body.invite_mode === 'TEMPORARY_PASSWORD'
          ? { temporary_password: temporaryPassword() }
          : {}),
      };
      return { status: 201, body: created, change: { resourceId: user.id } };
    },
  },
  {
    method: 'GET',
    path: '/v2/users/{user_id}',
    operation: 'getUser',
    handler: (ctx) => {
      const user = findUser(ctx, ctx.params.user_id ?? '');
      if (ctx.principal.user.role === 'ANNOTATOR') throw notFound('user', user.id);
      return { status: 200, body: userJson(user) };
    },
  },
  {
    method: 'PATCH',
    path: '/v2/users/{user_id}',
    operation: 'updateUser',
    handler: (ctx) => {
      const user = findUser(ctx, ctx.params.user_id ?? '');
      const body = parseBody(updateBody, ctx.body);
      requireSomeField(body, ['name', 'is_developer']);
      requireAdmin(ctx);
      const changed =
        (body.name !== undefined && body.name !== user.name) ||
        (body.is_developer !== undefined && body.is_developer !== user.isDeveloper);
      if (body.name !== undefined) ctx.store.renameUser(user, body.name);
      if (body.is_developer !== undefined) user.isDeveloper = body.is_developer;
      return {
        status: 200,
        body: userJson(user),
        ...(changed ? { change: { resourceId: user.id } } : {}),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/v2/users/{user_id}',
    operation: 'deleteUser',
    handler: (ctx) => {
      const user = findUserAnyStatus(ctx, ctx.params.user_id ?? '');
      requireAdmin(ctx);
      if (user.n === ctx.principal.user.n) throw badRequest('You cannot delete yourself.');
      if (user.status === 'INACTIVE') return { status: 204 };
      ctx.store.deactivateUser(user);
      return { status: 204, change: { resourceId: user.id } };
    },
  },
  {
    method: 'POST',
    path: '/v2/users/{user_id}/resend-invitation',
    operation: 'resendUserInvitation',
    handler: (ctx) => {
      const user = findUser(ctx, ctx.params.user_id ?? '');
      requireAdmin(ctx);
      if (user.status !== 'INVITED')
        throw badRequest(`The user '${user.id}' is not in the INVITED state.`);
      if (ctx.store.samlEnforced) {
        throw badRequest('SAML/IdP login is enforced for this account: invitations are not sent.');
      }
      return { status: 204, change: { resourceId: user.id } };
    },
  },
  {
    method: 'POST',
    path: '/v2/users/{user_id}/reset-password',
    operation: 'resetUserPassword',
    handler: (ctx) => {
      const user = findUser(ctx, ctx.params.user_id ?? '');
      requireAdmin(ctx);
      if (user.status !== 'ACTIVE') {
        throw badRequest(`The user '${user.id}' has not verified their account yet.`);
      }
      return { status: 204, change: { resourceId: user.id } };
    },
  },
];
