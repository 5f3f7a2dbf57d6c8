import { AppError } from '../domain/errors.ts';
import { refusalOf } from '../domain/identity.ts';
import type { Requester } from '../domain/job.ts';
import type { Policy } from '../domain/policy/policy.ts';
import type { SlackDirectory } from './ports.ts';

/**
 * Refuses changes to bots, deleted users, guests and other workspaces, whatever the policy:
 * throws `IDENTITY.REFUSED` (the requester's reply) when Slack's view of them says no.
 */
export async function checkRequester(
  deps: { directory: SlackDirectory; policy: Pick<Policy, 'teamId'> },
  requester: Requester,
): Promise<void> {
  const refusal = refusalOf(await deps.directory.person(requester.userId), deps.policy.teamId);
  if (refusal) throw new AppError('IDENTITY.REFUSED', `Refused: ${refusal} Nothing was run.`);
}
