import * as z from 'zod';
import { type SpaceRole, SpaceRoles } from '../arize.ts';
import { err, ok, type Result } from '../result.ts';

const roleSchema = z
  .string()
  .transform((text) => text.trim().toUpperCase().replaceAll('-', '_'))
  .pipe(z.enum(SpaceRoles, { error: 'a space role: admin, member, read-only or annotator' }));

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'an e-mail address' }));

/**
 * Access as code, one file per organization (JSON):
 *
 * ```json
 * { "version": 1, "organization": "Acme ML",
 *   "spaces": { "production": { "alice@example.com": "admin", "bob@example.com": "read-only" } } }
 * ```
 *
 * `organization` is the organization's name or id; `spaces` maps each managed space (by name) to
 * its explicit members by e-mail and their role (admin, member, read-only, annotator). A space
 * not listed is not managed; a listed space with `{}` has no explicit members. Implicit admins
 * (account and organization admins) are never compared.
 */
export const desiredAccessSchema = z
  .object({
    version: z.literal(1, { error: 'version 1 (the only schema so far)' }),
    organization: z.string().trim().min(1, { error: 'the organization name or id' }),
    spaces: z.record(
      z.string().trim().min(1, { error: 'a space name' }),
      z.record(z.string(), roleSchema),
    ),
  })
  .strict()
  .transform((file, ctx) => {
    const spaces: Record<string, Record<string, SpaceRole>> = {};
    for (const [space, members] of Object.entries(file.spaces)) {
      const byEmail: Record<string, SpaceRole> = {};
      for (const [email, role] of Object.entries(members)) {
        const parsed = emailSchema.safeParse(email);
        if (!parsed.success) {
          ctx.addIssue({
            code: 'custom',
            message: 'an e-mail address',
            path: ['spaces', space, email],
          });
          continue;
        }
        if (byEmail[parsed.data] !== undefined) {
          ctx.addIssue({ code: 'custom', message: 'listed twice', path: ['spaces', space, email] });
        }
        byEmail[parsed.data] = role;
      }
      spaces[space] = byEmail;
    }
    return { organization: file.organization, spaces };
  });
export type DesiredAccess = z.output<typeof desiredAccessSchema>;

/** The file's problems, one line each with where they are (`spaces.production.bob: …`). */
export function parseDesiredAccess(value: unknown): Result<DesiredAccess, string> {
  const parsed = desiredAccessSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
      .join('\n'),
  );
}

/** A desired-access file's text: not JSON, or the file's problems (see `parseDesiredAccess`). */
export function parseDesiredAccessText(text: string): Result<DesiredAccess, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    return err(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseDesiredAccess(json);
  return parsed.ok ? parsed : err(`not a desired-access file:\n${parsed.error}`);
}
