import type { Organization, Space, User } from '../../domain/arize.ts';
import { isAppError } from '../../domain/errors.ts';
import { normalizeRole } from '../../domain/grammar/values.ts';
import { momentField } from '../../domain/moments.ts';
import { fromContextNote } from '../../domain/operations/context-rules.ts';
import type { Field } from '../../domain/reply.ts';

/** Roles as people type them: `read-only`, `admin`; custom roles by id. */
export const roleText = (role: string | { custom: string }): string =>
  typeof role === 'string'
    ? (normalizeRole(role) ?? role).toLowerCase().replace(/_/g, '-')
    : `custom role ${role.custom}`;

export const statusText = (status: string): string => status.toLowerCase();

/** `Acme ML (from your context)` when the target came from the caller's context. */
export const scoped = (name: string, fromContext: boolean): string =>
  fromContext ? `${name} ${fromContextNote}` : name;

export const orgFields = (org: Organization, now: Date): Field[] => [
  { label: 'id', value: org.id },
  ...(org.description ? [{ label: 'description', value: org.description }] : []),
  momentField('created', org.createdAt, now),
];

export const spaceFields = (space: Space): Field[] => [
  { label: 'id', value: space.id },
  { label: 'visibility', value: space.isPrivate ? 'private' : 'public' },
  ...(space.description ? [{ label: 'description', value: space.description }] : []),
];

export const userFields = (user: User): Field[] => [
  { label: 'e-mail', value: user.email },
  { label: 'id', value: user.id },
  { label: 'status', value: statusText(user.status) },
  { label: 'account role', value: roleText(user.role) },
  { label: 'developer access', value: user.isDeveloper ? 'yes' : 'no' },
];

/** The message of an expected failure of one item in a bulk command; unexpected ones throw. */
export function itemFailure(error: unknown): string {
  if (isAppError(error)) return `failed: ${error.message}`;
  throw error;
}

export const userLabel = (user: User): string => `${user.name} (${user.email})`;
