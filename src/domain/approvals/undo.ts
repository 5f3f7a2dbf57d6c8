import { SpaceRoles } from '../arize.ts';
import { formatCommand } from '../grammar/format-command.ts';
import {
  type ApprovalOperationId,
  isApprovalOperationId,
  type OperationId,
  parseOperationArgs,
} from '../operations/catalogue.ts';
import type { Risk } from '../operations/operation.ts';
import { requiresApproval } from '../operations/requires-approval.ts';
import { emailsOf, notReadable, previousRoles, record, str, strs } from './captured-roles.ts';
import { memberChangeInverse } from './member-change-undo.ts';

/**
 * Whether a succeeded request can be undone: the command that puts back the previous state (run
 * as a new approval request), or the reason it cannot be undone, said plainly.
 */
export type UndoDecision =
  | {
      undoable: true;
      operationId: string;
      args: Record<string, unknown>;
      commandText: string;
      /** The inverse command's risk, computed once. */
      risk: Risk;
    }
  | { undoable: false; why: string };

/** What an undo decision needs from a request: its operation, pinned arguments and projection. */
export interface UndoInput {
  operationId: string;
  args: Record<string, unknown>;
  /** The plan's projection of the pre-state, captured before anyone voted. */
  projection: Record<string, unknown>;
}

/** The command that puts back the pre-state, or why there is none (said to the person). */
type Inverse = { operationId: OperationId; args: Record<string, unknown> } | { why: string };

/** How to undo one approval operation, from its pinned arguments and captured pre-state. */
export type InverseRule = (
  args: Record<string, unknown>,
  projection: Record<string, unknown>,
) => Inverse;

const isSpaceRole = (role: string): boolean => (SpaceRoles as readonly string[]).includes(role);
const roleWord = (role: string): string => role.toLowerCase().replace('_', '-');

/** An operation with no way back, and why: stated in its entry, never by omission. */
export const notReversible =
  (why: string): InverseRule =>
  () => ({ why });

/** One restore for all the changed pairs, when they form a users × spaces rectangle. */
function restoreOf(
  changed: { userId: string; spaceId: string; previous: string | undefined }[],
  users: readonly string[],
  nothing: string,
  emails: ReadonlyMap<string, string>,
): Inverse {
  if (changed.length === 0) return { why: nothing };
  const previous = [...new Set(changed.map((p) => p.previous ?? 'not a member'))];
  if (previous.length > 1) {
    return {
      why: `the users had different previous roles (${previous.map((r) => (r === 'not a member' ? r : roleWord(r))).join(', ')}): one command cannot restore them all; change them back one role at a time.`,
    };
  }
  const userIds = users.filter((u) => changed.some((p) => p.userId === u));
  // E-mails are unique in Arize: the new request resolves them to exactly these users again.
  const userRefs = userIds.map((id) => emails.get(id) ?? id);
  const spaceIds = [...new Set(changed.map((p) => p.spaceId))];
  if (changed.length !== userIds.length * spaceIds.length) {
    return {
      why: 'only some of the users × spaces changed: one command cannot restore exactly those; change them back one at a time.',
    };
  }
  const role = changed[0]?.previous;
  if (role === undefined) {
    return { operationId: 'space.remove-user', args: { users: userRefs, space: spaceIds } };
  }
  if (!isSpaceRole(role)) {
    return { why: `the previous role ${role} is a custom role, which the bot cannot grant.` };
  }
  return { operationId: 'space.add-user', args: { users: userRefs, space: spaceIds, role } };
}

const spaceAddUserInverse: InverseRule = (args, projection) => {
  const before = previousRoles(projection);
  if (!before) return notReadable;
  const users = strs(args.users);
  const changed = strs(args.space).flatMap((spaceId) =>
    users
      .map((userId) => ({ userId, spaceId, previous: before.get(spaceId)?.get(userId) }))
      .filter((p) => p.previous !== args.role),
  );
  return restoreOf(
    changed,
    users,
    'nothing changed: every user already had this role.',
    emailsOf(projection),
  );
};

const spaceRemoveUserInverse: InverseRule = (args, projection) => {
  const before = previousRoles(projection);
  if (!before) return notReadable;
  const users = strs(args.users);
  const removed = strs(args.space).flatMap((spaceId) =>
    users
      .map((userId) => ({ userId, spaceId, previous: before.get(spaceId)?.get(userId) }))
      .filter((p) => p.previous !== undefined),
  );
  return restoreOf(
    removed,
    users,
    'nothing was removed: none of the users was a member.',
    emailsOf(projection),
  );
};

const userUpdateInverse: InverseRule = (args, projection) => {
  if (args.name !== undefined) {
    return { why: 'the previous display name is not part of the captured pre-state.' };
  }
  const before = record(projection.user)?.isDeveloper;
  const user = str(record(projection.user)?.id);
  if (typeof before !== 'boolean' || !user)
    return { why: 'the previous developer access is unknown.' };
  if (before === args.developer) {
    return { why: `nothing changed: developer access was already ${before ? 'on' : 'off'}.` };
  }
  return { operationId: 'user.update', args: { user, developer: before } };
};

const spaceUpdateInverse: InverseRule = (args, projection) => {
  if (args.description !== undefined) {
    return { why: 'the previous description is not part of the captured pre-state.' };
  }
  const before = record(projection.space);
  const space = str(before?.id);
  if (!before || !space) return { why: 'the previous state of the space is unknown.' };
  const inverse: Record<string, unknown> = { space };
  if (args.name !== undefined && args.name !== before.name) inverse.name = before.name;
  if (args.private !== undefined && args.private !== before.isPrivate) {
    inverse.private = before.isPrivate;
  }
  if (Object.keys(inverse).length === 1) return { why: 'nothing changed.' };
  return { operationId: 'space.update', args: inverse };
};

const orgRoles =
  'org roles are not readable (Arize has no route for them), so the previous org role is unknown.';

/**
 * The inverse of every operation that can need approval: a missing entry does not compile, and an
 * operation that cannot be undone says why with `notReversible`.
 */
export const inverseRules = {
  'space.add-user': spaceAddUserInverse,
  'space.remove-user': spaceRemoveUserInverse,
  'space.change-members': memberChangeInverse,
  'space.update': spaceUpdateInverse,
  'user.update': userUpdateInverse,
  'org.add-user': notReversible(orgRoles),
  'request.extend': notReversible(
    'an extension moves the end of a grant; End access now (under the grant news) ends it early.',
  ),
  'request.space': notReversible(
    'self-service access ends by itself at its end; End access now (under the grant news) ends it early.',
  ),
  'org.remove-user': notReversible(
    `${orgRoles} Their space memberships in the organization were removed with it.`,
  ),
  'space.delete': notReversible(
    'a deleted space cannot be restored: its models, monitors and dashboards are gone.',
  ),
  'org.delete': notReversible(
    'a deleted organization cannot be restored: its spaces and everything in them are gone.',
  ),
  'user.delete': notReversible(
    'a deleted user cannot be restored: their e-mail can never be invited again.',
  ),
  'user.invite': notReversible(
    'the only way back is deleting the user, and a deleted user’s e-mail can never be invited again.',
  ),
  'key.revoke': notReversible('a revoked API key can never be made active again.'),
  'key.create': notReversible(
    'creating a key cannot be undone as such: revoke it with key revoke if it is not wanted.',
  ),
  'key.refresh': notReversible('the previous secret of a refreshed key cannot be brought back.'),
} as const satisfies Record<ApprovalOperationId, InverseRule>;

/**
 * Decides whether a succeeded request can be undone, from its operation, pinned arguments and the
 * pre-state its plan captured. An inverse that needs no approval is not offered: the person can
 * run it directly.
 */
export function undoOf(input: UndoInput): UndoDecision {
  // Only approval requests are undone; any other id (a request of an older version) has no rule.
  if (!isApprovalOperationId(input.operationId)) {
    return { undoable: false, why: 'this operation has no inverse.' };
  }
  const inverse: Inverse = inverseRules[input.operationId](input.args, input.projection);
  if ('why' in inverse) return { undoable: false, why: inverse.why };
  const parsed = parseOperationArgs(inverse.operationId, inverse.args);
  if (!parsed.ok) {
    return { undoable: false, why: 'the previous state does not make a valid command.' };
  }
  const { operation, args, risk } = parsed.value;
  const commandText = formatCommand(operation, args);
  if (!requiresApproval(risk)) {
    return {
      undoable: false,
      why: `the way back needs no approval: run /arize ${commandText} yourself.`,
    };
  }
  return { undoable: true, operationId: operation.id, args, commandText, risk };
}
