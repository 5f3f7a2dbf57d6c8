/** Reading what an approval plan captured of the state before its change. */
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
export const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
export const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** The previous explicit role of each user in each space, or undefined when not readable. */
export function previousRoles(
  projection: Record<string, unknown>,
): Map<string, Map<string, string>> | undefined {
  const spaces = Array.isArray(projection.roles) ? projection.roles : [];
  const bySpace = new Map<string, Map<string, string>>();
  for (const entry of spaces) {
    const space = record(entry);
    const id = str(space?.space);
    if (!space || !id || !Array.isArray(space.roles)) return undefined;
    const roles = new Map<string, string>();
    for (const member of space.roles) {
      const m = record(member);
      const userId = str(m?.userId);
      const role = str(m?.role);
      if (userId && role) roles.set(userId, role);
    }
    bySpace.set(id, roles);
  }
  return bySpace;
}

/** The e-mail of each user the plan captured: the inverse command then reads as people typed it. */
export function emailsOf(projection: Record<string, unknown>): Map<string, string> {
  const users = Array.isArray(projection.users) ? projection.users : [];
  const emails = new Map<string, string>();
  for (const entry of users) {
    const user = record(entry);
    const id = str(user?.id);
    const email = str(user?.email);
    if (id && email) emails.set(id, email);
  }
  return emails;
}

/** Why a membership change cannot be undone when its plan could not read the roles. */
export const notReadable = {
  why:
    'the space roles before the change were not readable (they need the Arize developer key), ' +
    'so the previous state is unknown.',
};
