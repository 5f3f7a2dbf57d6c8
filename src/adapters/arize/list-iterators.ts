import type { ArizeGateway } from '../../app/ports.ts';
import type {
  ApiKey,
  AuditLogEntry,
  Organization,
  Space,
  SpaceMember,
  User,
} from '../../domain/arize.ts';
import { iterateAll } from './iterate-all.ts';

type Query<M extends keyof ArizeGateway> = ArizeGateway[M] extends (query: infer Q) => unknown
  ? Omit<NonNullable<Q>, 'cursor'>
  : never;

const withCursor = <Q extends object>(query: Q, cursor: string | undefined) =>
  cursor ? { ...query, cursor } : query;

/** Async iterators over every list of the gateway, following cursors to the end. */
export interface ArizeListIterators {
  iterateOrganizations(query?: Query<'listOrganizations'>): AsyncGenerator<Organization>;
  iterateSpaces(query?: Query<'listSpaces'>): AsyncGenerator<Space>;
  iterateUsers(query?: Query<'listUsers'>): AsyncGenerator<User>;
  iterateApiKeys(query: Query<'listApiKeys'>): AsyncGenerator<ApiKey>;
  iterateAuditLogs(query?: Query<'listAuditLogs'>): AsyncGenerator<AuditLogEntry>;
  iterateSpaceMembers(spaceId: string, query?: { search?: string }): AsyncGenerator<SpaceMember>;
}

/** Builds the iterators over any `ArizeGateway` (the adapter or a fake). */
export function createListIterators(gateway: ArizeGateway): ArizeListIterators {
  return {
    iterateOrganizations: (query = {}) =>
      iterateAll((c) => gateway.listOrganizations(withCursor(query, c))),
    iterateSpaces: (query = {}) => iterateAll((c) => gateway.listSpaces(withCursor(query, c))),
    iterateUsers: (query = {}) => iterateAll((c) => gateway.listUsers(withCursor(query, c))),
    iterateApiKeys: (query) => iterateAll((c) => gateway.listApiKeys(withCursor(query, c))),
    iterateAuditLogs: (query = {}) =>
      iterateAll((c) => gateway.listAuditLogs(withCursor(query, c))),
    iterateSpaceMembers: (spaceId, query = {}) =>
      iterateAll((c) => gateway.listSpaceMembers(spaceId, withCursor(query, c))),
  };
}
