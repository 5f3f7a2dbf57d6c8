import { toCsv } from '../../domain/csv.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import type { Reply } from '../../domain/reply.ts';
import type { AuditRecord } from '../ports.ts';
import type { ExecutionContext } from './executor.ts';

/** The most records one export carries; a longer window is refused with a hint. */
export const maxExportRecords = 10_000;

const header = ['at', 'event', 'request', 'actor', 'detail'];

/** One row per record; the detail as `key=value` pairs. Every cell is made inert by `toCsv`. */
export const auditRows = (records: readonly AuditRecord[]): string[][] => [
  header,
  ...records.map((r) => [
    r.at,
    r.event,
    r.requestId,
    r.actor ?? '',
    Object.entries(r.detail)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join('; '),
  ]),
];

/**
 * `audit --csv`: every record of the window (newest first) as a CSV file in a direct message to
 * the requester; the reply says where it went.
 */
export async function exportAudit(
  ctx: ExecutionContext,
  since: Date,
  actor: string | undefined,
  window: string,
): Promise<Reply> {
  if (!ctx.auditTrail || !ctx.files) {
    throw new AppError(ErrorCodes.arizeNotConfigured, 'The audit trail cannot be exported here.');
  }
  const records: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.auditTrail.list({ since, actor, cursor, limit: 100 });
    records.push(...page.items);
    cursor = page.nextCursor;
    if (records.length > maxExportRecords) {
      throw new AppError(
        ErrorCodes.usage,
        `More than ${maxExportRecords} audit records ${window}: export a shorter window.`,
        { hint: 'Use --since with a shorter duration, e.g. --since 7d.' },
      );
    }
  } while (cursor !== undefined);
  const stamp = ctx.clock.now().toISOString().slice(0, 16).replace(':', '');
  const filename = `arize-ops-audit-${stamp}.csv`;
  const shared = await ctx.files.share(
    { filename, title: `arize-ops audit trail ${window}`, content: toCsv(auditRows(records)) },
    { kind: 'direct', userId: ctx.requester.userId },
    `arize-ops audit trail ${window}: ${records.length} record(s).`,
  );
  return {
    kind: 'text',
    text: `Sent ${records.length} audit record(s) ${window} as ${filename} in a direct message from the bot (${shared.channel}).`,
  };
}
