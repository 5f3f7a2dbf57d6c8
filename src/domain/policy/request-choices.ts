import type { SpaceRole } from '../arize.ts';
import { SpaceRoles } from '../arize.ts';
import { admits, type SelfServiceRule } from './self-service.ts';

/** What the request modal offers one person: the roles and durations their rules allow. */
export interface RequestChoices {
  /** In Arize's order (admin, member, read-only, annotator). */
  roles: SpaceRole[];
  /** Durations in seconds, shortest first, the longest being the rules' maximum. */
  durations: number[];
}

const hour = 3_600;
/** The durations offered, up to the rule's maximum (which is offered too). */
const ladder = [
  30 * 60,
  hour,
  2 * hour,
  4 * hour,
  8 * hour,
  24 * hour,
  3 * 24 * hour,
  7 * 24 * hour,
];

const inOrg = (rule: SelfServiceRule, org: { id: string; name: string }): boolean =>
  !rule.orgs || rule.orgs.some((r) => r === org.id || r.toLowerCase() === org.name.toLowerCase());

/**
 * The roles and durations the self-service rules that admit this person allow, in the chosen
 * organization when there is one (all their rules otherwise). Submitting still checks the exact
 * rule for the space, role and duration.
 */
export function requestChoices(
  rules: readonly SelfServiceRule[],
  person: { userId: string; groups: ReadonlySet<string> },
  org?: { id: string; name: string },
): RequestChoices {
  const mine = rules.filter(
    (rule) => admits(rule, person.userId, person.groups) && (!org || inOrg(rule, org)),
  );
  const allowed = new Set(mine.flatMap((rule) => rule.roles));
  const longest = Math.max(0, ...mine.map((rule) => rule.maxFor));
  return {
    roles: SpaceRoles.filter((role) => allowed.has(role)),
    durations: longest === 0 ? [] : [...ladder.filter((d) => d < longest), longest],
  };
}
