import { type Policy, selfServiceRules } from '../../domain/policy/policy.ts';
import type { GroupDirectory, Log, TargetResolver } from '../ports.ts';
import { resolvePolicyScopes, type ScopeReport } from './policy-scopes.ts';

/** What self-service needs besides Arize: the policy and the Slack look-ups its rules name. */
export interface AccessContext {
  policy: Policy;
  /** Of `groupIds`, the user groups this person is in, read live; an unreadable one: not in it. */
  groupsOf(userId: string, groupIds: readonly string[]): Promise<Set<string>>;
  /** A Slack user id from an e-mail (policy mapping, then `users.lookupByEmail`, cached). */
  slackIdOf(email: string): Promise<string | undefined>;
  /** The rules' organizations and spaces as Arize knows them: resolved once, then kept. */
  scopes(): Promise<ScopeReport[]>;
  log: Log;
}

/** Builds the access context of one process (the scopes are resolved on first use, logged). */
export function makeAccessContext(deps: {
  policy: Policy;
  groups: GroupDirectory;
  slackIdOf: (email: string) => Promise<string | undefined>;
  newResolver: () => TargetResolver;
  log: Log;
}): AccessContext {
  let scopes: Promise<ScopeReport[]> | undefined;
  return {
    policy: deps.policy,
    log: deps.log,
    slackIdOf: deps.slackIdOf,
    groupsOf: memberGroups(deps.groups, deps.log),
    scopes: () => {
      scopes ??= resolvePolicyScopes(
        selfServiceRules(deps.policy),
        deps.newResolver(),
        deps.log,
      ).catch((error: unknown) => {
        scopes = undefined;
        throw error;
      });
      return scopes;
    },
  };
}

/**
 * Of `groupIds`, the user groups a person is in, read live; a group that cannot be read counts
 * as one they are not in (fail closed), with a warning.
 */
export function memberGroups(
  groups: GroupDirectory,
  log: Log,
): (userId: string, groupIds: readonly string[]) => Promise<Set<string>> {
  return async (userId, groupIds) => {
    const found = new Set<string>();
    for (const id of new Set(groupIds.filter((g) => g.startsWith('S')))) {
      try {
        if ((await groups.members(id)).includes(userId)) found.add(id);
      } catch (error: unknown) {
        log.warn('user group not readable, failing closed', {
          groupId: id,
          error: error instanceof Error ? error.message : 'unknown',
        });
      }
    }
    return found;
  };
}
