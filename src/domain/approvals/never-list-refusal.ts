import type { Policy } from '../policy/policy.ts';
import type { Plan, Subject } from './plan.ts';

/**
 * Why a plan touches something Slack may never change, or undefined: the bot's own Arize user,
 * keys on the never-list (the bot's), USER API keys (a person's own identity), and removing the
 * last admin of a scope (the bot's own user does not count as one: nobody can sign in as it).
 */
export function neverListRefusal(policy: Policy, plan: Plan): string | undefined {
  const emails = new Set(policy.neverList.arizeUserEmails.map((e) => e.toLowerCase()));
  const ids = new Set(policy.neverList.arizeUserIds);
  const isBot = (s: Subject) =>
    (s.email !== undefined && emails.has(s.email.toLowerCase())) ||
    (s.arizeUserId !== undefined && ids.has(s.arizeUserId));
  const hit = plan.subjects.find(isBot);
  if (hit) {
    return `${hit.email ?? hit.arizeUserId} is the bot's own Arize user: it can never be changed from Slack.`;
  }
  const remaining = plan.remainingAdmins;
  if (remaining && !remaining.admins.some((admin) => !isBot(admin))) {
    const who = plan.subjects.map((s) => s.email ?? s.arizeUserId).join(', ');
    return `this would leave ${remaining.scope} without an admin a person can sign in as (${who} is the last one): that is never done from Slack.`;
  }
  const keyIds = new Set(policy.neverList.apiKeyIds);
  for (const key of plan.apiKeys ?? []) {
    if (key.keyType === 'USER') {
      return `API key ${key.id} is a USER key (a person's own identity): USER keys are never changed from Slack.`;
    }
    if (keyIds.has(key.id))
      return `API key ${key.id} is on the never-list: it can never be changed from Slack.`;
  }
  return undefined;
}
