import { z } from 'zod';
import type { RestContext } from '../http.ts';
import { ID_TYPES } from '../ids.ts';
import type { RoleAssignment } from '../model.ts';
import { badRequest, ProblemError } from '../problem.ts';
import { idNumber } from './lookup.ts';

/** Validates a JSON body; the first issue becomes the 400 detail. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw badRequest(`Invalid field '${field}': ${issue?.message ?? 'invalid value'}.`);
  }
  return result.data;
}

/** System-managed fields are rejected on create (spec: "rejected if provided"). */
export function rejectSystemFields(body: unknown): void {
  if (body && typeof body === 'object') {
    for (const field of ['id', 'created_at']) {
      if (field in body)
        throw badRequest(`The '${field}' field is system-managed and cannot be set.`);
    }
  }
}

/** Fails with 400 when no field of an update is present (`{}` is invalid). */
export function requireSomeField(body: Record<string, unknown>, fields: readonly string[]): void {
  if (!fields.some((f) => body[f] !== undefined)) {
    throw badRequest(`At least one of ${fields.map((f) => `'${f}'`).join(', ')} must be provided.`);
  }
}

export const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'must be a non-empty string');

export const roleRequest = <const R extends readonly [string, ...string[]]>(names: R) =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('PREDEFINED'), name: z.enum(names) }),
    z.object({ type: z.literal('CUSTOM'), id: z.string().min(1) }),
  ]);

type RoleInput<R extends string> = { type: 'PREDEFINED'; name: R } | { type: 'CUSTOM'; id: string };

/** Turns a wire role into a stored one; an unknown custom role id is 404. */
export function toRole<R extends string>(ctx: RestContext, role: RoleInput<R>): RoleAssignment<R> {
  if (role.type === 'PREDEFINED') return { type: 'PREDEFINED', name: role.name };
  const roleN = idNumber(role.id, ID_TYPES.role, 'role', 'role.id');
  if (!ctx.store.customRoles.has(roleN)) {
    throw new ProblemError(404, `The requested role with ID '${role.id}' was not found.`);
  }
  return { type: 'CUSTOM', roleN };
}

/** Account annotators get only ANNOTATOR roles, and only they do (400 otherwise). */
export function checkAnnotatorRule(accountRole: string, role: RoleAssignment<string>): void {
  const annotatorRole = role.type === 'PREDEFINED' && role.name === 'ANNOTATOR';
  if (accountRole === 'ANNOTATOR' && !annotatorRole) {
    throw badRequest(
      'Users with the ANNOTATOR account role can only be assigned the ANNOTATOR role.',
    );
  }
  if (accountRole !== 'ANNOTATOR' && annotatorRole) {
    throw badRequest(
      'Only users with the ANNOTATOR account role can be assigned the ANNOTATOR role.',
    );
  }
}

/** Case-insensitive substring filter value (≤255 characters); undefined when absent. */
export function searchParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (value.length > 255) throw badRequest(`'${name}' must be at most 255 characters.`);
  return value.toLowerCase();
}
