import type { DesiredAccess } from '../../domain/drift/desired-access.ts';
import { type DriftReport, driftIdFor } from '../../domain/drift/drift-fix.ts';
import type { DriftPlan } from '../../domain/drift/drift-plan.ts';
import { isAppError } from '../../domain/errors.ts';
import type { ScheduledJob, ScheduledJobOutcome, ScheduledJobRun } from '../jobs/scheduled-job.ts';
import type {
  ChatNotifier,
  Clock,
  DesiredAccessSource,
  DriftMessenger,
  DriftStore,
  Log,
} from '../ports.ts';

export interface DriftJobDeps {
  /** The bundled desired-access files; none: the job says so in the log and posts nothing. */
  desiredAccess: DesiredAccessSource | undefined;
  /** Compares one file with Arize through the rate-limited gateway (`makeCheckDrift`). */
  checkDrift: (desired: DesiredAccess) => Promise<DriftPlan>;
  drifts: DriftStore;
  messenger: DriftMessenger;
  notifier: Pick<ChatNotifier, 'post'>;
  /** Where drifts go; none: the job says so in the log and posts nothing. */
  channel: string | undefined;
  clock: Clock;
  log: Log;
}

/**
 * The daily drift check: each desired-access file compared with Arize, one file at a time,
 * checkpointed after each.
 *
 * Primary course:
 * 1. List the files (a file that does not parse is told to the channel once, and skipped).
 * 2. Per file: read Arize as of this run once (the report is stored before it is posted, so a
 *    retried run posts what the first read), and post the differences with Propose fix, once.
 *    A file that matches posts nothing (the run's actions count it).
 * 3. An unknown organization is told once and skipped. When Arize fails otherwise, the channel is
 *    told which files were checked and which were not, and the run fails; a retry resumes there.
 */
export function makeDriftJob(deps: DriftJobDeps): ScheduledJob {
  return async (run): Promise<ScheduledJobOutcome> => {
    const { channel, desiredAccess } = deps;
    if (!channel || !desiredAccess) {
      deps.log.warn(
        !channel
          ? 'drift has no channel: set REPORTS_CHANNEL or the approvals channel'
          : 'drift has no desired-access files: set desiredAccessDir (DESIRED_ACCESS_DIR)',
      );
      return { state: 'finished', actions: { [!channel ? 'no-channel' : 'no-files']: 1 } };
    }
    const files = await desiredAccess.list();
    const actions = { ...run.actions };
    let next = readNext(run.checkpoint);
    for (; next < files.length; next += 1) {
      if (deps.clock.now() >= run.deadline) {
        return { state: 'cut-off', checkpoint: { next }, actions };
      }
      const { file, desired } = files[next] as (typeof files)[number];
      let outcome: string;
      try {
        outcome = desired.ok
          ? await checkOne(deps, run, channel, file, desired.value)
          : await tellOnce(run, deps, channel, `bad-${file}`, {
              code: 'DRIFT.BAD_FILE',
              message: `The desired-access file ${file} was not checked: ${desired.error}`,
              hint: 'Fix the file and deploy again; the other files were checked.',
            });
      } catch (error: unknown) {
        if (!isAppError(error) || error.code !== 'ARIZE.NOT_FOUND') {
          await tellFailure(deps, run, channel, files, next, error);
          throw error;
        }
        outcome = await tellOnce(run, deps, channel, `unknown-${file}`, {
          code: 'DRIFT.UNKNOWN_ORG',
          message: `The desired-access file ${file} was not checked: ${error.message}`,
          hint: 'Give the organization its exact Arize name or id in the file.',
        });
      }
      actions[outcome] = (actions[outcome] ?? 0) + 1;
      await run.saveCheckpoint({ next: next + 1 }, actions);
    }
    return { state: 'finished', actions };
  };
}

async function checkOne(
  deps: DriftJobDeps,
  run: ScheduledJobRun,
  channel: string,
  file: string,
  desired: DesiredAccess,
): Promise<'drift' | 'no-drift'> {
  const id = driftIdFor(run.scheduledTime, file);
  let report = await deps.drifts.get(id);
  if (!report) {
    const plan = await deps.checkDrift(desired);
    if (plan.spaces.length === 0) return 'no-drift';
    const fresh: DriftReport = { id, at: run.scheduledTime.toISOString(), file, plan };
    await deps.drifts.create(fresh);
    report = (await deps.drifts.get(id)) ?? fresh;
  }
  const stored = report;
  await run.postOnce(`drift-${id}`, async () => {
    const message = await deps.messenger.post(channel, stored);
    await deps.drifts.setMessage(id, message);
  });
  return 'drift';
}

async function tellOnce(
  run: ScheduledJobRun,
  deps: Pick<DriftJobDeps, 'notifier'>,
  channel: string,
  key: string,
  error: { code: string; message: string; hint: string },
): Promise<'skipped'> {
  await run.postOnce(key, async () => {
    await deps.notifier.post(channel, { kind: 'error', ...error });
  });
  return 'skipped';
}

async function tellFailure(
  deps: Pick<DriftJobDeps, 'notifier'>,
  run: ScheduledJobRun,
  channel: string,
  files: ReadonlyArray<{ file: string }>,
  next: number,
  error: unknown,
): Promise<void> {
  const names = (list: ReadonlyArray<{ file: string }>) =>
    list.map((f) => f.file).join(', ') || 'none';
  const reason = isAppError(error) ? error.message.replace(/\.$/, '') : 'an unexpected error';
  await tellOnce(run, deps, channel, `failed-${next}`, {
    code: isAppError(error) ? error.code : 'DRIFT.FAILED',
    message: `The drift check of ${run.scheduledTime.toISOString()} stopped at ${files[next]?.file ?? '?'}: ${reason}. Checked: ${names(files.slice(0, next))}; not checked yet: ${names(files.slice(next))}.`,
    hint: 'The schedule retries the run (up to twice within a day) and it resumes at the file that failed.',
  });
}

function readNext(checkpoint: unknown): number {
  const next = (checkpoint as { next?: unknown } | undefined)?.next;
  return typeof next === 'number' ? next : 0;
}
