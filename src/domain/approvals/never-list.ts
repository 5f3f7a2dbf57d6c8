import type { Policy } from '../policy/policy.ts';
import type { Plan } from './plan.ts';

/**
 * Why a plan touches something Slack may never change (the bot's own Arize user or key), or
 * undefined. USER API keys are already outside the catalogue: `key create` makes service keys only.
 */
export function neverListRefusal(policy: Policy, plan: Plan): string | undefined {
  const emails = new Set(policy.neverList.arizeUserEmails.map((e) => e.toLowerCase()));
  const ids = new Set(policy.neverList.arizeUserIds);
  const hit = plan.subjects.find(
    (s) =>
      (s.email !== undefined && emails.has(s.email.toLowerCase())) ||
      (s.arizeUserId !== undefined && ids.has(s.arizeUserId)),
  );
  if (hit) {
    return `${hit.email ?? hit.arizeUserId} is the bot's own Arize user: it can never be changed from Slack.`;
  }
  const keyIds = new Set(policy.neverList.apiKeyIds);
  const key = plan.targets.find((t) => [...keyIds].some((id) => t.value.includes(id)));
  return key ? `${key.value} is on the never-list: it can never be changed from Slack.` : undefined;
}
