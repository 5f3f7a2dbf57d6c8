import { isAppError } from '../../domain/errors.ts';
import type { SelfServiceRule } from '../../domain/policy/self-service.ts';
import type { Log, TargetResolver } from '../ports.ts';

/** One scope name of a rule, resolved against Arize. */
export interface ScopeEntry {
  ref: string;
  /** What it names in Arize now: `Acme ML (T3Jn…)`; absent when it names nothing. */
  found?: string[];
  problem?: string;
}

/** A rule's organizations and spaces as Arize knows them now. */
export interface ScopeReport {
  rule: string;
  orgs: ScopeEntry[];
  spaces: ScopeEntry[];
}

const problemOf = (error: unknown): string =>
  isAppError(error) ? error.message : 'could not be looked up';

/**
 * Resolves the organizations and spaces the self-service rules name (names or ids), so what
 * they match is reported (logged, and shown by whoami). A rule still matches a request by the
 * target's live id or name; a name that resolves to nothing here matches nothing.
 */
export async function resolvePolicyScopes(
  rules: readonly SelfServiceRule[],
  resolver: TargetResolver,
  log: Log,
): Promise<ScopeReport[]> {
  const reports: ScopeReport[] = [];
  for (const rule of rules) {
    const orgs: ScopeEntry[] = [];
    const orgIds: string[] = [];
    for (const ref of rule.orgs ?? []) {
      try {
        const org = await resolver.organization(ref);
        orgIds.push(org.id);
        orgs.push({ ref, found: [`${org.name} (${org.id})`] });
      } catch (error: unknown) {
        orgs.push({ ref, problem: problemOf(error) });
      }
    }
    const spaces: ScopeEntry[] = [];
    for (const ref of rule.spaces ?? []) {
      const scopes = rule.orgs ? orgIds.map((orgId) => ({ orgId })) : [undefined];
      const found: string[] = [];
      const problems: string[] = [];
      for (const scope of scopes) {
        try {
          const space = await resolver.space(ref, scope);
          found.push(`${space.name} (${space.id})`);
        } catch (error: unknown) {
          problems.push(problemOf(error));
        }
      }
      spaces.push(
        found.length > 0
          ? { ref, found }
          : { ref, problem: problems[0] ?? 'no organization of the rule exists' },
      );
    }
    const problems = [...orgs, ...spaces].filter((e) => e.problem).map((e) => e.ref);
    if (problems.length > 0) {
      log.warn('self-service rule names what Arize does not have', { rule: rule.name, problems });
    }
    reports.push({ rule: rule.name, orgs, spaces });
  }
  log.info('self-service scopes resolved', {
    rules: reports.map((r) => ({
      rule: r.rule,
      orgs: r.orgs.map((e) => e.found?.join(', ') ?? `${e.ref}: ${e.problem}`),
      spaces: r.spaces.map((e) => e.found?.join(', ') ?? `${e.ref}: ${e.problem}`),
    })),
  });
  return reports;
}

/** A scope report in one line per rule, for whoami. */
export const scopeText = (report: ScopeReport): string => {
  const entry = (e: ScopeEntry) => (e.found ? e.found.join(', ') : `${e.ref} (${e.problem})`);
  const orgs = report.orgs.length ? report.orgs.map(entry).join('; ') : 'any organization';
  const spaces = report.spaces.length ? report.spaces.map(entry).join('; ') : 'any space';
  return `${report.rule}: ${spaces} in ${orgs}`;
};
