import { ErrorCodes, isAppError } from '../../domain/errors.ts';
import {
  type InvitationFacts,
  type InvitationMode,
  type InvitedOutcome,
  invitationCsvName,
  invitationReportCsv,
  invitationReportReply,
  isDue,
  needsCsv,
  type PendingInvitation,
} from '../../domain/reports/invitation-report.ts';
import type {
  ArizeGateway,
  ChatNotifier,
  Clock,
  FileSharer,
  JobRunActions,
  Log,
  PostedMessage,
} from '../ports.ts';
import type { ScheduledJob, ScheduledJobOutcome, ScheduledJobRun } from './scheduled-job.ts';

export interface InvitationsJobDeps {
  gateway: Pick<ArizeGateway, 'listUsers' | 'resendInvitation'>;
  notifier: Pick<ChatNotifier, 'post'>;
  files: FileSharer;
  /** Where the message goes; none: the job says so in the log and does nothing. */
  channel: string | undefined;
  /** `report`: list the invitations pending too long; `resend`: also send each one again. */
  mode: InvitationMode;
  /** An INVITED user is due once their invitation is this many days old. */
  resendAfterDays: number;
  clock: Clock;
  log: Log;
}

interface Checkpoint {
  /** What became of each due invitation this run asked Arize to resend, by user id. */
  outcomes: Record<string, InvitedOutcome>;
  summary?: PostedMessage;
}

/** Arize refused this one user (400: not INVITED, SAML enforced; 404: gone): go on with the rest. */
const refusesOnlyThisUser = (code: string) =>
  code === ErrorCodes.arizeInvalid || code === ErrorCodes.arizeNotFound;

const sentence = (text: string) => text.replace(/\.$/, '');

/**
 * The weekly invitation hygiene, as of the scheduled time.
 *
 * Primary course:
 * 1. List the INVITED and EXPIRED users (through the gateway's rate limits).
 * 2. INVITED users whose invitation is `resendAfterDays` old or more are due. In `resend` mode each
 *    is resent once per run: the resend is marked before it is asked and its outcome saved after,
 *    so neither a retried invocation nor a continuation asks twice. Arize refusing one user (400:
 *    not INVITED any more, or SAML enforced) is that user's outcome, and the run goes on; any
 *    other failure stops the run, and the channel is told what was covered (the schedule retries
 *    it and it resumes there).
 * 3. Post one message (due invitations with their age and outcome, expired ones with Re-invite),
 *    once per run; when it leaves some out, every invitation goes in its thread as a CSV.
 */
export function makeInvitationsJob(deps: InvitationsJobDeps): ScheduledJob {
  return async (run): Promise<ScheduledJobOutcome> => {
    const channel = deps.channel;
    if (!channel) {
      deps.log.warn('invitations job has no channel: set REPORTS_CHANNEL or the approvals channel');
      return { state: 'finished', actions: { 'no-channel': 1 } };
    }
    const saved = readCheckpoint(run.checkpoint);
    const outcomes = { ...saved.outcomes };
    const at = run.scheduledTime.toISOString();
    const stopped = async (error: unknown, due: number | undefined) => {
      const asked = Object.keys(outcomes).length;
      const covered =
        due === undefined
          ? `the users could not be listed (${asked} invitation(s) resent or refused earlier in this run)`
          : `${asked} of ${due} due invitation(s) asked`;
      await run.postOnce(`failed-${asked}-${due ?? 'unlisted'}`, async () => {
        await deps.notifier.post(channel, {
          kind: 'error',
          code: isAppError(error) ? error.code : 'INVITATIONS.FAILED',
          message: `The invitations run of ${at} stopped: ${isAppError(error) ? sentence(error.message) : 'an unexpected error'}. Covered so far: ${covered}; the rest is not done yet.`,
          hint: 'The schedule retries the run (up to twice within a day) and it resumes where it stopped; nobody is sent an invitation twice.',
        });
      });
    };

    let pending: PendingInvitation[];
    try {
      const listed = await listPending(deps.gateway, run.deadline, deps.clock);
      if (!listed) return cutOff(saved, outcomes);
      pending = listed;
    } catch (error: unknown) {
      await stopped(error, undefined);
      throw error;
    }
    const invited = pending.filter((user) => user.status === 'INVITED');
    const due = invited.filter((user) => isDue(user, at, deps.resendAfterDays));

    if (deps.mode === 'resend') {
      for (const user of due) {
        if (outcomes[user.id]) continue;
        if (deps.clock.now() >= run.deadline) return cutOff(saved, outcomes);
        const failure = await resendOnce(deps, run, user, outcomes);
        await run.saveCheckpoint({ ...saved, outcomes }, tally(outcomes));
        if (failure) {
          await stopped(failure, due.length);
          throw failure;
        }
      }
    }

    const facts: InvitationFacts = {
      at,
      mode: deps.mode,
      resendAfterDays: deps.resendAfterDays,
      due: due.map((user) => ({ ...user, outcome: outcomes[user.id] ?? { kind: 'reported' } })),
      recent: invited.length - due.length,
      expired: pending.filter((user) => user.status === 'EXPIRED'),
    };
    const withCsv = needsCsv(facts);
    let summary = saved.summary;
    await run.postOnce('summary', async () => {
      const reply = invitationReportReply(
        facts,
        withCsv ? { csvName: invitationCsvName(facts) } : {},
      );
      summary = await deps.notifier.post(channel, reply);
      await run.saveCheckpoint({ ...saved, outcomes, summary }, tally(outcomes));
    });
    if (withCsv) {
      await run.postOnce('csv', async () => {
        await deps.files.share(
          {
            filename: invitationCsvName(facts),
            title: `Arize invitations ${at.slice(0, 10)}`,
            content: invitationReportCsv(facts),
          },
          summary
            ? { kind: 'thread', channel: summary.channel, threadTs: summary.ts }
            : { kind: 'channel', channel },
          `Every invitation of the run as of ${at}: ${facts.due.length + facts.expired.length} row(s).`,
        );
      });
    }
    return {
      state: 'finished',
      actions: {
        ...tally(outcomes),
        ...(deps.mode === 'report' ? { reported: due.length } : {}),
        expired: facts.expired.length,
        posted: 1,
      },
    };
  };
}

/**
 * Resends one invitation at most once per run: the mark is taken before Arize is asked. Returns
 * the failure that must stop the run (after recording it as this user's outcome), if any.
 */
async function resendOnce(
  deps: InvitationsJobDeps,
  run: ScheduledJobRun,
  user: PendingInvitation,
  outcomes: Record<string, InvitedOutcome>,
): Promise<unknown> {
  let failure: unknown;
  const asked = await run.postOnce(`resend-${user.id}`, async () => {
    try {
      await deps.gateway.resendInvitation(user.id);
      outcomes[user.id] = { kind: 'resent' };
    } catch (error: unknown) {
      if (!isAppError(error)) throw error;
      outcomes[user.id] = { kind: 'not-resent', reason: sentence(error.message) };
      if (!refusesOnlyThisUser(error.code)) failure = error;
    }
  });
  if (!asked) {
    // An earlier try marked it and stopped before saving what Arize answered: never ask twice.
    outcomes[user.id] = {
      kind: 'not-resent',
      reason: 'an earlier try of this run asked Arize and its answer was lost; not asked again',
    };
  }
  deps.log.info('invitation resend', { userId: user.id, outcome: outcomes[user.id]?.kind });
  return failure;
}

/** Every INVITED and EXPIRED user, oldest first; undefined when the deadline came first. */
async function listPending(
  gateway: InvitationsJobDeps['gateway'],
  deadline: Date,
  clock: Clock,
): Promise<PendingInvitation[] | undefined> {
  const users: PendingInvitation[] = [];
  let cursor: string | undefined;
  do {
    if (clock.now() >= deadline) return undefined;
    const page = await gateway.listUsers({
      status: ['INVITED', 'EXPIRED'],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const user of page.items) {
      if (user.status !== 'INVITED' && user.status !== 'EXPIRED') continue;
      const { id, name, email, status, createdAt, role } = user;
      users.push({ id, name, email, status, createdAt, role });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return users;
}

const cutOff = (saved: Checkpoint, outcomes: Checkpoint['outcomes']): ScheduledJobOutcome => ({
  state: 'cut-off',
  checkpoint: { ...saved, outcomes },
  actions: tally(outcomes),
});

function tally(outcomes: Checkpoint['outcomes']): JobRunActions {
  const actions: JobRunActions = {};
  for (const { kind } of Object.values(outcomes)) actions[kind] = (actions[kind] ?? 0) + 1;
  return actions;
}

function readCheckpoint(value: unknown): Checkpoint {
  if (typeof value !== 'object' || value === null) return { outcomes: {} };
  const saved = value as Partial<Checkpoint>;
  return {
    outcomes: typeof saved.outcomes === 'object' && saved.outcomes !== null ? saved.outcomes : {},
    ...(saved.summary ? { summary: saved.summary } : {}),
  };
}
