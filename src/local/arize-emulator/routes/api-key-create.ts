import { z } from 'zod';
import { isAccountAdmin, orgRoleOf, roleRank, spaceRoleOf } from '../access.ts';
import type { RestContext, RestResult } from '../http.ts';
import { createKey, generateSecret } from '../keys.ts';
import type { OrgRole, RoleAssignment, SpaceRole } from '../model.ts';
import { forbidden, unprocessable } from '../problem.ts';
import { apiKeyJson, roleJson } from '../wire.ts';
import { findOrg, findSpace } from './lookup.ts';
import { parseBody, toRole } from './validate.ts';

/** Request roles may omit `type` (the spec's `Omit<…, 'type'>`); an `id` means CUSTOM. */
const looseRole = z.object({
  type: z.enum(['PREDEFINED', 'CUSTOM']).optional(),
  name: z.string().optional(),
  id: z.string().optional(),
});
type LooseRole = z.output<typeof looseRole>;

const common = {
  name: z.string().trim().min(1).max(256),
  description: z.string().max(1000).optional(),
  expires_at: z.iso.datetime({ offset: true }).optional(),
};
const userKeyBody = z.object({ key_type: z.literal('USER'), ...common });
const serviceKeyBody = z.object({
  key_type: z.literal('SERVICE'),
  ...common,
  account_role: looseRole.optional(),
  organizations: z
    .array(
      z.object({
        org_id: z.string().min(1),
        role: looseRole.optional(),
        spaces: z
          .array(z.object({ space_id: z.string().min(1), role: looseRole.optional() }))
          .min(1)
          .max(100),
      }),
    )
    .min(1)
    .max(100),
});
export const createKeyBody = z.discriminatedUnion('key_type', [userKeyBody, serviceKeyBody]);

function predefinedName<R extends string>(
  role: LooseRole | undefined,
  fallback: R,
  level: string,
  allowed: readonly R[],
): R {
  if (role === undefined) return fallback;
  if (role.type === 'CUSTOM' || role.id !== undefined) {
    throw unprocessable(`Custom roles are not supported at the ${level} level for service keys.`);
  }
  if (role.name === 'ANNOTATOR')
    throw unprocessable('The ANNOTATOR role is not valid for service keys.');
  if (!allowed.includes(role.name as R))
    throw unprocessable(`Unknown ${level} role '${role.name}'.`);
  return role.name as R;
}

function expiry(ctx: RestContext, expiresAt: string | undefined): number | undefined {
  if (expiresAt === undefined) return undefined;
  const ms = Date.parse(expiresAt);
  if (ms <= ctx.nowMs) throw unprocessable("'expires_at' must be in the future.");
  return ms;
}

/** POST /v2/api-keys: USER keys for developers; SERVICE keys within the caller's own reach. */
export function createApiKey(ctx: RestContext): RestResult {
  const body = parseBody(createKeyBody, ctx.body);
  const caller = ctx.principal.user;
  const base = {
    name: body.name,
    description: body.description,
    secret: generateSecret(),
    createdBy: caller,
    ms: ctx.nowMs,
  };
  if (body.key_type === 'USER') {
    if (ctx.principal.service || !caller.isDeveloper) {
      throw forbidden('Creating a user API key requires developer access.');
    }
    const { key } = createKey(ctx.store, {
      ...base,
      keyType: 'USER',
      expiresMs: expiry(ctx, body.expires_at),
    });
    return {
      status: 201,
      body: { ...apiKeyJson(key), key: key.secret },
      change: { resourceId: key.id },
    };
  }
  const bindings = body.organizations.map((entry) => {
    const org = findOrg(ctx, entry.org_id, 'organizations.org_id');
    const spaces = entry.spaces.map((s) => {
      const space = findSpace(ctx, s.space_id, 'organizations.spaces.space_id');
      if (space.orgN !== org.n) {
        throw unprocessable(
          `The space '${space.id}' does not belong to the organization '${org.id}'.`,
        );
      }
      const own = spaceRoleOf(ctx.store, caller, space);
      if (own !== 'ADMIN' && own !== 'MEMBER') {
        throw forbidden(
          `Creating a service key in space '${space.id}' requires space member or above.`,
        );
      }
      return { space, raw: s.role, own };
    });
    return { org, role: entry.role, spaces };
  });
  const accountRole = predefinedName(body.account_role, 'MEMBER', 'account', [
    'ADMIN',
    'MEMBER',
  ] as const);
  if (!isAccountAdmin(caller) && roleRank(accountRole) > roleRank(caller.role)) {
    throw unprocessable('The account role cannot be higher than your own.');
  }
  const resolved = bindings.map((b) => {
    const orgRole = predefinedName<OrgRole>(b.role, 'READ_ONLY', 'organization', [
      'ADMIN',
      'MEMBER',
      'READ_ONLY',
    ]);
    if (roleRank(orgRole) > roleRank(orgRoleOf(ctx.store, caller, b.org.n))) {
      throw unprocessable('The organization role cannot be higher than your own.');
    }
    const spaces = b.spaces.map(({ space, raw, own }) => {
      let role: RoleAssignment<SpaceRole> = { type: 'PREDEFINED', name: 'MEMBER' };
      if (raw?.id !== undefined || raw?.type === 'CUSTOM') {
        role = toRole<SpaceRole>(ctx, { type: 'CUSTOM', id: raw.id ?? '' });
      } else if (raw !== undefined) {
        role = {
          type: 'PREDEFINED',
          name: predefinedName<SpaceRole>(raw, 'MEMBER', 'space', ['ADMIN', 'MEMBER', 'READ_ONLY']),
        };
      }
      if (role.type === 'PREDEFINED' && roleRank(role.name) > roleRank(own)) {
        throw unprocessable('The space role cannot be higher than your own.');
      }
      return { spaceN: space.n, role };
    });
    return { orgN: b.org.n, orgRole, spaces };
  });
  const { key, bot } = createKey(ctx.store, {
    ...base,
    keyType: 'SERVICE',
    expiresMs: expiry(ctx, body.expires_at),
    accountRole,
    bindings: resolved,
  });
  const botUser = {
    id: bot?.id ?? '',
    name: bot?.name ?? key.name,
    account_role: { type: 'PREDEFINED', name: accountRole },
    organizations: resolved.map((b) => ({
      org_id: ctx.store.orgs.get(b.orgN)?.id ?? '',
      role: { type: 'PREDEFINED', name: b.orgRole },
      spaces: b.spaces.map((s) => ({
        space_id: ctx.store.spaces.get(s.spaceN)?.id ?? '',
        role: roleJson(ctx.store, s.role),
      })),
    })),
  };
  return {
    status: 201,
    body: { ...apiKeyJson(key), key: key.secret, bot_user: botUser },
    change: { resourceId: key.id },
  };
}
