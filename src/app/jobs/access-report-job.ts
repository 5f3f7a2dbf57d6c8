import { isAppError } from '../../domain/errors.ts';
import {
  type AccessFacts,
  accessReportReply,
  totalsOf,
} from '../../domain/reports/access-report.ts';
import type { ChatNotifier, FileSharer, Log, PostedMessage } from '../ports.ts';
import {
  type CollectAccessDeps,
  type CollectCheckpoint,
  collectAccess,
  coveredText,
  snapshotScope,
} from '../reports/collect-access.ts';
import { accessCsvName, shareAccessCsv } from '../reports/share-access-report.ts';
import type { ScheduledJob, ScheduledJobOutcome } from './scheduled-job.ts';

export interface AccessReportJobDeps extends CollectAccessDeps {
  notifier: Pick<ChatNotifier, 'post'>;
  files: FileSharer;
  /** Where the report goes; none: the job says so in the log and posts nothing. */
  channel: string | undefined;
  log: Log;
}

interface Checkpoint {
  collect?: CollectCheckpoint;
  /** The summary message, once posted: the CSV goes in its thread. */
  summary?: PostedMessage;
}

/**
 * The weekly access report: read (checkpointed, see `collectAccess`), then the summary in the
 * channel and the full table as a CSV in its thread, each posted once per scheduled time, then the
 * totals kept for next week's changes. When Arize fails partway, the channel is told what was
 * covered and that the run resumes there when it is retried; the run then fails (alarmed).
 */
export function makeAccessReportJob(deps: AccessReportJobDeps): ScheduledJob {
  return async (run): Promise<ScheduledJobOutcome> => {
    const channel = deps.channel;
    if (!channel) {
      deps.log.warn('access report has no channel: set REPORTS_CHANNEL or the approvals channel');
      return { state: 'finished', actions: { 'no-channel': 1 } };
    }
    const saved = (run.checkpoint ?? {}) as Checkpoint;
    let latest = saved.collect;
    const runId = `access-report@${run.scheduledTime.toISOString()}`;
    let outcome: Awaited<ReturnType<typeof collectAccess>>;
    try {
      outcome = await collectAccess(deps, {
        runId,
        at: run.scheduledTime,
        deadline: run.deadline,
        ...(saved.collect ? { checkpoint: saved.collect } : {}),
        saveCheckpoint: async (collect) => {
          latest = collect;
          await run.saveCheckpoint({ ...saved, collect }, run.actions);
        },
      });
    } catch (error: unknown) {
      const covered = coveredText(latest);
      await run.postOnce(`failed-${covered}`, async () => {
        await deps.notifier.post(channel, {
          kind: 'error',
          code: isAppError(error) ? error.code : 'REPORT.FAILED',
          message: `The access report of ${run.scheduledTime.toISOString()} stopped: ${isAppError(error) ? error.message.replace(/\.$/, '') : 'an unexpected error'}. Covered so far: ${covered}; the rest is not read yet.`,
          hint: 'The schedule retries the run (up to twice within a day) and it resumes where it stopped.',
        });
      });
      throw error;
    }
    if (outcome.state === 'cut-off') {
      return {
        state: 'cut-off',
        checkpoint: { ...saved, collect: outcome.checkpoint },
        actions: run.actions,
      };
    }
    const facts: AccessFacts = { ...outcome.facts, scope: 'account' };
    const csvName = accessCsvName(facts, 'account');
    let summary = saved.summary;
    await run.postOnce('summary', async () => {
      summary = await deps.notifier.post(channel, accessReportReply(facts, { csvName }));
      await run.saveCheckpoint({ ...saved, collect: latest, summary }, run.actions);
    });
    await run.postOnce('csv', () =>
      shareAccessCsv(deps.files, facts, { ...(summary ? { summary } : {}), channel }),
    );
    const totals = totalsOf(facts);
    await deps.reports.saveSnapshot(snapshotScope(undefined), facts.at, { at: facts.at, totals });
    return {
      state: 'finished',
      actions: { spaces: totals.spaces, memberships: totals.memberships, posted: 1 },
    };
  };
}
