import { AppError, isAppError } from '../domain/errors.ts';
import { refusalOf } from '../domain/identity.ts';
import type {
  ExecuteApprovalJob,
  Job,
  PrepareApprovalJob,
  RevealSecretJob,
} from '../domain/job.ts';
import { parseOperationArgs } from '../domain/operations/catalogue.ts';
import { type OperationDefinition, Risks } from '../domain/operations/operation.ts';
import { requiresApproval } from '../domain/operations/requires-approval.ts';
import { arizeEmailOf, mayRequest, type Policy } from '../domain/policy/policy.ts';
import type { Reply } from '../domain/reply.ts';
import type { EndGrantsOutcome, EndGrantsRun } from './grants/end-grants.ts';
import type { ExecutionContext, Executor } from './operations/executor.ts';
import type {
  ArizeGateway,
  ChatNotifier,
  Clock,
  ContextStore,
  FileSharer,
  JobLedger,
  Log,
  SlackDirectory,
  TargetResolver,
} from './ports.ts';

export interface RunJobDeps {
  catalogue: readonly OperationDefinition[];
  executors: Readonly<Record<string, Executor>>;
  ledger: JobLedger;
  notifier: ChatNotifier;
  contexts: ContextStore;
  gateway: ArizeGateway;
  /** A fresh resolver per job, so lookups are cached within one job only. */
  newResolver: () => TargetResolver;
  appUrl: string;
  clock: Clock;
  log: Log;
  /** Slack's view of people: who may make changes, and the e-mail behind a mention. */
  directory: SlackDirectory;
  policy: Policy;
  /** How long a delivery may hold the job before another may take it over. */
  leaseMs?: number;
  /** Approval jobs; absent, they fail as unknown (approvals off). */
  prepareApproval?: (job: PrepareApprovalJob, context: ExecutionContext) => Promise<Reply>;
  executeApproval?: (job: ExecuteApprovalJob, context: ExecutionContext) => Promise<void>;
  /** The Reveal flow's worker step; absent, reveal jobs fail as unknown. */
  revealSecret?: (job: RevealSecretJob, context: ExecutionContext) => Promise<void>;
  /** `approvals` and `cancel`; `audit`'s trail. Absent, those commands say they are off. */
  approvals?: ExecutionContext['approvals'];
  auditTrail?: ExecutionContext['auditTrail'];
  /** Ends the grants due now (an End access now click); absent, end-grants jobs fail. */
  endGrants?: (run: EndGrantsRun) => Promise<EndGrantsOutcome>;
  /** Active time-bound grants, for `grants`. */
  grants?: ExecutionContext['grants'];
  /** Shares CSV exports in Slack (`audit --csv`). */
  files?: FileSharer;
}

const dayMs = 86_400_000;

/** What became of a delivery: done (delete it) or retry (leave it for redelivery). */
export type JobOutcome = 'done' | 'retry';

/**
 * The worker: runs each job at most once by id and replaces the "Running…" ack with the result.
 *
 * Primary course:
 * 1. Claim the job (a redelivery of a finished job only re-sends the stored reply).
 * 2. Validate the arguments again and run the operation's executor.
 * 3. Store the reply, then send it through the response URL.
 */
export function makeRunJob(deps: RunJobDeps) {
  const { ledger, notifier, clock, log } = deps;
  return async (job: Job): Promise<JobOutcome> => {
    if (job.kind === 'execute-approval') {
      // The request's own state machine (an EXECUTING lease) runs it at most once: no ledger.
      if (!deps.executeApproval) throw new AppError('INTERNAL', 'Approvals are not enabled.');
      await deps.executeApproval(job, await contextFor(deps, job));
      log.info('job finished', { jobId: job.id, operationId: job.operationId });
      return 'done';
    }
    if (job.kind === 'end-grants') {
      // Each grant's own conditional claim ends it at most once: no ledger.
      if (!deps.endGrants) throw new AppError('INTERNAL', 'Time-bound grants are not enabled.');
      const outcome = await deps.endGrants({ scheduledTime: clock.now(), remainingMs: 45_000 });
      log.info('job finished', { jobId: job.id, ...outcome.actions });
      return 'done';
    }
    if (job.kind === 'reveal-secret') {
      // Same lease as an execution, and no ledger: a stored reply could only ever hold a secret.
      if (!deps.revealSecret) throw new AppError('INTERNAL', 'The Reveal flow is not enabled.');
      await deps.revealSecret(job, await contextFor(deps, job));
      log.info('job finished', { jobId: job.id, operationId: job.operationId });
      return 'done';
    }
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
        reply = await execute(deps, job);
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
        replaceOriginal: !(job.kind === 'prepare-approval' && job.replyAsNew === true),
        public: job.public,
      },
      reply,
    );
    log.info('job finished', { jobId: job.id, operationId: job.operationId, reply: reply.kind });
    return 'done';
  };
}

async function execute(deps: RunJobDeps, job: Job): Promise<Reply> {
  if (job.kind === 'prepare-approval') {
    if (!deps.prepareApproval) throw new AppError('INTERNAL', 'Approvals are not enabled.');
    try {
      return await deps.prepareApproval(job, await contextFor(deps, job));
    } catch (error: unknown) {
      if (!isAppError(error) || error.code === 'INTERNAL') throw error;
      deps.log.warn('approval not prepared', { jobId: job.id, code: error.code });
      return errorReply(error);
    }
  }
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
  const context = await contextFor(deps, job);
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

/** What an executor or plan builder may use for this job. */
async function contextFor(deps: RunJobDeps, job: Job): Promise<ExecutionContext> {
  return {
    gateway: deps.gateway,
    resolver: deps.newResolver(),
    requester: job.requester,
    context: await deps.contexts.get(job.requester),
    appUrl: deps.appUrl,
    catalogue: deps.catalogue,
    contextStore: deps.contexts,
    clock: deps.clock,
    slackEmailOf: (userId) => emailOf(deps, userId),
    ...(deps.approvals ? { approvals: deps.approvals } : {}),
    ...(deps.auditTrail ? { auditTrail: deps.auditTrail } : {}),
    ...(deps.grants ? { grants: deps.grants } : {}),
    ...(deps.files ? { files: deps.files } : {}),
    describePermissions: async (requester) => [
      {
        label: 'may request',
        value:
          Risks.filter((risk) => mayRequest(deps.policy, requester, risk)).join(', ') || 'nothing',
      },
      {
        label: 'may approve',
        value:
          Risks.filter((risk) => deps.policy.approvers[risk]?.includes(requester.userId)).join(
            ', ',
          ) || 'nothing as yourself (user-group approvers are checked when you click)',
      },
    ],
  };
}

/** Changes are refused to bots, deleted users, guests and other workspaces, whatever the policy. */
async function checkRequester(deps: RunJobDeps, job: Job): Promise<void> {
  const person = await deps.directory.person(job.requester.userId);
  const refusal = refusalOf(person, deps.policy.teamId);
  if (refusal) throw new AppError('IDENTITY.REFUSED', `Refused: ${refusal} Nothing was run.`);
}

/** The Arize e-mail behind a Slack mention: the person's Slack e-mail, never a display name. */
async function emailOf(deps: RunJobDeps, slackUserId: string): Promise<string> {
  const person = await deps.directory.person(slackUserId);
  if (!person) throw new AppError('IDENTITY.REFUSED', `Slack does not know <@${slackUserId}>.`);
  if (person.isBot)
    throw new AppError('IDENTITY.REFUSED', `<@${slackUserId}> is a bot, not a person.`);
  const email = arizeEmailOf(deps.policy, slackUserId, person.email);
  if (!email) {
    throw new AppError('IDENTITY.REFUSED', `Slack shares no e-mail for <@${slackUserId}>.`, {
      hint: 'Name the person by their Arize e-mail instead, or map them in the policy.',
    });
  }
  return email;
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
