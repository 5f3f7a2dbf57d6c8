import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  listSpaces,
  listUsers,
  updateOrganization,
} from '@arizeai/ax-client';
import { expect, it } from 'vitest';
import { type ConformanceTarget, raw, statusOf } from '../support/target.ts';

type Lister = (
  cursor: string | undefined,
  limit: number,
) => Promise<{ ids: string[]; next?: string; hasMore: boolean }>;

async function walk(list: Lister, limit: number, maxPages: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await list(cursor, limit);
    ids.push(...result.ids);
    if (!result.hasMore) return ids;
    cursor = result.next;
  }
  throw new Error(`more than ${maxPages} pages`);
}

const UNKNOWN_SPACE_ID = Buffer.from('Space:987654321:zz').toString('base64');

/**
 * Behaviour both a real account and the emulator must show. Reads only, plus one throwaway
 * organization that is created and deleted. `target()` is called inside each test.
 */
export function defineSharedConformance(target: () => ConformanceTarget): void {
  const listers: Record<string, (t: ConformanceTarget) => Lister> = {
    organizations: (t) => async (cursor, limit) => {
      const r = await listOrganizations({ client: t.client, limit, ...(cursor ? { cursor } : {}) });
      return {
        ids: r.data.map((o) => o.id),
        next: r.pagination.nextCursor,
        hasMore: r.pagination.hasMore,
      };
    },
    spaces: (t) => async (cursor, limit) => {
      const r = await listSpaces({ client: t.client, limit, ...(cursor ? { cursor } : {}) });
      return {
        ids: r.data.map((s) => s.id),
        next: r.pagination.nextCursor,
        hasMore: r.pagination.hasMore,
      };
    },
    users: (t) => async (cursor, limit) => {
      const r = await listUsers({ client: t.client, limit, ...(cursor ? { cursor } : {}) });
      return {
        ids: r.data.map((u) => u.id),
        next: r.pagination.nextCursor,
        hasMore: r.pagination.hasMore,
      };
    },
  };

  it.each(Object.keys(listers))(
    'walks %s with limit=1 to the same set as one page of 100',
    async (name) => {
      const t = target();
      const list = (listers[name] as (t: ConformanceTarget) => Lister)(t);
      const all = await list(undefined, 100);
      if (all.hasMore) return; // too large to compare in one page (live accounts)
      const walked = await walk(list, 1, 101);
      expect(walked).toEqual(all.ids);
      expect(new Set(walked).size).toBe(walked.length);
    },
  );

  it('omits next_cursor on the last page and sends it with has_more', async () => {
    const t = target();
    const single = await raw(t, 'GET', '/v2/organizations?limit=1');
    expect(single.status).toBe(200);
    if (single.body.pagination.has_more) {
      expect(typeof single.body.pagination.next_cursor).toBe('string');
    }
    const full = await raw(t, 'GET', '/v2/organizations?limit=100');
    if (!full.body.pagination.has_more) expect(full.body.pagination).toEqual({ has_more: false });
  });

  it('filters organization names by case-insensitive substring', async () => {
    const t = target();
    const first = (await listOrganizations({ client: t.client, limit: 1 })).data[0];
    if (!first) return;
    const fragment = first.name.slice(0, Math.min(4, first.name.length)).toUpperCase();
    const found = await listOrganizations({ client: t.client, name: fragment, limit: 100 });
    expect(found.data.map((o) => o.id)).toContain(first.id);
    expect(found.data.every((o) => o.name.toLowerCase().includes(fragment.toLowerCase()))).toBe(
      true,
    );
  });

  it.each([0, 101, 'abc'])('answers 400 for limit=%s', async (limit) => {
    const response = await raw(target(), 'GET', `/v2/spaces?limit=${limit}`);
    expect(response.status).toBe(400);
    expect(response.body.status).toBe(400);
  });

  it('answers 400 problem+json for a malformed id and 404 for an unknown one', async () => {
    const t = target();
    const malformed = await raw(t, 'GET', '/v2/spaces/not-an-id!');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(malformed.body).toMatchObject({ status: 400, title: expect.any(String) });
    const unknown = await raw(t, 'GET', `/v2/spaces/${UNKNOWN_SPACE_ID}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.status).toBe(404);
  });

  it('answers 401 with a problem body for a wrong key and for none', async () => {
    const t = target();
    for (const key of ['ak-wrong-key-for-conformance', null]) {
      const response = await raw(t, 'GET', '/v2/organizations', { key });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.status).toBe(401);
    }
  });

  it('creates, conflicts on, updates and deletes a throwaway organization', async () => {
    const t = target();
    const name = `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const org = await createOrganization({ client: t.client, name, description: 'throwaway' });
    try {
      expect(org.name).toBe(name);
      expect(org.description).toBe('throwaway');
      expect(Buffer.from(org.id, 'base64').toString('utf8')).toContain(':');
      expect(await statusOf(createOrganization({ client: t.client, name }))).toBe(409);
      const updated = await updateOrganization({
        client: t.client,
        organization: org.id,
        description: 'renamed',
      });
      expect(updated.description).toBe('renamed');
      expect((await getOrganization({ client: t.client, organization: org.id })).name).toBe(name);
    } finally {
      await deleteOrganization({ client: t.client, organization: org.id });
    }
    expect(await statusOf(getOrganization({ client: t.client, organization: org.id }))).toBe(404);
  });
}
