import { type AccessFacts, accessReportCsv } from '../../domain/reports/access-report.ts';
import type { FileSharer, PostedMessage } from '../ports.ts';

/** The file name of a report's CSV. */
export const accessCsvName = (facts: Pick<AccessFacts, 'at'>, scope: string) =>
  `arize-access-${scope === 'account' ? '' : `${scope.replace(/[^\w.-]+/g, '-')}-`}${facts.at.slice(0, 10)}.csv`;

/** Every membership of a report as a CSV, in the thread of its summary (else in `channel`). */
export async function shareAccessCsv(
  files: FileSharer,
  facts: AccessFacts,
  where: { summary?: PostedMessage; channel: string },
): Promise<void> {
  await files.share(
    {
      filename: accessCsvName(facts, facts.scope),
      title: `Arize access ${facts.at.slice(0, 10)}`,
      content: accessReportCsv(facts),
    },
    where.summary
      ? { kind: 'thread', channel: where.summary.channel, threadTs: where.summary.ts }
      : { kind: 'channel', channel: where.channel },
    `Every space membership as of ${facts.at}: ${facts.rows.length} row(s).`,
  );
}
