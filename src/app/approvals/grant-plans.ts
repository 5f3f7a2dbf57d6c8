import type { TimeBound } from '../../domain/approvals/plan.ts';
import type { Space, SpaceRole, User } from '../../domain/arize.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { endActionText, type PreviousRole } from '../../domain/grants/grant.ts';
import { durationInWords } from '../../domain/words.ts';

const isSpaceRole = (role: string): role is SpaceRole =>
  role === 'ADMIN' || role === 'MEMBER' || role === 'READ_ONLY' || role === 'ANNOTATOR';

/**
 * The time-bound part of a `space add-user --for` plan: each user × space with the role read
 * before the change (or "not a member"), which the end restores. Refused, saying why, when a
 * space's roles cannot be read: a grant whose end cannot restore the previous role is not made.
 */
export function timeBoundPlan(input: {
  seconds: number;
  role: SpaceRole;
  users: readonly User[];
  spaces: readonly Space[];
  /** Explicit members per space, in the order of `spaces`; undefined where not readable. */
  members: ReadonlyArray<readonly { userId: string; role: string }[] | undefined>;
}): { timeBound: TimeBound; effect: string; preState: { label: string; value: string }[] } {
  const unreadable = input.spaces.filter((_, i) => input.members[i] === undefined);
  if (unreadable.length > 0) {
    throw new AppError(
      ErrorCodes.usage,
      `--for needs the current roles in ${unreadable.map((s) => s.name).join(', ')}, and they ` +
        'cannot be read (GraphQL spaceUsers needs the developer key): a time-bound grant could ' +
        'not restore them at its end.',
      { hint: 'Grant without --for, or configure the Arize developer key.' },
    );
  }
  const custom = input.users.flatMap((user) =>
    input.spaces.flatMap((space, i) => {
      const found = input.members[i]?.find((m) => m.userId === user.id);
      return found && !isSpaceRole(found.role)
        ? [`${user.email} has the custom role “${found.role}” in ${space.name}`]
        : [];
    }),
  );
  if (custom.length > 0) {
    throw new AppError(
      ErrorCodes.usage,
      `--for cannot restore a custom role at the end (${custom.join('; ')}): a time-bound ` +
        'grant is not made over it.',
      { hint: 'Grant without --for, or leave that user out.' },
    );
  }
  const pairs = input.users.flatMap((user) =>
    input.spaces.map((space, i) => {
      const found = input.members[i]?.find((m) => m.userId === user.id);
      const previous: PreviousRole =
        found && isSpaceRole(found.role) ? { kind: 'role', role: found.role } : { kind: 'none' };
      return {
        userId: user.id,
        email: user.email,
        spaceId: space.id,
        spaceName: space.name,
        previous,
      };
    }),
  );
  const orgId = input.spaces[0]?.organizationId;
  return {
    timeBound: {
      seconds: input.seconds,
      role: input.role,
      ...(orgId ? { orgId } : {}),
      pairs,
    },
    effect:
      `Access ends ${durationInWords(input.seconds)} after it is applied, then: ` +
      pairs.map((p) => `${p.email} in ${p.spaceName}: ${endActionText(p.previous)}`).join('; ') +
      '.',
    preState: [
      {
        label: 'at the end',
        value: pairs
          .map((p) => `${p.email} in ${p.spaceName}: ${endActionText(p.previous)}`)
          .join(', '),
      },
    ],
  };
}
