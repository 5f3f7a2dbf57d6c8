import type { DesiredAccess } from '../../domain/drift/desired-access.ts';
import { type ActualAccess, type DriftPlan, planDrift } from '../../domain/drift/drift-plan.ts';
import type { ArizeGateway, TargetResolver } from '../ports.ts';

export interface CheckDriftDeps {
  gateway: Pick<ArizeGateway, 'listSpaces' | 'listSpaceMembersMany'>;
  resolver: Pick<TargetResolver, 'organization'>;
}

/**
 * Compares a desired-access file with Arize.
 *
 * Primary course:
 * 1. Resolve the file's organization (an unknown one throws the resolver's clear message).
 * 2. List its spaces and read the members of the managed ones (GraphQL `spaceUsers`, batched).
 * 3. Plan the differences (`planDrift`); nothing is changed.
 */
export function makeCheckDrift(deps: CheckDriftDeps) {
  return async (desired: DesiredAccess): Promise<DriftPlan> => {
    const org = await deps.resolver.organization(desired.organization);
    const spaces: Array<{ id: string; name: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await deps.gateway.listSpaces({
        orgId: org.id,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      spaces.push(...page.items.map((s) => ({ id: s.id, name: s.name })));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const managed = spaces.filter((s) => desired.spaces[s.name] !== undefined);
    const members = await deps.gateway.listSpaceMembersMany(managed.map((s) => s.id));
    const actual: ActualAccess = {
      organization: { id: org.id, name: org.name },
      spaces: managed.map((s) => ({ ...s, members: members.get(s.id) ?? [] })),
    };
    return planDrift(desired, actual);
  };
}
