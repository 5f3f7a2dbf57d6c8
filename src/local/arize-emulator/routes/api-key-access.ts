import { isAccountAdmin, spaceRoleOf } from '../access.ts';
import type { RestContext } from '../http.ts';
import { ID_TYPES } from '../ids.ts';
import type { ApiKeyRec } from '../model.ts';
import { forbidden, notFound } from '../problem.ts';
import { idNumber } from './lookup.ts';

/** Effective roles of the caller in each space a service key is bound to. */
function boundSpaceRoles(ctx: RestContext, key: ApiKeyRec): Array<string | undefined> {
  const roles: Array<string | undefined> = [];
  for (const binding of key.bindings) {
    for (const s of binding.spaces) {
      const space = ctx.store.spaces.get(s.spaceN);
      roles.push(space ? spaceRoleOf(ctx.store, ctx.principal.user, space) : undefined);
    }
  }
  return roles;
}

const canReadServiceKeys = (role: string | undefined): boolean =>
  role === 'ADMIN' || role === 'MEMBER';

/**
 * Finds a key the caller may read; others are 404 ("to prevent key-ID enumeration").
 * USER keys: the creator and account admins. SERVICE keys: account admins, the creator, and
 * members or admins of a bound space.
 */
export function findReadableKey(ctx: RestContext, raw: string): ApiKeyRec {
  const key = ctx.store.apiKeys.get(idNumber(raw, ID_TYPES.apiKey, 'API key', 'api_key_id'));
  if (!key) throw notFound('API key', raw);
  const user = ctx.principal.user;
  if (isAccountAdmin(user) || key.createdByN === user.n) return key;
  if (key.keyType === 'SERVICE' && boundSpaceRoles(ctx, key).some(canReadServiceKeys)) return key;
  throw notFound('API key', raw);
}

/**
 * Refresh/revoke rights: USER keys by the creator or an account admin; SERVICE keys by account
 * admins, admins of every bound space, or the creator while a member of every bound space.
 */
export function requireKeyManager(ctx: RestContext, key: ApiKeyRec): void {
  const user = ctx.principal.user;
  if (isAccountAdmin(user)) return;
  if (key.keyType === 'USER') {
    if (key.createdByN === user.n) return;
    throw forbidden('Only the key creator or an account admin can manage this key.');
  }
  const roles = boundSpaceRoles(ctx, key);
  if (roles.every((r) => r === 'ADMIN')) return;
  if (key.createdByN === user.n && roles.every(canReadServiceKeys)) return;
  throw forbidden(
    'Managing this service key requires space admin in every bound space, or being its creator.',
  );
}
