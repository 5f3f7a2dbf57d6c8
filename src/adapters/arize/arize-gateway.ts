import type { ArizeGateway } from '../../app/ports.ts';
import { type ArizeGatewayOptions, createArizeTransport } from './arize-transport.ts';
import { createGatewayContext } from './gateway-context.ts';
import { createOrganizationCalls } from './organization-calls.ts';
import { createSpaceCalls } from './space-calls.ts';

export type { ArizeGatewayOptions } from './arize-transport.ts';

const notImplemented = (name: string) => () => {
  throw new Error(`ArizeGateway.${name} is not implemented yet`);
};

/**
 * The only way the bot talks to Arize: REST v2 through ax-client on our own resilient fetch,
 * and GraphQL for space members. Every failure is an `AppError` with an `ARIZE.*` code.
 */
export function createArizeGateway(options: ArizeGatewayOptions): ArizeGateway {
  const transport = createArizeTransport(options);
  const ctx = createGatewayContext(transport);
  return {
    ...createOrganizationCalls(ctx),
    ...createSpaceCalls(ctx),
    listSpaceMembers: notImplemented('listSpaceMembers'),
    listUsers: notImplemented('listUsers'),
    getUser: notImplemented('getUser'),
    createUser: notImplemented('createUser'),
    updateUser: notImplemented('updateUser'),
    deleteUser: notImplemented('deleteUser'),
    resendInvitation: notImplemented('resendInvitation'),
    resetPassword: notImplemented('resetPassword'),
    listApiKeys: notImplemented('listApiKeys'),
    createServiceApiKey: notImplemented('createServiceApiKey'),
    refreshApiKey: notImplemented('refreshApiKey'),
    revokeApiKey: notImplemented('revokeApiKey'),
    listAuditLogs: notImplemented('listAuditLogs'),
    upsertSpaceMemberships: notImplemented('upsertSpaceMemberships'),
    listSpaceMembersMany: notImplemented('listSpaceMembersMany'),
  };
}
