import type { Clock } from '../ports.ts';

/** How long a Slack id found by e-mail (or its absence) is trusted. */
export const slackIdTtlMs = 10 * 60_000;

/**
 * A cached e-mail → Slack id lookup (`users.lookupByEmail` is rate-limited): the policy's
 * mappings first (their Arize e-mail may differ from Slack's), then Slack, each answer kept for
 * `ttlMs`. A failed lookup is not cached and counts as "no Slack user" (fail closed).
 */
export function makeCachedSlackIds(deps: {
  lookup: (email: string) => Promise<string | undefined>;
  userMappings?: Readonly<Record<string, string>>;
  clock: Clock;
  ttlMs?: number;
}): (email: string) => Promise<string | undefined> {
  const mapped = new Map(
    Object.entries(deps.userMappings ?? {}).map(([slackId, email]) => [
      email.toLowerCase(),
      slackId,
    ]),
  );
  const cache = new Map<string, { id: string | undefined; until: number }>();
  const ttl = deps.ttlMs ?? slackIdTtlMs;
  return async (email) => {
    const key = email.toLowerCase();
    const fixed = mapped.get(key);
    if (fixed) return fixed;
    const now = deps.clock.now().getTime();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.id;
    let id: string | undefined;
    try {
      id = await deps.lookup(email);
    } catch {
      return undefined;
    }
    cache.set(key, { id, until: now + ttl });
    return id;
  };
}
