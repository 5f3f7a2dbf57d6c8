import { isGrantId } from '../../domain/grants/grant.ts';
import { refusalOf } from '../../domain/identity.ts';
import type { Requester } from '../../domain/job.ts';
import { approvalRuleFor, type Policy } from '../../domain/policy/policy.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type {
  ApprovalStore,
  AuditLog,
  Clock,
  GrantStore,
  GroupDirectory,
  JobQueue,
  Log,
  SlackDirectory,
} from '../ports.ts';
import { auditGrant } from './grant-news.ts';

/** A click on End access now under a grant's message. */
export interface EndNowClick {
  /** The button's value: checked to be a grant id before any lookup. */
  grantId: string;
  clicker: Requester;
  channelId: string;
  /** The click's response URL (the worker's reply goes nowhere else); never logged. */
  responseUrl: string;
}

export interface EndNowRefusal {
  code: 'GRANT.NOT_FOUND' | 'GRANT.NOT_ACTIVE' | 'GRANT.NOT_ALLOWED' | 'GRANT.CHANGED';
  message: string;
}

export interface EndGrantNowDeps {
  grants: GrantStore;
  audit: AuditLog;
  /** The current policy: who may approve a space grant may end one. */
  policy: Policy;
  directory: SlackDirectory;
  groups: GroupDirectory;
  queue: JobQueue;
  clock: Clock;
  log: Log;
  /**
   * The approval requests: a self-service grant may also be ended by an approver of the request
   * that made it (its rule's approvers, the space admins among them, as the request recorded).
   */
  store?: Pick<ApprovalStore, 'get'>;
}

/**
 * End access now (ack path: DynamoDB, Slack and the queue; never Arize).
 *
 * Primary course:
 * 1. Read the grant; only an ACTIVE one can be ended early.
 * 2. Authorize the clicker then and there: the grant's subject, or a person who may approve a
 *    space grant under the current policy, or (a self-service grant) an approver its request
 *    recorded (user groups read live; fail closed); never a bot, a guest, a deactivated user or
 *    another workspace.
 * 3. Audit, then one conditional write moves its end to now (so it is due) and records who.
 * 4. Enqueue the end for the worker at once; the minute sweep would find it anyway.
 */
export function makeEndGrantNow(deps: EndGrantNowDeps) {
  return async (click: EndNowClick): Promise<Result<string, EndNowRefusal>> => {
    const grant = isGrantId(click.grantId) ? await deps.grants.get(click.grantId) : undefined;
    if (!grant) return err({ code: 'GRANT.NOT_FOUND', message: 'No such time-bound grant.' });
    if (grant.status !== 'ACTIVE') {
      return err({
        code: 'GRANT.NOT_ACTIVE',
        message: `This grant is ${grant.status === 'ENDING' ? 'ending already' : 'over'}.`,
      });
    }
    const refusal = await refusalFor(
      deps,
      grant.subject.slackUserId,
      click.clicker,
      grant.requestId,
    );
    if (refusal) return err({ code: 'GRANT.NOT_ALLOWED', message: `Refused: ${refusal}` });
    const now = deps.clock.now();
    await auditGrant(
      deps,
      grant,
      'grant-end-requested',
      { endsAt: grant.endsAt },
      {
        actor: click.clicker.userId,
      },
    );
    const saved = await deps.grants.update(
      grant,
      { status: 'ACTIVE', endsAt: now.toISOString(), endRequestedBy: click.clicker.userId },
      { at: now.toISOString(), event: 'end-requested', detail: click.clicker.userId },
    );
    if (!saved) {
      return err({ code: 'GRANT.CHANGED', message: 'The grant changed meanwhile; look again.' });
    }
    await deps.queue.enqueue({
      id: `end-grant-${grant.id}`,
      kind: 'end-grants',
      operationId: 'grants',
      args: { grant: grant.id },
      commandText: `end grant ${grant.id}`,
      public: false,
      requester: click.clicker,
      channelId: click.channelId,
      responseUrl: click.responseUrl,
      enqueuedAt: now.toISOString(),
    });
    deps.log.info('grant end requested', { grantId: grant.id });
    return ok(`Ending ${grant.subject.email}'s access to ${grant.spaceName} now.`);
  };
}

async function refusalFor(
  deps: EndGrantNowDeps,
  subjectSlackId: string | undefined,
  clicker: Requester,
  requestId?: string,
): Promise<string | undefined> {
  const person = await deps.directory.person(clicker.userId);
  const identity = refusalOf(person, deps.policy.teamId);
  if (identity) return identity;
  if (clicker.teamId !== deps.policy.teamId) return 'people from other workspaces cannot act here.';
  if (subjectSlackId === clicker.userId) return undefined;
  const rule = approvalRuleFor(deps.policy, 'space.add-user', 'privilege');
  const made = requestId && deps.store ? await deps.store.get(requestId) : undefined;
  const approvers = [...rule.approvers, ...(made?.plan.selfService ? made.approvers : [])];
  if (approvers.includes(clicker.userId)) return undefined;
  for (const id of new Set(approvers.filter((a) => a.startsWith('S')))) {
    try {
      if ((await deps.groups.members(id)).includes(clicker.userId)) return undefined;
    } catch (error: unknown) {
      deps.log.warn('user group not readable, failing closed', {
        group: id,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
  return 'only the person who holds the access, an approver of space grants, or of the self-service request that made it can end it.';
}
