import { createHash } from 'node:crypto';
import { isGrantId } from '../../domain/grants/grant.ts';
import { refusalOf } from '../../domain/identity.ts';
import type { Policy } from '../../domain/policy/policy.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { requestIdFor } from '../accept-command.ts';
import type { Clock, GrantStore, JobQueue, Log, SlackDirectory } from '../ports.ts';
import type { EndNowClick, EndNowRefusal } from './end-grant-now.ts';

export interface AskExtensionDeps {
  grants: Pick<GrantStore, 'get'>;
  policy: Pick<Policy, 'teamId'>;
  directory: SlackDirectory;
  queue: JobQueue;
  clock: Clock;
  log: Log;
}

/**
 * The Extend button under a grant's messages (ack path: DynamoDB, Slack and the queue).
 *
 * Primary course:
 * 1. Read the grant; only an ACTIVE one can be extended.
 * 2. Refuse bots, guests, deactivated users and other workspaces at once.
 * 3. Enqueue `request extend GRANT` as a prepare-approval job: the worker decides under the
 *    current policy who may ask and who approves (the subject under a self-service rule, else a
 *    privilege requester). One request per grant version and clicker: a double click is one.
 */
export function makeAskExtension(deps: AskExtensionDeps) {
  return async (click: EndNowClick): Promise<Result<string, EndNowRefusal>> => {
    const grant = isGrantId(click.grantId) ? await deps.grants.get(click.grantId) : undefined;
    if (!grant) return err({ code: 'GRANT.NOT_FOUND', message: 'No such time-bound grant.' });
    if (grant.status !== 'ACTIVE' || grant.endRequestedBy !== undefined) {
      return err({ code: 'GRANT.NOT_ACTIVE', message: 'This grant is ending or over.' });
    }
    const refusal = refusalOf(
      await deps.directory.person(click.clicker.userId),
      deps.policy.teamId,
    );
    if (refusal) return err({ code: 'GRANT.NOT_ALLOWED', message: `Refused: ${refusal}` });
    const id = createHash('sha256')
      .update(`extend:${grant.id}:${grant.version}:${click.clicker.teamId}:${click.clicker.userId}`)
      .digest('hex')
      .slice(0, 32);
    await deps.queue.enqueue({
      id,
      kind: 'prepare-approval',
      requestId: requestIdFor(id),
      operationId: 'request.extend',
      args: { grant: grant.id },
      commandText: `request extend ${grant.id}`,
      public: false,
      requester: click.clicker,
      channelId: click.channelId,
      responseUrl: click.responseUrl,
      enqueuedAt: deps.clock.now().toISOString(),
    });
    deps.log.info('grant extension asked', { grantId: grant.id });
    return ok(
      `Asking to extend ${grant.subject.email}'s access to ${grant.spaceName}: an approval request is being prepared.`,
    );
  };
}
