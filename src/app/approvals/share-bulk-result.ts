import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { type CsvCell, toCsv } from '../../domain/csv.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import type { Reply } from '../../domain/reply.ts';
import type { FileDestination, FileSharer, Log } from '../ports.ts';

export interface ShareBulkResultDeps {
  catalogue: readonly OperationDefinition[];
  files?: FileSharer;
  log: Log;
}

/** True when a request touches more than one item (users, or users × spaces pairs). */
export function isBulk(
  catalogue: readonly OperationDefinition[],
  request: Pick<ApprovalRequest, 'operationId' | 'args'>,
): boolean {
  const operation = catalogue.find((op) => op.id === request.operationId);
  return (operation?.itemCount?.(request.args) ?? 1) > 1;
}

/** The plan and the per-item result as rows: section, item, field, value. */
export function bulkResultRows(
  request: ApprovalRequest,
  status: string,
  reply: Reply,
): CsvCell[][] {
  const { plan } = request;
  const rows: CsvCell[][] = [
    ['section', 'item', 'field', 'value'],
    ['plan', 'request', '', request.id],
    ['plan', 'command', '', `/arize ${request.commandText}`],
    ['plan', 'effect', '', plan.effect],
    ['plan', 'plan hash', '', request.planHash],
    ...plan.targets.map((f) => ['plan', 'target', f.label, f.value]),
    ...plan.preState.map((f) => ['plan', 'pre-state', f.label, f.value]),
    ...plan.cascades.map((c) => ['plan', 'cascade', '', c]),
    ...plan.notes.map((n) => ['plan', 'note', '', n]),
    ['result', 'status', '', status],
  ];
  if (reply.kind === 'list') {
    if (reply.context) rows.push(['result', 'summary', '', reply.context]);
    for (const item of reply.items) {
      const fields = item.fields?.length ? item.fields : [{ label: '', value: '' }];
      for (const field of fields) rows.push(['result', item.title, field.label, field.value]);
    }
  } else if (reply.kind === 'error') {
    rows.push(['result', 'error', reply.code, reply.message]);
  } else if (reply.kind === 'detail') {
    rows.push(['result', reply.title, '', reply.context ?? '']);
    for (const field of reply.fields) rows.push(['result', reply.title, field.label, field.value]);
  } else {
    rows.push(['result', 'outcome', '', reply.text]);
  }
  return rows;
}

/**
 * A bulk request's full plan and per-item result as a CSV file: attached in the thread of its
 * approval message (the record approvers see) and sent to the requester in a direct message. The
 * outcome is already stored: a Slack failure is logged, never thrown.
 */
export async function shareBulkResult(
  deps: ShareBulkResultDeps,
  request: ApprovalRequest,
  status: string,
  reply: Reply,
): Promise<void> {
  const files = deps.files;
  if (!files || !isBulk(deps.catalogue, request)) return;
  const file = {
    filename: `arize-ops-${request.id}.csv`,
    title: `Request ${request.id}: plan and result`,
    content: toCsv(bulkResultRows(request, status, reply)),
  };
  const comment = `Request ${request.id} ${status.toLowerCase()}: the full plan and the result per item.`;
  const destinations: FileDestination[] = [
    ...(request.channel && request.ts
      ? [{ kind: 'thread' as const, channel: request.channel, threadTs: request.ts }]
      : []),
    { kind: 'direct', userId: request.requester.userId },
  ];
  for (const destination of destinations) {
    try {
      await files.share(file, destination, comment);
    } catch (error: unknown) {
      deps.log.warn('bulk result file not shared', {
        approvalId: request.id,
        destination: destination.kind,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
}
