import { canSeeOrg, canSeeSpace } from '../access.ts';
import type { RestContext } from '../http.ts';
import { decodeId, ID_TYPES, type IdType, idMatches } from '../ids.ts';
import type { OrgRec, SpaceRec, UserRec } from '../model.ts';
import { badRequest, notFound } from '../problem.ts';

/**
 * Decodes a global id: malformed → 400; well-formed but of another type or unknown → 404
 * (the API does not distinguish unknown from unreadable).
 */
export function idNumber(raw: string, type: IdType, kind: string, field = `${kind}_id`): number {
  const decoded = decodeId(raw);
  if (!decoded) throw badRequest(`Invalid resource ID format for '${field}': '${raw}'.`);
  if (!idMatches(decoded, type, decoded.n)) throw notFound(kind, raw);
  return decoded.n;
}

export function findOrg(ctx: RestContext, raw: string, field = 'org_id'): OrgRec {
  const org = ctx.store.orgs.get(idNumber(raw, ID_TYPES.organization, 'organization', field));
  if (!org || !canSeeOrg(ctx.store, ctx.principal.user, org)) throw notFound('organization', raw);
  return org;
}

export function findSpace(ctx: RestContext, raw: string, field = 'space_id'): SpaceRec {
  const space = ctx.store.spaces.get(idNumber(raw, ID_TYPES.space, 'space', field));
  if (!space || !canSeeSpace(ctx.store, ctx.principal.user, space)) throw notFound('space', raw);
  return space;
}

/** A listed account user: humans that are not deleted (`INACTIVE` users are 404). */
export function findUser(ctx: RestContext, raw: string, field = 'user_id'): UserRec {
  const user = findUserAnyStatus(ctx, raw, field);
  if (user.status === 'INACTIVE') throw notFound('user', raw);
  return user;
}

export function findUserAnyStatus(ctx: RestContext, raw: string, field = 'user_id'): UserRec {
  const user = ctx.store.users.get(idNumber(raw, ID_TYPES.user, 'user', field));
  if (user?.kind !== 'human') throw notFound('user', raw);
  return user;
}
