import type { Organization, Space } from '../../domain/arize.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import type { ArizeGateway } from '../ports.ts';
import { listAll } from './paging.ts';

/** One page of `space list` across organizations: each space with the organization it is in. */
export interface SpacesAcrossOrganizations {
  spaces: { space: Space; org: Organization }[];
  /** The cursor of the next page (an organization id and Arize's cursor in it), if any. */
  nextCursor?: string;
}

/**
 * Lists spaces organization by organization, so every space is known to be in its organization
 * (Arize's Space carries no organization id) and two spaces of one name are told apart. A page
 * holds up to `limit` spaces and may span organizations; its cursor says where the next starts.
 */
export async function spacesAcrossOrganizations(
  gateway: ArizeGateway,
  query: { name?: string; cursor?: string; limit: number },
): Promise<SpacesAcrossOrganizations> {
  const { items: orgs } = await listAll((cursor) =>
    gateway.listOrganizations({ cursor, limit: 100 }),
  );
  const from = query.cursor === undefined ? { orgIndex: 0 } : startOf(query.cursor, orgs);
  const spaces: SpacesAcrossOrganizations['spaces'] = [];
  let cursor = from.cursor;
  for (let i = from.orgIndex; i < orgs.length; i += 1) {
    const org = orgs[i] as Organization;
    if (spaces.length === query.limit) return { spaces, nextCursor: encodeCursor(org.id) };
    const page = await gateway.listSpaces({
      orgId: org.id,
      name: query.name,
      cursor,
      limit: query.limit - spaces.length,
    });
    spaces.push(...page.items.map((space) => ({ space, org })));
    if (page.nextCursor) return { spaces, nextCursor: encodeCursor(org.id, page.nextCursor) };
    cursor = undefined;
  }
  return { spaces };
}

const encodeCursor = (orgId: string, cursor?: string): string =>
  Buffer.from(JSON.stringify(cursor ? [orgId, cursor] : [orgId])).toString('base64url');

function startOf(encoded: string, orgs: Organization[]): { orgIndex: number; cursor?: string } {
  const outOfDate = new AppError(
    ErrorCodes.usage,
    'This page of spaces is out of date (its organization is gone or the list changed).',
    { hint: 'Run `space list` again for the first page.' },
  );
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw outOfDate;
  }
  if (!Array.isArray(decoded) || typeof decoded[0] !== 'string') throw outOfDate;
  const orgIndex = orgs.findIndex((org) => org.id === decoded[0]);
  if (orgIndex < 0) throw outOfDate;
  return typeof decoded[1] === 'string' ? { orgIndex, cursor: decoded[1] } : { orgIndex };
}
