import { type SpaceRole, SpaceRoles } from '../arize.ts';
import { memberChangesOf, roleFlags } from '../operations/space-change-operations.ts';
import { emailsOf, notReadable, previousRoles, str } from './captured-roles.ts';
import type { InverseRule } from './undo.ts';

const isSpaceRole = (role: string): role is SpaceRole =>
  (SpaceRoles as readonly string[]).includes(role);

/**
 * `space change-members` is undone by another: each user who had a role gets it back, each user
 * who was not a member is removed, and users whose role did not change are left out.
 */
export const memberChangeInverse: InverseRule = (args, projection) => {
  const spaceId = str(args.space);
  const before = previousRoles(projection)?.get(spaceId ?? '');
  if (!spaceId || !before) return notReadable;
  const emails = emailsOf(projection);
  const inverse: Record<string, string[]> = {};
  const put = (flag: string, userId: string) => {
    inverse[flag] = [...(inverse[flag] ?? []), emails.get(userId) ?? userId];
  };
  for (const change of memberChangesOf(args)) {
    for (const userId of change.users) {
      const previous = before.get(userId);
      if (previous === change.role) continue;
      if (previous === undefined) {
        if (change.role !== 'remove') put('remove', userId);
        continue;
      }
      if (!isSpaceRole(previous)) {
        return {
          why: `the previous role ${previous} is a custom role, which the bot cannot grant.`,
        };
      }
      put(roleFlags[previous], userId);
    }
  }
  if (Object.keys(inverse).length === 0) return { why: 'nothing changed.' };
  return { operationId: 'space.change-members', args: { space: spaceId, ...inverse } };
};
