import type { SpaceMember, SpaceRole } from '../arize.ts';
import type { DesiredAccess } from './desired-access.ts';

/** One difference in one space, and what would remove it. */
export type DriftChange =
  | { kind: 'add'; email: string; role: SpaceRole }
  | { kind: 'change'; email: string; userId: string; from: string; to: SpaceRole }
  | { kind: 'remove'; email: string; userId: string; role: string };

/** A managed space that differs: its changes, or that it is not in Arize at all. */
export interface SpaceDrift {
  space: string;
  spaceId?: string;
  changes: DriftChange[];
}

/** What Arize would need to match the file; `spaces` lists only the spaces that differ. */
export interface DriftPlan {
  organization: { id: string; name: string };
  managed: number;
  spaces: SpaceDrift[];
}

/** Arize's side: the organization's spaces with their members (as `spaceUsers` lists them). */
export interface ActualAccess {
  organization: { id: string; name: string };
  spaces: ReadonlyArray<{ id: string; name: string; members: readonly SpaceMember[] }>;
}

const byEmail = (a: { email: string }, b: { email: string }) => a.email.localeCompare(b.email);

/**
 * The differences between the declared and the actual explicit memberships of every managed
 * space: additions, role changes and removals, each space's sorted by e-mail. Implicit admins are
 * left out on both sides (they are not space memberships).
 */
export function planDrift(desired: DesiredAccess, actual: ActualAccess): DriftPlan {
  const spaces: SpaceDrift[] = [];
  for (const [name, wanted] of Object.entries(desired.spaces).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const space = actual.spaces.find((s) => s.name === name);
    if (!space) {
      spaces.push({ space: name, changes: [] });
      continue;
    }
    const explicit = space.members.filter((m) => m.membership === 'EXPLICIT_MEMBERSHIP');
    const present = new Map(explicit.map((m) => [m.user.email.toLowerCase(), m]));
    const changes: DriftChange[] = [];
    for (const [email, role] of Object.entries(wanted)) {
      const member = present.get(email);
      if (!member) changes.push({ kind: 'add', email, role });
      else if (member.role.toUpperCase() !== role) {
        changes.push({
          kind: 'change',
          email,
          userId: member.user.id,
          from: member.role,
          to: role,
        });
      }
    }
    for (const [email, member] of present) {
      if (wanted[email] === undefined) {
        changes.push({ kind: 'remove', email, userId: member.user.id, role: member.role });
      }
    }
    if (changes.length > 0)
      spaces.push({ space: name, spaceId: space.id, changes: changes.sort(byEmail) });
  }
  return {
    organization: actual.organization,
    managed: Object.keys(desired.spaces).length,
    spaces,
  };
}

const roleText = (role: string) => role.toLowerCase().replaceAll('_', '-');

/** One change in words, for the CLI and Slack alike (callers escape for their medium). */
export function changeText(change: DriftChange): string {
  if (change.kind === 'add') return `+ add ${change.email} as ${roleText(change.role)}`;
  if (change.kind === 'change') {
    return `~ change ${change.email}: ${roleText(change.from)} → ${roleText(change.to)}`;
  }
  return `- remove ${change.email} (${roleText(change.role)})`;
}

/** The plan as text: each differing space and its changes, or that nothing differs. */
export function driftPlanText(plan: DriftPlan): string {
  const org = plan.organization.name;
  if (plan.spaces.length === 0) {
    return `No drift in ${org}: ${plan.managed} managed space(s) match the file.`;
  }
  const count = plan.spaces.reduce((n, s) => n + Math.max(1, s.changes.length), 0);
  return [
    `Drift in ${org}: ${plan.spaces.length} of ${plan.managed} managed space(s) differ (${count} difference(s)).`,
    ...plan.spaces.flatMap((s) =>
      s.spaceId === undefined
        ? [`${s.space}: not in Arize (create the space first; nothing is proposed for it)`]
        : [`${s.space}:`, ...s.changes.map((c) => `  ${changeText(c)}`)],
    ),
  ].join('\n');
}
