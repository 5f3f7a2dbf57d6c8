import {
  addSpaceUser,
  createSpace,
  deleteSpace,
  getSpace,
  listSpaces,
  removeSpaceUser,
  updateSpace,
} from '@arizeai/ax-client';
import type { ArizeGateway } from '../../app/ports.ts';
import type { GatewayContext } from './gateway-context.ts';
import { iterateAll } from './iterate-all.ts';
import { reconcileCreate } from './reconcile-create.ts';
import { predefinedRole, toPage, toSpace, toSpaceMembership } from './wire-mapping.ts';

type SpaceCalls = Pick<
  ArizeGateway,
  | 'listSpaces'
  | 'getSpace'
  | 'createSpace'
  | 'updateSpace'
  | 'deleteSpace'
  | 'addSpaceUser'
  | 'removeSpaceUser'
>;

/** Space calls (REST) on ax-client with our client. */
export function createSpaceCalls(ctx: GatewayContext): SpaceCalls {
  const { client } = ctx;
  const space = (id: string) => `space ${id}`;

  const calls: SpaceCalls = {
    listSpaces: (query = {}) =>
      ctx.call(
        {
          action: 'list spaces',
          ...(query.orgId ? { target: `organization ${query.orgId}` } : {}),
        },
        async () =>
          toPage(
            await listSpaces({
              client,
              ...(query.orgId
                ? { organizationId: ctx.requireId('organization', query.orgId) }
                : {}),
              ...(query.name !== undefined ? { name: query.name } : {}),
              limit: query.limit ?? 100,
              ...(query.cursor ? { cursor: query.cursor } : {}),
            }),
            (s) => toSpace(s, query.orgId),
          ),
      ),

    getSpace: (spaceId) =>
      ctx.call({ action: 'read the space', target: space(spaceId) }, async () =>
        toSpace(await getSpace({ client, space: ctx.requireId('space', spaceId) })),
      ),

    createSpace: (input) =>
      ctx.call(
        {
          action: `create the space '${input.name}'`,
          target: `organization ${input.orgId}`,
        },
        () =>
          reconcileCreate({
            create: async () =>
              toSpace(
                await createSpace({
                  client,
                  name: input.name,
                  organizationId: ctx.requireId('organization', input.orgId),
                  ...(input.description !== undefined ? { description: input.description } : {}),
                  ...(input.isPrivate !== undefined ? { isPrivate: input.isPrivate } : {}),
                }),
                input.orgId,
              ),
            find: async () => {
              for await (const s of iterateAll((cursor) =>
                calls.listSpaces({
                  orgId: input.orgId,
                  name: input.name,
                  ...(cursor ? { cursor } : {}),
                }),
              )) {
                if (s.name === input.name) return s;
              }
              return undefined;
            },
            settle: ctx.settle,
            onReconciled: (how) => ctx.warn('arize create reconciled', { entity: 'space', how }),
          }),
      ),

    updateSpace: (spaceId, input) =>
      ctx.call({ action: 'update the space', target: space(spaceId) }, async () =>
        toSpace(await updateSpace({ client, space: ctx.requireId('space', spaceId), ...input })),
      ),

    deleteSpace: (spaceId) =>
      ctx.call({ action: 'delete the space', target: space(spaceId) }, () =>
        deleteSpace({ client, space: ctx.requireId('space', spaceId) }),
      ),

    addSpaceUser: (spaceId, userId, role) =>
      ctx.call(
        { action: 'add the user to the space', target: `${space(spaceId)} or user ${userId}` },
        async () =>
          toSpaceMembership(
            await addSpaceUser({
              client,
              spaceId: ctx.requireId('space', spaceId),
              userId: ctx.requireId('user', userId),
              role: predefinedRole(role),
            }),
          ),
      ),

    removeSpaceUser: (spaceId, userId) =>
      ctx.call(
        { action: 'remove the user from the space', target: `user ${userId} in ${space(spaceId)}` },
        () =>
          removeSpaceUser({
            client,
            spaceId: ctx.requireId('space', spaceId),
            userId: ctx.requireId('user', userId),
          }),
      ),
  };
  return calls;
}
