import {
  createApiKey,
  listApiKeys,
  listAuditLogs,
  refreshApiKey,
  revokeApiKey,
} from '@arizeai/ax-client';
import type { ArizeGateway } from '../../app/ports.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import type { GatewayContext } from './gateway-context.ts';
import { collectAll } from './iterate-all.ts';
import { isOutcomeUnknown } from './transport-errors.ts';
import { toApiKey, toApiKeyWithSecret, toAuditLogEntry, toPage } from './wire-mapping.ts';

type ApiKeyCalls = Pick<
  ArizeGateway,
  'listApiKeys' | 'createServiceApiKey' | 'refreshApiKey' | 'revokeApiKey' | 'listAuditLogs'
>;

/** Service API key and audit log calls (REST) on ax-client with our client. */
export function createApiKeyCalls(ctx: GatewayContext): ApiKeyCalls {
  const { client } = ctx;
  const key = (id: string) => `API key ${id}`;

  const keyIdsNamed = async (spaceId: string, name: string): Promise<Set<string>> => {
    const keys = await collectAll((cursor) =>
      calls.listApiKeys({ spaceId, status: 'ACTIVE', ...(cursor ? { cursor } : {}) }),
    );
    return new Set(keys.filter((k) => k.name === name).map((k) => k.id));
  };

  const calls: ApiKeyCalls = {
    listApiKeys: (query) =>
      ctx.call({ action: 'list API keys', target: `space ${query.spaceId}` }, async () =>
        toPage(
          await listApiKeys({
            client,
            spaceId: ctx.requireId('space', query.spaceId),
            ...(query.status ? { status: query.status } : {}),
            limit: query.limit ?? 100,
            ...(query.cursor ? { cursor: query.cursor } : {}),
          }),
          toApiKey,
        ),
      ),

    createServiceApiKey: (input) =>
      ctx.call(
        {
          action: `create the service API key '${input.name}'`,
          target: `space ${input.spaceId} in organization ${input.orgId}`,
        },
        async () => {
          // The ids that exist before we create tell a key made by a lost attempt from older ones.
          const before = await keyIdsNamed(input.spaceId, input.name);
          try {
            return toApiKeyWithSecret(
              await createApiKey({
                client,
                keyType: 'SERVICE',
                name: input.name,
                ...(input.description !== undefined ? { description: input.description } : {}),
                ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
                organizations: [
                  {
                    orgId: ctx.requireId('organization', input.orgId),
                    spaces: [
                      {
                        spaceId: ctx.requireId('space', input.spaceId),
                        role: { name: input.spaceRole },
                      },
                    ],
                  },
                ],
              }),
            );
          } catch (error) {
            if (!isOutcomeUnknown(error)) throw error;
            // Key names are not unique, so a second create could make a second key: never send
            // one. A key the lost attempt made has no holder for its secret: revoke it.
            await ctx.settle();
            const orphans = [...(await keyIdsNamed(input.spaceId, input.name))].filter(
              (id) => !before.has(id),
            );
            for (const id of orphans) await calls.revokeApiKey(id);
            ctx.warn('arize key create outcome unknown', { revokedOrphans: orphans.length });
            throw new AppError(
              ErrorCodes.arizeUnavailable,
              orphans.length > 0
                ? `Arize created the key '${input.name}' but the answer was lost in a network failure, so the bot revoked it.`
                : `Arize did not answer while creating the key '${input.name}', and no new key is visible.`,
              { cause: error, hint: 'Check `key list` for the space, then run the command again.' },
            );
          }
        },
      ),

    refreshApiKey: (keyId, input) =>
      ctx.call({ action: 'refresh the API key', target: key(keyId) }, async () =>
        toApiKeyWithSecret(
          await refreshApiKey({
            client,
            apiKeyId: ctx.requireId('API key', keyId),
            ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
            ...(input.gracePeriodSeconds !== undefined
              ? { gracePeriodSeconds: input.gracePeriodSeconds }
              : {}),
          }),
        ),
      ),

    revokeApiKey: (keyId) =>
      ctx.call({ action: 'revoke the API key', target: key(keyId) }, () =>
        revokeApiKey({ client, apiKeyId: ctx.requireId('API key', keyId) }),
      ),

    listAuditLogs: (query = {}) =>
      ctx.call({ action: "read Arize's audit log" }, async () =>
        toPage(
          await listAuditLogs({
            client,
            ...(query.startTime ? { startTime: query.startTime } : {}),
            ...(query.endTime ? { endTime: query.endTime } : {}),
            ...(query.userId ? { userId: ctx.requireId('user', query.userId) } : {}),
            limit: query.limit ?? 100,
            ...(query.cursor ? { cursor: query.cursor } : {}),
          }),
          toAuditLogEntry,
        ),
      ),
  };
  return calls;
}
