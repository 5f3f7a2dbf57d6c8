import { endActionText, type Grant } from '../../domain/grants/grant.ts';
import { momentField } from '../../domain/moments.ts';
import type { Reply } from '../../domain/reply.ts';
import { appendAudit } from '../append-audit.ts';
import type { AuditLog, AuditRecord, Clock, GrantMessenger, Log } from '../ports.ts';

/** What people are told about a grant; never throws (a Slack failure is logged, not retried). */
export interface GrantNews {
  started(grant: Grant): Promise<void>;
  warned(grant: Grant): Promise<void>;
  ended(grant: Grant): Promise<void>;
}

const roleWord = (role: string): string => role.toLowerCase().replace('_', '-');

const what = (grant: Grant) =>
  `${roleWord(grant.role)} in space ${grant.spaceName} for ${grant.subject.email}`;

/** The replies for each moment of a grant (plain text: the renderer escapes it). */
export const grantReplies = {
  started: (grant: Grant, now: Date): Reply => ({
    kind: 'detail',
    title: `Access started: ${what(grant)}`,
    fields: [
      momentField('ends', grant.endsAt, now),
      { label: 'then', value: endActionText(grant.previous) },
      { label: 'grant', value: grant.id },
    ],
  }),
  warned: (grant: Grant, now: Date): Reply => ({
    kind: 'detail',
    title: `Access ends in 15 minutes: ${what(grant)}`,
    fields: [
      momentField('ends', grant.endsAt, now),
      { label: 'then', value: endActionText(grant.previous) },
      { label: 'grant', value: grant.id },
    ],
  }),
  ended: (grant: Grant): Reply => ({
    kind: 'detail',
    title:
      grant.status === 'ENDED'
        ? `Access ended: ${what(grant)}`
        : grant.status === 'LEFT_ALONE'
          ? `Access left alone: ${what(grant)}`
          : `Access could not be ended: ${what(grant)}`,
    fields: [
      { label: 'outcome', value: grant.outcome ?? grant.status },
      { label: 'grant', value: grant.id },
    ],
  }),
} as const;

/** Tells the subject (direct message) and the approval thread; buttons while the grant runs. */
export function makeGrantNews(deps: {
  messenger: GrantMessenger;
  log: Log;
  clock: Clock;
}): GrantNews {
  const send = async (grant: Grant, reply: Reply, buttons: boolean) => {
    const grantId = buttons ? grant.id : undefined;
    const sends: Promise<void>[] = [];
    if (grant.subject.slackUserId) {
      sends.push(deps.messenger.direct(grant.subject.slackUserId, reply, grantId));
    }
    if (grant.thread)
      sends.push(deps.messenger.thread(grant.thread.channel, grant.thread.ts, reply, grantId));
    const results = await Promise.allSettled(sends);
    for (const result of results) {
      if (result.status === 'rejected') {
        deps.log.warn('grant news not delivered', {
          grantId: grant.id,
          error: result.reason instanceof Error ? result.reason.message : 'unknown',
        });
      }
    }
  };
  return {
    started: (grant) => send(grant, grantReplies.started(grant, deps.clock.now()), true),
    warned: (grant) => send(grant, grantReplies.warned(grant, deps.clock.now()), true),
    ended: (grant) => send(grant, grantReplies.ended(grant), false),
  };
}

/** A grant's audit record, under the request that made it (deterministic id: no doubles). */
export function auditGrant(
  deps: { audit: AuditLog; clock: Clock },
  grant: Grant,
  event: Extract<AuditRecord['event'], `grant-${string}`>,
  detail: Record<string, string | number | boolean>,
  options: { actor?: string; suffix?: string } = {},
): Promise<void> {
  return appendAudit(
    deps,
    grant,
    event,
    { grantId: grant.id, ...detail },
    {
      actor: options.actor,
      key: options.suffix ? `${event}#${options.suffix}` : event,
    },
  );
}
