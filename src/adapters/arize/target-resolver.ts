import type { ArizeGateway, TargetResolver, UserRef } from '../../app/ports.ts';
import type { Organization, Space, User } from '../../domain/arize.ts';
import { AppError, ErrorCodes, isAppError } from '../../domain/errors.ts';
import { collectAll } from './iterate-all.ts';
import { didYouMean } from './near-names.ts';
import { isResourceId } from './resource-id.ts';

export interface TargetResolverOptions {
  /** Exact-name user search (GraphQL); taken from the gateway adapter when it has one. */
  searchUsersByName?: (name: string) => Promise<User[]>;
}

const quoteList = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * Turns what people type into Arize entities: ids as the SDKs detect them, exact names, and
 * emails (case-insensitive). One resolver per job: lookups are cached for that invocation.
 */
export function createTargetResolver(
  gateway: ArizeGateway,
  options: TargetResolverOptions = {},
): TargetResolver {
  const search =
    options.searchUsersByName ??
    (gateway as Partial<Pick<TargetResolverOptions, 'searchUsersByName'>>).searchUsersByName;
  const cache = new Map<string, Promise<unknown>>();
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit) return hit as Promise<T>;
    const promise = load();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
    return promise;
  };

  const allOrganizations = () =>
    cached('orgs:*', () =>
      collectAll((cursor) => gateway.listOrganizations(cursor ? { cursor } : {})),
    );
  const spacesOf = (orgId: string, name?: string) =>
    cached(`spaces:${orgId}:${name ?? '*'}`, () =>
      collectAll((cursor) =>
        gateway.listSpaces({
          orgId,
          ...(name !== undefined ? { name } : {}),
          ...(cursor ? { cursor } : {}),
        }),
      ),
    );
  const allSpaceNames = () =>
    cached('spaces:*', () => collectAll((cursor) => gateway.listSpaces(cursor ? { cursor } : {})));

  const organization = (ref: string): Promise<Organization> =>
    cached(`org:${ref}`, async () => {
      if (isResourceId(ref)) return gateway.getOrganization(ref);
      const orgs = await allOrganizations();
      const matches = orgs.filter((o) => o.name === ref);
      if (matches.length === 1 && matches[0]) return matches[0];
      if (matches.length > 1) {
        throw new AppError(
          ErrorCodes.arizeAmbiguous,
          `Several organizations are named '${ref}' (${quoteList(matches.map((o) => o.id))}).`,
          { hint: 'Use the organization id instead.' },
        );
      }
      throw new AppError(
        ErrorCodes.arizeNotFound,
        `No organization named '${ref}'.${didYouMean(
          ref,
          orgs.map((o) => o.name),
        )}`,
        { hint: 'Names are exact and case-sensitive; `org list` shows them.' },
      );
    });

  const withOrganization = async (space: Space, orgIdHint?: string): Promise<Space> => {
    if (space.organizationId) return space;
    const orgIds = orgIdHint ? [orgIdHint] : (await allOrganizations()).map((o) => o.id);
    for (const orgId of orgIds) {
      const found = (await spacesOf(orgId, space.name)).find((s) => s.id === space.id);
      if (found) return { ...space, organizationId: orgId };
    }
    return space;
  };

  const space = (ref: string, scope: { orgId?: string } = {}): Promise<Space> =>
    cached(`space:${scope.orgId ?? '*'}:${ref}`, async () => {
      if (isResourceId(ref)) return withOrganization(await gateway.getSpace(ref), scope.orgId);
      if (scope.orgId) {
        const orgId = scope.orgId;
        const matches = (await spacesOf(orgId, ref)).filter((s) => s.name === ref);
        if (matches[0]) return matches[0];
        const [org, names] = await Promise.all([
          organization(orgId).catch(() => undefined),
          spacesOf(orgId).then((all) => all.map((s) => s.name)),
        ]);
        const where = org ? ` in organization '${org.name}'` : '';
        throw new AppError(
          ErrorCodes.arizeNotFound,
          `No space named '${ref}'${where}.${didYouMean(ref, names)}`,
          { hint: 'Names are exact and case-sensitive; `space list` shows them.' },
        );
      }
      const global = await collectAll((cursor) =>
        gateway.listSpaces({ name: ref, ...(cursor ? { cursor } : {}) }),
      );
      if (global.some((s) => s.name === ref)) {
        return resolveAcrossOrganizations(ref);
      }
      const names = (await allSpaceNames()).map((s) => s.name);
      throw new AppError(
        ErrorCodes.arizeNotFound,
        `No space named '${ref}'.${didYouMean(ref, names)}`,
        { hint: 'Names are exact and case-sensitive; `space list` shows them.' },
      );
    });

  const resolveAcrossOrganizations = async (ref: string): Promise<Space> => {
    const orgs = await allOrganizations();
    const perOrg = await Promise.all(
      orgs.map(async (org) => ({
        org,
        spaces: (await spacesOf(org.id, ref)).filter((s) => s.name === ref),
      })),
    );
    const matches = perOrg.flatMap(({ org, spaces }) => spaces.map((s) => ({ org, s })));
    if (matches.length === 1 && matches[0]) return matches[0].s;
    if (matches.length > 1) {
      const orgNames = [...new Set(matches.map((m) => `'${m.org.name}'`))];
      throw new AppError(
        ErrorCodes.arizeAmbiguous,
        `Several spaces are named '${ref}': in organizations ${quoteList(orgNames)}.`,
        { hint: "Add --org with the organization's name, or use the space id." },
      );
    }
    throw new AppError(
      ErrorCodes.arizeNotFound,
      `No space named '${ref}' in any organization the bot can see.`,
      { hint: 'The space may be private; `space list` shows what the bot can see.' },
    );
  };

  const userByEmail = async (email: string): Promise<User> => {
    const wanted = email.trim().toLowerCase();
    const users = await collectAll((cursor) =>
      gateway.listUsers({ email: wanted, ...(cursor ? { cursor } : {}) }),
    );
    const match = users.find((u) => u.email.toLowerCase() === wanted);
    if (match) return match;
    throw new AppError(ErrorCodes.arizeNotFound, `No Arize user has the email '${email}'.`, {
      hint: 'Check the address, or invite the user first.',
    });
  };

  const userByName = async (name: string): Promise<User> => {
    const useEmail = (cause?: unknown) =>
      new AppError(
        ErrorCodes.arizeNotConfigured,
        `Finding a user by name needs an Arize developer key (ARIZE_DEVELOPER_KEY), which is not configured; use an email instead of '${name}'.`,
        { hint: 'Mention the person in Slack or type their email address.', cause },
      );
    if (!search) throw useEmail();
    let users: User[];
    try {
      users = await search(name);
    } catch (error) {
      if (isAppError(error) && error.code === ErrorCodes.arizeNotConfigured) throw useEmail(error);
      throw error;
    }
    if (users.length === 1 && users[0]) return users[0];
    if (users.length > 1) {
      throw new AppError(
        ErrorCodes.arizeAmbiguous,
        `Several Arize users are named '${name}': ${quoteList(users.map((u) => u.email))}.`,
        { hint: 'Use the email of the one you mean.' },
      );
    }
    throw new AppError(ErrorCodes.arizeNotFound, `No Arize user is named exactly '${name}'.`, {
      hint: 'Use their email instead.',
    });
  };

  const user = (ref: UserRef): Promise<User> => {
    switch (ref.kind) {
      case 'id':
        return cached(`user:id:${ref.id}`, () => gateway.getUser(ref.id));
      case 'email':
        return cached(`user:email:${ref.email.trim().toLowerCase()}`, () => userByEmail(ref.email));
      case 'name':
        return cached(`user:name:${ref.name}`, () => userByName(ref.name));
    }
  };

  return { organization, space, user };
}
