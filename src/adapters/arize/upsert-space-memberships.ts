import type { ArizeGateway, MembershipOutcome } from '../../app/ports.ts';
import type { SpaceRole } from '../../domain/arize.ts';
import { ErrorCodes, isAppError } from '../../domain/errors.ts';
import { mapWithConcurrency } from './concurrency-limit.ts';

/**
 * Upserts users × spaces memberships with at most `concurrency` in flight. Every pair gets an
 * outcome, in input order; one failure never hides the others. The rate limit and retries live
 * in the fetch layer, so this only bounds how many requests wait on it at once.
 */
export function upsertSpaceMemberships(
  addSpaceUser: ArizeGateway['addSpaceUser'],
  pairs: ReadonlyArray<{ userId: string; spaceId: string }>,
  role: SpaceRole,
  concurrency: number,
): Promise<MembershipOutcome[]> {
  return mapWithConcurrency(pairs, concurrency, async ({ userId, spaceId }) => {
    try {
      const membership = await addSpaceUser(spaceId, userId, role);
      return { userId, spaceId, ok: true as const, membership };
    } catch (error) {
      return {
        userId,
        spaceId,
        ok: false as const,
        code: isAppError(error) ? error.code : ErrorCodes.internal,
        message: isAppError(error) ? error.message : 'Unexpected failure; see the bot logs.',
      };
    }
  });
}
