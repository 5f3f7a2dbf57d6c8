import {
  createApiKey,
  listApiKeys,
  listAuditLogs,
  refreshApiKey,
  revokeApiKey,
} from '@arizeai/ax-client';
import type { ArizeGateway } from '../../app/ports.ts';
import type { ApiKeyWithSecret } from '../../domain/arize.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import type { GatewayContext } from './gateway-context.ts';
import { collectAll } from './iterate-all.ts';
import { reconcileCreate } from './reconcile-create.ts';
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
          return reconcileCreate<ApiKeyWithSecret>({
            create: async () =>
              toApiKeyWithSecret(
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
              ),
            find: async () => {
              const now = await keyIdsNamed(input.spaceId, input.name);
              const orphans = [...now].filter((id) => !before.has(id));
              if (orphans.length === 0) return undefined;
              // Its secret was lost with the response: never leave a live key nobody holds.
              for (const id of orphans) await calls.revokeApiKey(id);
              throw new AppError(
                ErrorCodes.arizeUnavailable,
                `Arize created the key '${input.name}' but the answer was lost in a network failure, so the bot revoked it.`,
                { hint: 'Nothing is left behind; run the command again.' },
              );
            },
            settle: ctx.settle,
            onReconciled: (how) => ctx.warn('arize create reconciled', { entity: 'api key', how }),
          });
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
