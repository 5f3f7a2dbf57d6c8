import { selfServiceRules } from '../../domain/policy/policy.ts';
import { admits, describeRule } from '../../domain/policy/self-service.ts';
import type { Field } from '../../domain/reply.ts';
import type { AccessContext } from './access-context.ts';
import { scopeText } from './policy-scopes.ts';

/**
 * What this person may ask for with `/arize request` (the rules that admit them, groups read
 * live) and, when `withScopes`, what the rules' names resolve to in Arize now.
 */
export async function describeAccess(
  access: AccessContext,
  userId: string,
  options: { withScopes: boolean },
): Promise<Field[]> {
  const rules = selfServiceRules(access.policy);
  if (rules.length === 0) {
    return [
      { label: 'may ask for access', value: 'nothing: this policy has no self-service rules' },
    ];
  }
  const groups = await access.groupsOf(
    userId,
    rules.flatMap((rule) => rule.requesters),
  );
  const mine = rules.filter((rule) => admits(rule, userId, groups));
  const fields: Field[] = [
    {
      label: 'may ask for access',
      value:
        mine.length > 0
          ? mine.map((rule) => `${rule.name}: ${describeRule(rule)}`).join('; ')
          : 'nothing: no self-service rule admits you',
    },
  ];
  if (options.withScopes && mine.length > 0) {
    const reports = await access.scopes().catch(() => undefined);
    fields.push({
      label: 'which is, in Arize now',
      value: reports
        ? reports
            .filter((r) => mine.some((rule) => rule.name === r.rule))
            .map(scopeText)
            .join('; ')
        : 'not resolved: Arize could not be read',
    });
  }
  return fields;
}
