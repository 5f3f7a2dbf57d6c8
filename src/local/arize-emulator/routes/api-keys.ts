import { z } from 'zod';
import { isAccountAdmin, spaceRoleOf } from '../access.ts';
import type { RestContext, RestRoute } from '../http.ts';
import { generateSecret } from '../keys.ts';
import { API_KEY_STATUSES, API_KEY_TYPES, type ApiKeyRec } from '../model.ts';
import { compareKeys } from '../ordered-index.ts';
import { pageFromSorted, paginationJson, parsePageParams } from '../pagination.ts';
import { badRequest, forbidden, unprocessable } from '../problem.ts';
import { apiKeyJson } from '../wire.ts';
import { findReadableKey, requireKeyManager } from './api-key-access.ts';
import { createApiKey } from './api-key-create.ts';
import { findSpace, findUserAnyStatus } from './lookup.ts';
import { parseBody } from './validate.ts';

const MAX_GRACE_SECONDS = 86_400;

const refreshBody = z.object({
  expires_at: z.iso.datetime({ offset: true }).optional(),
  grace_period_seconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).optional(),
});

function enumParam<T extends string>(
  query: URLSearchParams,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw badRequest(`'${name}' must be one of ${values.join(', ')}; got '${value}'.`);
  }
  return value as T;
}

/** Keys the list may show, before status filtering and paging. */
function candidateKeys(ctx: RestContext): ApiKeyRec[] {
  const caller = ctx.principal.user;
  if (!caller.isDeveloper && !isAccountAdmin(caller)) {
    throw forbidden('Listing API keys requires developer access or account admin.');
  }
  const keyType = enumParam(ctx.query, 'key_type', API_KEY_TYPES);
  const rawSpace = ctx.query.get('space_id');
  const rawUser = ctx.query.get('user_id');
  const creator = rawUser ? findUserAnyStatus(ctx, rawUser) : undefined;
  if (rawSpace) {
    const space = findSpace(ctx, rawSpace);
    if (keyType === 'USER')
      throw badRequest(
        "'space_id' filters service keys; it cannot be combined with key_type=USER.",
      );
    const role = spaceRoleOf(ctx.store, caller, space);
    if (role !== 'ADMIN' && role !== 'MEMBER')
      throw forbidden('Reading service keys needs SERVICE_KEY_READ in the space.');
    const keys = [...(ctx.store.keysBySpace.get(space.n) ?? [])].map((n) =>
      ctx.store.apiKeys.get(n),
    );
    return keys.filter(
      (k): k is ApiKeyRec => k !== undefined && (!creator || k.createdByN === creator.n),
    );
  }
  if (keyType === 'SERVICE') throw badRequest("Listing service keys requires 'space_id'.");
  if (creator && creator.n !== caller.n && !isAccountAdmin(caller)) {
    throw forbidden("Only account admins may list another user's keys.");
  }
  const owner = creator ?? caller;
  return [...(ctx.store.userKeys.get(owner.n) ?? [])]
    .map((n) => ctx.store.apiKeys.get(n))
    .filter((k): k is ApiKeyRec => k !== undefined);
}

export const apiKeyRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/v2/api-keys',
    operation: 'listApiKeys',
    handler: (ctx) => {
      const page = parsePageParams(ctx.query);
      const status = enumParam(ctx.query, 'status', API_KEY_STATUSES) ?? 'ACTIVE';
      const rows = candidateKeys(ctx)
        .filter((k) => k.status === status)
        .map((k) => ({ key: { ms: k.ms, n: k.n }, item: k }))
        .sort((a, b) => compareKeys(a.key, b.key));
      const result = pageFromSorted(rows, page, compareKeys);
      return {
        status: 200,
        body: { api_keys: result.items.map(apiKeyJson), pagination: paginationJson(result.next) },
      };
    },
  },
  { method: 'POST', path: '/v2/api-keys', operation: 'createApiKey', handler: createApiKey },
  {
    method: 'POST',
    path: '/v2/api-keys/{api_key_id}/refresh',
    operation: 'refreshApiKey',
    handler: (ctx) => {
      const key = findReadableKey(ctx, ctx.params.api_key_id ?? '');
      const body = parseBody(refreshBody, ctx.body ?? {});
      requireKeyManager(ctx, key);
      if (key.status === 'REVOKED') throw badRequest('A revoked API key cannot be refreshed.');
      let expiresMs: number | undefined;
      if (body.expires_at !== undefined) {
        expiresMs = Date.parse(body.expires_at);
        if (expiresMs <= ctx.nowMs) throw unprocessable("'expires_at' must be in the future.");
        if (key.expiresMs !== undefined && expiresMs > key.expiresMs) {
          throw unprocessable("'expires_at' cannot be later than the current key's expiry.");
        }
      } else if (key.expiresMs !== undefined) {
        throw unprocessable("'expires_at' is required because the existing key has an expiry.");
      }
      const grace = body.grace_period_seconds ?? 0;
      const oldSecret = key.secret;
      if (grace > 0) {
        const until = Math.min(ctx.nowMs + grace * 1000, key.expiresMs ?? Number.POSITIVE_INFINITY);
        ctx.store.secrets.set(oldSecret, { keyN: key.n, validUntilMs: until });
      } else {
        ctx.store.secrets.delete(oldSecret);
      }
      key.secret = generateSecret();
      key.expiresMs = expiresMs;
      ctx.store.secrets.set(key.secret, { keyN: key.n, validUntilMs: undefined });
      return {
        status: 200,
        body: { ...apiKeyJson(key), key: key.secret },
        change: { resourceId: key.id },
      };
    },
  },
  {
    method: 'PUT',
    path: '/v2/api-keys/{api_key_id}/revoke',
    operation: 'revokeApiKey',
    handler: (ctx) => {
      const key = findReadableKey(ctx, ctx.params.api_key_id ?? '');
      requireKeyManager(ctx, key);
      if (key.status === 'REVOKED') return { status: 204 };
      ctx.store.revokeKey(key);
      return { status: 204, change: { resourceId: key.id } };
    },
  },
];
