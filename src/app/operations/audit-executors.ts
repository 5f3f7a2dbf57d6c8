import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { formatCommand } from '../../domain/grammar/format-command.ts';
import { momentField } from '../../domain/moments.ts';
import { audit } from '../../domain/operations/audit-operations.ts';
import { parseUserRef } from '../../domain/operations/user-ref.ts';
import type { ListItem, Reply } from '../../domain/reply.ts';
import { defineExecutor, type ExecutionContext } from './executor.ts';
import { exportAudit } from './export-audit.ts';
import { pageSize } from './paging.ts';
import { resolveUser } from './targets.ts';

const defaultWindowSeconds = 7 * 86_400;

export const auditExecutors = {
  [audit.id]: defineExecutor(audit, async (args, ctx) => {
    const now = ctx.clock.now();
    const since = new Date(now.getTime() - (args.since ?? defaultWindowSeconds) * 1000);
    const window = `since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    if (args.csv) return exportAudit(ctx, since, slackActorOf(args.user), window);
    const page = args.arize
      ? await arizeEntries(ctx, since, args.user, args.cursor)
      : await botEntries(ctx, since, args.user, args.cursor);
    const reply: Reply = {
      kind: 'list',
      title: args.arize ? 'Arize audit log' : 'arize-ops audit trail',
      context: [window, args.user ? `for ${args.user}` : ''].filter(Boolean).join(' '),
      empty: 'Nothing recorded in that window.',
      items: page.items,
      ...(page.nextCursor
        ? {
            more: {
              label: 'Older entries',
              command: formatCommand(audit, { ...args, cursor: page.nextCursor }),
            },
          }
        : {}),
    };
    return reply;
  }),
};

/** The Slack user id of a `--user <@U…>` mention (the bot's audit names people that way). */
function slackActorOf(user: string | undefined): string | undefined {
  const ref = user ? parseUserRef(user) : undefined;
  return ref?.kind === 'slack' ? ref.slackUserId : undefined;
}

async function botEntries(
  ctx: ExecutionContext,
  since: Date,
  user: string | undefined,
  cursor: string | undefined,
): Promise<{ items: ListItem[]; nextCursor?: string }> {
  if (!ctx.auditTrail) {
    throw new AppError(ErrorCodes.arizeNotConfigured, 'The audit trail cannot be read here.');
  }
  const actor = slackActorOf(user);
  const page = await ctx.auditTrail.list({ since, actor, cursor, limit: pageSize });
  return {
    items: page.items.map((record) => ({
      title: `${record.event} · request ${record.requestId}`,
      fields: [
        momentField('at', record.at, ctx.clock.now()),
        ...(record.actor ? [{ label: 'by', value: record.actor, people: [record.actor] }] : []),
        ...Object.entries(record.detail)
          .slice(0, 6)
          .map(([label, value]) => ({ label, value: String(value) })),
      ],
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

async function arizeEntries(
  ctx: ExecutionContext,
  since: Date,
  user: string | undefined,
  cursor: string | undefined,
): Promise<{ items: ListItem[]; nextCursor?: string }> {
  const userId = user ? (await resolveUser(ctx, user)).id : undefined;
  const page = await ctx.gateway.listAuditLogs({
    startTime: since.toISOString(),
    ...(userId ? { userId } : {}),
    ...(cursor ? { cursor } : {}),
    limit: pageSize,
  });
  return {
    items: page.items.map((entry) => ({
      title: entry.operationName ?? entry.operationType.toLowerCase(),
      fields: [
        momentField('at', entry.createdAt, ctx.clock.now()),
        { label: 'type', value: entry.operationType.toLowerCase() },
        { label: 'user', value: entry.userId },
        { label: 'from', value: entry.ip },
      ],
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
