import { createHash } from 'node:crypto';
import { type DriftProposal, fixRequestsOf } from '../../domain/drift/drift-fix.ts';
import type { Requester } from '../../domain/job.ts';
import { approvalsEnabled, mayRequest, type Policy } from '../../domain/policy/policy.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { requestIdFor } from '../accept-command.ts';
import type { AuditLog, Clock, DriftMessenger, DriftStore, JobQueue, Log } from '../ports.ts';

/** A click on Propose fix under a posted drift. */
export interface ProposeFixClick {
  /** The drift (the button's value): never a command text from the click. */
  driftId: string;
  clicker: Requester;
  channelId: string;
  /** Where each request's preparation is told. Never logged. */
  responseUrl: string;
}

export interface ProposeFixRefusal {
  code:
    | 'DRIFT.NOT_FOUND'
    | 'DRIFT.NOTHING_TO_PROPOSE'
    | 'DRIFT.NOT_ALLOWED'
    | 'DRIFT.ALREADY_PROPOSED'
    | 'DRIFT.NOT_FILED';
  message: string;
}

export interface ProposeFixDeps {
  drifts: DriftStore;
  messenger: DriftMessenger;
  audit: AuditLog;
  queue: JobQueue;
  /** The policy in force now: the clicker is authorized at click time. */
  policy: Policy;
  clock: Clock;
  log: Log;
}

/**
 * A click on Propose fix (ack path: DynamoDB, Slack and the queue; no Arize).
 *
 * Primary course:
 * 1. Read the drift; work out its requests, one `space change-members` per space.
 * 2. Check the clicker may ask for every one of them under the current policy (their risks:
 *    privilege, destructive when a member is removed); otherwise nothing is filed.
 * 3. Record the proposal once (a conditional write: a second click, by anyone, is told who
 *    proposed it and which requests it filed).
 * 4. Enqueue an ordinary `prepare-approval` job per request with the clicker as requester: each
 *    gets its own plan, a second person's approval and exactly-once execution. Their ids derive
 *    from the drift, so a request queued twice is still one request. When one cannot be queued,
 *    the proposal is taken back and the clicker is told to click again.
 * 5. Audit it, and redraw the drift message with who proposed it and the requests.
 */
export function makeProposeFix(deps: ProposeFixDeps) {
  return async (click: ProposeFixClick): Promise<Result<string, ProposeFixRefusal>> => {
    const report = await deps.drifts.get(click.driftId);
    if (!report) return err({ code: 'DRIFT.NOT_FOUND', message: 'No such drift.' });
    const org = report.plan.organization.name;
    if (report.proposal) return err(alreadyProposed(org, report.proposal));
    const fixes = fixRequestsOf(report.plan);
    if (fixes.length === 0) {
      return err({
        code: 'DRIFT.NOTHING_TO_PROPOSE',
        message: `The drift of ${org} has nothing a request can fix: its spaces are not in Arize.`,
      });
    }
    const refused = fixes.find(
      (fix) => !approvalsEnabled(deps.policy) || !mayRequest(deps.policy, click.clicker, fix.risk),
    );
    if (refused) {
      return err({
        code: 'DRIFT.NOT_ALLOWED',
        message: `You are not allowed to ask for ${refused.risk} changes such as /arize ${refused.commandText}, so nothing was filed.`,
      });
    }
    const at = deps.clock.now().toISOString();
    const jobs = fixes.map((fix, index) => {
      const jobId = createHash('sha256')
        .update(`drift-fix:${report.id}:${index}`)
        .digest('hex')
        .slice(0, 32);
      return { fix, jobId, requestId: requestIdFor(jobId) };
    });
    const proposal: DriftProposal = {
      by: click.clicker.userId,
      at,
      requests: jobs.map((j) => ({
        requestId: j.requestId,
        space: j.fix.space,
        commandText: j.fix.commandText,
      })),
    };
    if (!(await deps.drifts.propose(report.id, proposal))) {
      const now = await deps.drifts.get(report.id);
      return err(alreadyProposed(org, now?.proposal ?? proposal));
    }
    try {
      for (const { fix, jobId, requestId } of jobs) {
        await deps.queue.enqueue({
          id: jobId,
          kind: 'prepare-approval',
          requestId,
          operationId: fix.operationId,
          args: fix.args,
          commandText: fix.commandText,
          public: false,
          requester: click.clicker,
          channelId: click.channelId,
          responseUrl: click.responseUrl,
          enqueuedAt: at,
          reason: `Drift ${report.id} of ${org} against ${report.file}`,
          replyAsNew: true,
        });
      }
    } catch (error: unknown) {
      // Nothing claimed that is not filed: a new click queues the same job ids again.
      await deps.drifts.withdraw(report.id, proposal);
      deps.log.warn('drift fix not filed', {
        driftId: report.id,
        error: error instanceof Error ? error.message : 'unknown',
      });
      return err({
        code: 'DRIFT.NOT_FILED',
        message: `The requests for the drift of ${org} could not all be filed, so the fix is not recorded as proposed: click Propose fix again.`,
      });
    }
    await deps.audit.append({
      id: `${report.id}#proposed`,
      requestId: report.id,
      event: 'drift-proposed',
      at,
      actor: proposal.by,
      detail: {
        organization: org,
        file: report.file,
        requests: proposal.requests.map((r) => r.requestId).join(' '),
      },
    });
    deps.log.info('drift fix proposed', { driftId: report.id, requests: jobs.length });
    if (report.message) {
      await deps.messenger.update(report.message, { ...report, proposal }).catch((e: unknown) =>
        deps.log.warn('drift message not redrawn', {
          driftId: report.id,
          error: e instanceof Error ? e.message : 'unknown',
        }),
      );
    }
    const several = jobs.length > new Set(fixes.map((f) => f.spaceId)).size;
    return ok(
      `Preparing ${jobs.length} approval request(s) for the drift of ${org}, one per space${several ? ' (a space with more changes than one command takes gets several)' : ''}: ${requestList(proposal)}. Someone else approves each; nothing changes until then.`,
    );
  };
}

const requestList = (proposal: DriftProposal): string =>
  proposal.requests.map((r) => `${r.requestId} (${r.space})`).join(', ');

const alreadyProposed = (org: string, proposal: DriftProposal): ProposeFixRefusal => ({
  code: 'DRIFT.ALREADY_PROPOSED',
  message: `The fix of this drift of ${org} was proposed already by ${proposal.by} at ${proposal.at}: ${requestList(proposal)}.`,
});
