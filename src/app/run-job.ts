import { AppError, isAppError } from '../domain/errors.ts';
import { refusalOf } from '../domain/identity.ts';
import type {
  ExecuteApprovalJob,
  Job,
  PrepareApprovalJob,
  RevealSecretJob,
  RunCommandJob,
} from '../domain/job.ts';
import { parseOperationArgs } from '../domain/operations/catalogue.ts';
import { requiresApproval } from '../domain/operations/requires-approval.ts';
import type { Reply } from '../domain/reply.ts';
import type { EndGrantsOutcome, EndGrantsRun } from './grants/end-grants.ts';
import { type ExecutionContextDeps, makeContextFor } from './operations/execution-context.ts';
import type { ExecutionContext, Executor } from './operations/executor.ts';
import type { ChatNotifier, JobLedger, Log } from './ports.ts';

export interface RunJobDeps extends ExecutionContextDeps {
  executors: Readonly<Record<string, Executor>>;
  ledger: JobLedger;
  notifier: Pick<ChatNotifier, 'reply'>;
  log: Log;
  /** How long a delivery may hold the job before another may take it over. */
  leaseMs?: number;
  /** Approval jobs; absent, they fail as unknown (approvals off). */
  prepareApproval?: (job: PrepareApprovalJob, context: ExecutionContext) => Promise<Reply>;
  executeApproval?: (job: ExecuteApprovalJob, context: ExecutionContext) => Promise<void>;
  /** The Reveal flow's worker step; absent, reveal jobs fail as unknown. */
  revealSecret?: (job: RevealSecretJob, context: ExecutionContext) => Promise<void>;
  /** Ends the grants due now (an End access now click); absent, end-grants jobs fail. */
  endGrants?: (run: EndGrantsRun) => Promise<EndGrantsOutcome>;
}

const dayMs = 86_400_000;

/** What became of a delivery: done (delete it) or retry (leave it for redelivery). */
export type JobOutcome = 'done' | 'retry';

type JobOfKind<K extends Job['kind']> = Extract<Job, { kind: K }>;
/** One handler per job kind: a new kind without one fails to compile. */
type JobHandlers = { [K in Job['kind']]: (job: JobOfKind<K>) => Promise<JobOutcome> };

/**
 * The worker: one handler per job kind. Commands and approval preparations run at most once by
 * job id through the ledger; executions, reveals and grant ends are guarded by their own
 * conditional writes (an EXECUTING lease, a grant's claim), so they need no ledger.
 */
export function makeRunJob(deps: RunJobDeps) {
  const contextFor = makeContextFor(deps);
  const enabled = <T>(step: T | undefined, refusal: string): T => {
    if (!step) throw new AppError('INTERNAL', refusal);
    return step;
  };
  const finished = (job: Job) => {
    deps.log.info('job finished', { jobId: job.id, operationId: job.operationId });
    return 'done' as const;
  };
  const handlers: JobHandlers = {
    'run-command': withReplyLedger(deps, (job) => runCommand(deps, contextFor, job)),
    'prepare-approval': withReplyLedger(deps, (job) => prepare(deps, contextFor, job)),
    'execute-approval': async (job) => {
      const execute = enabled(deps.executeApproval, 'Approvals are not enabled.');
      await execute(job, await contextFor(job.requester));
      return finished(job);
    },
    'reveal-secret': async (job) => {
      // No ledger: a stored reply could only ever hold a secret.
      const reveal = enabled(deps.revealSecret, 'The Reveal flow is not enabled.');
      await reveal(job, await contextFor(job.requester));
      return finished(job);
    },
    'end-grants': async (job) => {
      const endGrants = enabled(deps.endGrants, 'Time-bound grants are not enabled.');
      const outcome = await endGrants({ scheduledTime: deps.clock.now(), remainingMs: 45_000 });
      deps.log.info('job finished', { jobId: job.id, ...outcome.actions });
      return 'done';
    },
  };
  return (job: Job): Promise<JobOutcome> =>
    (handlers[job.kind] as (job: Job) => Promise<JobOutcome>)(job);
}

/**
 * Runs a job that replies at most once by id: claim it (a redelivery of a finished job only
 * re-sends the stored reply), run it, store the reply, then send it through the response URL.
 */
function withReplyLedger<J extends RunCommandJob | PrepareApprovalJob>(
  deps: RunJobDeps,
  run: (job: J) => Promise<Reply>,
): (job: J) => Promise<JobOutcome> {
  const { ledger, notifier, clock, log } = deps;
  return async (job) => {
    const now = clock.now();
    const claim = await ledger.begin(
      job.id,
      new Date(now.getTime() + (deps.leaseMs ?? 90_000)),
      new Date(now.getTime() + dayMs),
    );
    if (claim.state === 'running') {
      log.info('job already running', { jobId: job.id });
      return 'retry';
    }
    let reply: Reply;
    if (claim.state === 'done') {
      log.info('job already done, notifying again', { jobId: job.id });
      reply = claim.reply;
    } else {
      try {
        reply = await run(job);
      } catch (error: unknown) {
        await ledger.release(job.id);
        throw error;
      }
      await ledger.finish(job.id, reply, new Date(now.getTime() + dayMs));
    }
    await notifier.reply(
      {
        kind: 'response-url',
        url: job.responseUrl,
        replaceOriginal: job.replyAsNew !== true,
        public: job.public,
      },
      reply,
    );
    log.info('job finished', { jobId: job.id, operationId: job.operationId, reply: reply.kind });
    return 'done';
  };
}

type ContextFor = ReturnType<typeof makeContextFor>;

async function prepare(
  deps: RunJobDeps,
  contextFor: ContextFor,
  job: PrepareApprovalJob,
): Promise<Reply> {
  if (!deps.prepareApproval) throw new AppError('INTERNAL', 'Approvals are not enabled.');
  try {
    return await deps.prepareApproval(job, await contextFor(job.requester));
  } catch (error: unknown) {
    if (!isAppError(error) || error.code === 'INTERNAL') throw error;
    deps.log.warn('approval not prepared', { jobId: job.id, code: error.code });
    return errorReply(error);
  }
}

async function runCommand(
  deps: RunJobDeps,
  contextFor: ContextFor,
  job: RunCommandJob,
): Promise<Reply> {
  const executor = deps.executors[job.operationId];
  if (!executor) throw new AppError('INTERNAL', `No operation ${job.operationId} in this version.`);
  const parsed = parseOperationArgs(job.operationId, job.args, deps.catalogue);
  if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message);
  const { args, risk } = parsed.value;
  // A plain job never carries an approval: only an execute-approval job may run these.
  if (requiresApproval(risk)) {
    deps.log.error('unapproved job refused', { jobId: job.id, operationId: job.operationId });
    return errorReply(
      new AppError('POLICY.NEEDS_APPROVAL', `Refused: ${risk} operations run only after approval.`),
    );
  }
  const context = await contextFor(job.requester);
  try {
    if (risk !== 'read') await checkRequester(deps, job);
    return await executor(args, context);
  } catch (error: unknown) {
    if (!isAppError(error) || error.code === 'INTERNAL') throw error;
    deps.log.warn('operation failed', { jobId: job.id, code: error.code });
    return errorReply(error);
  }
}

const errorReply = (error: AppError): Reply => ({
  kind: 'error',
  code: error.code,
  message: error.message,
  ...(error.hint ? { hint: error.hint } : {}),
});

/** Changes are refused to bots, deleted users, guests and other workspaces, whatever the policy. */
async function checkRequester(deps: RunJobDeps, job: Job): Promise<void> {
  const person = await deps.directory.person(job.requester.userId);
  const refusal = refusalOf(person, deps.policy.teamId);
  if (refusal) throw new AppError('IDENTITY.REFUSED', `Refused: ${refusal} Nothing was run.`);
}

/** The message a person gets when their job could not be run after every retry. */
export function failedJobReply(job: Pick<Job, 'commandText'>): Reply {
  return {
    kind: 'error',
    code: 'INTERNAL',
    message: `Sorry, /arize ${job.commandText} failed after several attempts, and nothing more will be tried.`,
    hint: 'Try again in a minute; if it keeps failing, tell the arize-ops maintainers.',
  };
}
