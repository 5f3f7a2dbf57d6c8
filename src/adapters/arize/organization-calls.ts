import {
  addOrganizationUser,
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  removeOrganizationUser,
  updateOrganization,
} from '@arizeai/ax-client';
import type { ArizeGateway } from '../../app/ports.ts';
import type { GatewayContext } from './gateway-context.ts';
import { iterateAll } from './iterate-all.ts';
import { reconcileCreate } from './reconcile-create.ts';
import { predefinedRole, toOrganization, toOrgMembership, toPage } from './wire-mapping.ts';

type OrganizationCalls = Pick<
  ArizeGateway,
  | 'listOrganizations'
  | 'getOrganization'
  | 'createOrganization'
  | 'updateOrganization'
  | 'deleteOrganization'
  | 'addOrganizationUser'
  | 'removeOrganizationUser'
>;

/** Organization calls on ax-client with our client. */
export function createOrganizationCalls(ctx: GatewayContext): OrganizationCalls {
  const { client } = ctx;
  const org = (id: string) => `organization ${id}`;

  const calls: OrganizationCalls = {
    listOrganizations: (query = {}) =>
      ctx.call({ action: 'list organizations' }, async () =>
        toPage(
          await listOrganizations({
            client,
            ...(query.name !== undefined ? { name: query.name } : {}),
            limit: query.limit ?? 100,
            ...(query.cursor ? { cursor: query.cursor } : {}),
          }),
          toOrganization,
        ),
      ),

    getOrganization: (orgId) =>
      ctx.call({ action: 'read the organization', target: org(orgId) }, async () =>
        toOrganization(
          await getOrganization({ client, organization: ctx.requireId('organization', orgId) }),
        ),
      ),

    createOrganization: (input) =>
      ctx.call({ action: `create the organization '${input.name}'` }, () =>
        reconcileCreate({
          create: async () =>
            toOrganization(
              await createOrganization({
                client,
                name: input.name,
                ...(input.description !== undefined ? { description: input.description } : {}),
              }),
            ),
          find: async () => {
            for await (const o of iterateAll((cursor) =>
              calls.listOrganizations({ name: input.name, ...(cursor ? { cursor } : {}) }),
            )) {
              if (o.name === input.name) return o;
            }
            return undefined;
          },
          settle: ctx.settle,
          onReconciled: (how) =>
            ctx.warn('arize create reconciled', { entity: 'organization', how }),
        }),
      ),

    updateOrganization: (orgId, input) =>
      ctx.call({ action: 'update the organization', target: org(orgId) }, async () =>
        toOrganization(
          await updateOrganization({
            client,
            organization: ctx.requireId('organization', orgId),
            ...input,
          }),
        ),
      ),

    deleteOrganization: (orgId) =>
      ctx.call({ action: 'delete the organization', target: org(orgId) }, () =>
        deleteOrganization({ client, organization: ctx.requireId('organization', orgId) }),
      ),

    addOrganizationUser: (orgId, userId, role) =>
      ctx.call(
        { action: 'add the user to the organization', target: `${org(orgId)} or user ${userId}` },
        async () =>
          toOrgMembership(
            await addOrganizationUser({
              client,
              organizationId: ctx.requireId('organization', orgId),
              userId: ctx.requireId('user', userId),
              role: predefinedRole(role),
            }),
          ),
      ),

    removeOrganizationUser: (orgId, userId) =>
      ctx.call(
        {
          action: 'remove the user from the organization',
          target: `user ${userId} in ${org(orgId)}`,
        },
        () =>
          removeOrganizationUser({
            client,
            organizationId: ctx.requireId('organization', orgId),
            userId: ctx.requireId('user', userId),
          }),
      ),
  };
  return calls;
}
