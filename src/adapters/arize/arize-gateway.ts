import type { ArizeGateway, ArizeKeyProbe } from '../../app/ports.ts';
import type { User } from '../../domain/arize.ts';
import { createApiKeyCalls } from './api-key-calls.ts';
import { createArizeGraphql } from './arize-graphql.ts';
import { createArizeKeyProbe } from './arize-key-probe.ts';
import { type ArizeGatewayOptions, createArizeTransport, DEFAULTS } from './arize-transport.ts';
import { createGatewayContext } from './gateway-context.ts';
import { type ArizeListIterators, createListIterators } from './list-iterators.ts';
import { createOrganizationCalls } from './organization-calls.ts';
import { createSpaceCalls } from './space-calls.ts';
import { createSpaceMemberCalls } from './space-member-calls.ts';
import { upsertSpaceMemberships } from './upsert-space-memberships.ts';
import { createUserCalls } from './user-calls.ts';
import { createUserSearch } from './user-search.ts';

export type { ArizeGatewayOptions } from './arize-transport.ts';

/** The adapter: the port, list iterators, and GraphQL user search for the resolver. */
export interface ArizeGatewayAdapter extends ArizeGateway, ArizeListIterators {
  /** Users whose name is exactly `name` (GraphQL; throws ARIZE.NOT_CONFIGURED without a developer key). */
  searchUsersByName(name: string): Promise<User[]>;
  /** True when a developer key is configured (GraphQL is available). */
  hasDeveloperKey(): Promise<boolean>;
  /** Checks both keys, for `/arize doctor`. */
  keys: ArizeKeyProbe;
}

/**
 * The only way the bot talks to Arize: REST v2 through ax-client on our own resilient fetch,
 * and GraphQL for space members and user search. Every failure is an `AppError` with an
 * `ARIZE.*` code and a sentence a Slack user can act on.
 */
export function createArizeGateway(options: ArizeGatewayOptions): ArizeGatewayAdapter {
  const transport = createArizeTransport(options);
  const ctx = createGatewayContext(transport);
  const graphql = createArizeGraphql(options, transport.policy, transport.seen);
  const users = createUserCalls(ctx);
  const spaces = createSpaceCalls(ctx);
  const bulkConcurrency =
    options.bulkConcurrency ?? options.maxConcurrency ?? DEFAULTS.maxConcurrency;
  const gateway: ArizeGateway = {
    ...createOrganizationCalls(ctx),
    ...spaces,
    ...users,
    ...createApiKeyCalls(ctx),
    ...createSpaceMemberCalls(ctx, graphql),
    upsertSpaceMemberships: (pairs, role) =>
      upsertSpaceMemberships(spaces.addSpaceUser, pairs, role, bulkConcurrency),
  };
  return {
    ...gateway,
    ...createListIterators(gateway),
    searchUsersByName: createUserSearch(ctx, graphql, users.getUser),
    hasDeveloperKey: () => graphql.configured(),
    keys: createArizeKeyProbe({ ctx, graphql, apiKey: options.apiKey, getUser: users.getUser }),
  };
}
