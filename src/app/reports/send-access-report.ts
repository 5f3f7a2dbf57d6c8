import { AppError, ErrorCodes } from '../../domain/errors.ts';
import {
  type AccessFacts,
  accessReportReply,
  totalsOf,
} from '../../domain/reports/access-report.ts';
import type { ChatNotifier, FileSharer } from '../ports.ts';
import { type CollectAccessDeps, collectAccess } from './collect-access.ts';
import { accessCsvName, shareAccessCsv } from './share-access-report.ts';

export interface SendAccessReportDeps extends CollectAccessDeps {
  notifier: Pick<ChatNotifier, 'post'>;
  files: FileSharer;
  /** How long one on-demand report may read Arize (inside the worker's time); default 40 s. */
  budgetMs?: number;
}

export interface SendAccessReportRequest {
  /** Who asked: the report goes to their direct messages. */
  userId: string;
  /** One organization, or the whole account. */
  org?: { id: string; name: string };
  /** Names this run's saved parts (the job's id, so a redelivery reads what it saved). */
  runId: string;
}

/** What was sent, for the reply. */
export interface SentAccessReport {
  channel: string;
  csvName: string;
  spaces: number;
  memberships: number;
}

/** `report access`: the weekly report's reading and messages, now, for one person. */
export type SendAccessReport = (request: SendAccessReportRequest) => Promise<SentAccessReport>;

/**
 * The access report on demand.
 *
 * Primary course:
 * 1. Read the scope like the weekly job (compared with the last weekly snapshot of that scope;
 *    nothing is saved for next week, so the weekly "since last time" stays weekly).
 * 2. Post the summary to the requester's direct messages, and the CSV in its thread.
 * A read that does not fit the budget is refused with what it covered and what to do instead.
 */
export function makeSendAccessReport(deps: SendAccessReportDeps): SendAccessReport {
  return async (request) => {
    const at = deps.clock.now();
    const deadline = new Date(at.getTime() + (deps.budgetMs ?? 40_000));
    const outcome = await collectAccess(deps, {
      runId: `on-demand#${request.runId}`,
      at,
      deadline,
      ...(request.org ? { orgId: request.org.id } : {}),
      saveCheckpoint: async () => {},
    });
    if (outcome.state === 'cut-off') {
      throw new AppError(
        ErrorCodes.usage,
        `The account is too large for an access report on demand: ${outcome.covered} were read in the time a command has.`,
        { hint: 'Ask for one organization with --org ORG, or read the weekly report.' },
      );
    }
    const facts: AccessFacts = { ...outcome.facts, scope: request.org?.name ?? 'account' };
    const csvName = accessCsvName(facts, facts.scope);
    const summary = await deps.notifier.post(request.userId, accessReportReply(facts, { csvName }));
    await shareAccessCsv(deps.files, facts, { summary, channel: summary.channel });
    const totals = totalsOf(facts);
    return {
      channel: summary.channel,
      csvName,
      spaces: totals.spaces,
      memberships: totals.memberships,
    };
  };
}
