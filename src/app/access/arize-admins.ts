import type { SpaceMember } from '../../domain/arize.ts';
import type { ArizeAdminToken } from '../../domain/policy/self-service.ts';
import type { ArizeGateway, Log } from '../ports.ts';

/** The admins Arize lists for a space, per token, and who of them Slack knows. */
export interface ArizeAdmins {
  /** Per token: the Slack ids of the admins found in Slack by e-mail (the approvers). */
  slackIds: Partial<Record<ArizeAdminToken, string[]>>;
  /** Per token: the admins' e-mails as Arize lists them, sorted (part of the plan's hash). */
  emails: Partial<Record<ArizeAdminToken, string[]>>;
  /** Admins Slack has no account for: never approvers (fail closed). */
  unmapped: string[];
  /** Set when Arize could not be read: then the tokens add nobody. */
  unreadable?: string;
}

/** Who each token stands for among a space's members as GraphQL `spaceUsers` lists them. */
export const isAdminOf: Record<ArizeAdminToken, (m: SpaceMember) => boolean> = {
  // Everyone Arize lists with the admin role in the space: explicit space admins, and the org
  // and account admins it lists as implicit admins.
  'arize:space-admins': (m) => m.role.toUpperCase() === 'ADMIN',
  // The organization's admins: spaceUsers lists them as ORGANIZATION_ADMIN (account admins,
  // admins of every organization, as ACCOUNT_ADMIN); no REST route reads org roles.
  'arize:org-admins': (m) =>
    m.membership === 'ORGANIZATION_ADMIN' || m.membership === 'ACCOUNT_ADMIN',
};

/**
 * Reads the admins behind each `arize:*` token for one space (one batched `spaceUsers` read)
 * and maps them to Slack users by e-mail. Unreadable Arize or an unmapped admin adds nobody.
 */
export async function readArizeAdmins(
  deps: {
    gateway: Pick<ArizeGateway, 'listSpaceMembersMany'>;
    slackIdOf: (email: string) => Promise<string | undefined>;
    log: Log;
  },
  spaceId: string,
  tokens: readonly ArizeAdminToken[],
): Promise<ArizeAdmins> {
  const result: ArizeAdmins = { slackIds: {}, emails: {}, unmapped: [] };
  if (tokens.length === 0) return result;
  let members: SpaceMember[];
  try {
    members = (await deps.gateway.listSpaceMembersMany([spaceId])).get(spaceId) ?? [];
  } catch (error: unknown) {
    deps.log.warn('space admins not readable, failing closed', {
      spaceId,
      error: error instanceof Error ? error.message : 'unknown',
    });
    return { ...result, unreadable: 'the space admins could not be read from Arize' };
  }
  const unmapped = new Set<string>();
  for (const token of tokens) {
    const emails = [
      ...new Set(members.filter(isAdminOf[token]).map((m) => m.user.email.toLowerCase())),
    ].sort();
    const ids: string[] = [];
    for (const email of emails) {
      const id = await deps.slackIdOf(email).catch(() => undefined);
      if (id) ids.push(id);
      else unmapped.add(email);
    }
    result.emails[token] = emails;
    result.slackIds[token] = [...new Set(ids)];
  }
  return { ...result, unmapped: [...unmapped].sort() };
}
