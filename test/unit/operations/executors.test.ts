import { describe, expect, it } from 'vitest';
import { AppError, ErrorCodes } from '../../../src/domain/errors.ts';
import type { Reply } from '../../../src/domain/reply.ts';
import {
  fakeGateway,
  fakeResolver,
  makeContext,
  makeKey,
  makeOrg,
  makeSpace,
  makeUser,
  run,
} from './executor-fakes.ts';

const fields = (reply: Reply) =>
  reply.kind === 'detail' ? Object.fromEntries(reply.fields.map((f) => [f.label, f.value])) : {};

const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('pages', () => {
  it.each([
    ['org list --name a', 'listOrganizations', 'org list --name a --cursor c2'],
    ['user list --status active', 'listUsers', 'user list --status active --cursor c2'],
    ['key list --space prod', 'listApiKeys', 'key list --space prod --cursor c2'],
    ['space members prod', 'listSpaceMembers', 'space members prod --cursor c2'],
  ])('%s offers the next page', async (text, method, next) => {
    const page = async () => ({ items: [], nextCursor: 'c2' });
    const reply = await run(text, makeContext({ gateway: fakeGateway({ [method]: page }) }));
    expect(reply.kind === 'list' && reply.more?.command).toBe(next);
  });

  it('user find says when it stopped early and how many it hides', async () => {
    const users = Array.from({ length: 100 }, (_, i) =>
      makeUser({ id: `u${i}`, name: `Ann ${i}` }),
    );
    const gateway = fakeGateway({ listUsers: async () => ({ items: users, nextCursor: 'more' }) });
    const reply = await run('user find ann', makeContext({ gateway }));
    if (reply.kind !== 'list') throw new Error(reply.kind);
    expect(reply.items).toHaveLength(25);
    expect(reply.context).toBe(
      '5000 matches; the first 25 are shown; searched the first 5000 users only',
    );
  });
});

describe('list items', () => {
  it.each([
    ['org list', 'listOrganizations', () => makeOrg({ id: 'T3JnOjE=', description: 'ML' })],
    ['user list', 'listUsers', () => makeUser({ id: 'VXNlcjox=' })],
    ['key list --space prod', 'listApiKeys', () => makeKey({ id: 'QXBpS2V5OjE=' })],
  ])('%s keeps the id under its item, not among its fields', async (text, method, item) => {
    const page = async () => ({ items: [item()] });
    const reply = await run(text, makeContext({ gateway: fakeGateway({ [method]: page }) }));
    if (reply.kind !== 'list') throw new Error(reply.kind);
    const [only] = reply.items;
    expect(only?.id).toMatch(/=$/);
    expect(only?.fields?.map((f) => f.label)).not.toContain('id');
  });
});

describe('space list across organizations', () => {
  const acme = makeOrg({ id: 'A', name: 'Acme ML' });
  const lab = makeOrg({ id: 'B', name: 'Research Lab' });
  const spaces = {
    A: [1, 2, 3].map((n) => makeSpace({ id: `a${n}`, name: n === 1 ? 'production' : `a-${n}` })),
    B: [makeSpace({ id: 'b1', name: 'production' })],
  };
  /** Arize pages each organization's spaces `limit` at a time, its cursor the next index. */
  const gateway = () =>
    fakeGateway({
      listOrganizations: async () => ({ items: [acme, lab] }),
      listSpaces: async (q) => {
        const all = spaces[q?.orgId as 'A' | 'B'];
        const from = Number(q?.cursor ?? 0);
        const to = from + (q?.limit ?? 100);
        return {
          items: all.slice(from, to),
          ...(to < all.length ? { nextCursor: String(to) } : {}),
        };
      },
    });
  const list = async (text: string) => {
    const reply = await run(text, makeContext({ gateway: gateway() }));
    if (reply.kind !== 'list') throw new Error(reply.kind);
    return reply;
  };

  it('lists each organization in turn, every space labelled with its organization and link', async () => {
    const reply = await list('space list');
    expect(reply.items.map((i) => [i.group, i.title])).toEqual([
      ['Acme ML', 'production'],
      ['Acme ML', 'a-2'],
      ['Acme ML', 'a-3'],
      ['Research Lab', 'production'],
    ]);
    expect(reply.items[3]?.url).toContain('/organizations/B/spaces/b1');
    expect(reply.more).toBeUndefined();
  });

  it('pages across organizations: More continues inside one, then in the next', async () => {
    const base = spaces.A.slice();
    spaces.A.push(
      ...Array.from({ length: 20 }, (_, i) => makeSpace({ id: `x${i}`, name: `x-${i}` })),
    );
    try {
      const first = await list('space list');
      expect(first.items).toHaveLength(20);
      expect(first.items.every((i) => i.group === 'Acme ML')).toBe(true);
      const second = await list(first.more?.command ?? 'no more');
      expect(second.items.map((i) => i.title)).toEqual(['x-17', 'x-18', 'x-19', 'production']);
      expect(second.items.at(-1)?.group).toBe('Research Lab');
      expect(second.more).toBeUndefined();
    } finally {
      spaces.A.splice(0, spaces.A.length, ...base);
    }
  });

  it('starts the next page at the next organization when one ends a full page', async () => {
    const base = spaces.A.slice();
    spaces.A.push(
      ...Array.from({ length: 17 }, (_, i) => makeSpace({ id: `y${i}`, name: `y-${i}` })),
    );
    try {
      const first = await list('space list');
      expect(first.items).toHaveLength(20);
      const second = await list(first.more?.command ?? 'no more');
      expect(second.items.map((i) => [i.group, i.title])).toEqual([['Research Lab', 'production']]);
    } finally {
      spaces.A.splice(0, spaces.A.length, ...base);
    }
  });

  it('refuses a page cursor it did not make, or of an organization that is gone', async () => {
    const gone = Buffer.from(JSON.stringify(['Z'])).toString('base64url');
    for (const cursor of ['not-ours', gone]) {
      const error = await rejection(
        run(`space list --cursor ${cursor}`, makeContext({ gateway: gateway() })),
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toContain('This page of spaces is out of date');
    }
  });
});

describe("finding a space's organization", () => {
  const orgA = makeOrg({ id: 'A', name: 'A' });
  const orgB = makeOrg({ id: 'B', name: 'B' });
  const space = makeSpace({ id: 'S', name: 'lab' });
  const resolver = fakeResolver({ space: async () => space });

  it('searches the organizations page by page', async () => {
    const gateway = fakeGateway({
      listOrganizations: async (q) =>
        q?.cursor ? { items: [orgB] } : { items: [orgA], nextCursor: 'p2' },
      listSpaces: async (q) => ({ items: q?.orgId === 'B' ? [space] : [] }),
    });
    const reply = await run('url space lab', makeContext({ gateway, resolver }));
    expect(reply.kind === 'detail' && reply.url).toBe('https://app.test/organizations/B/spaces/S');
  });

  it('uses the context org when the space is the context space', async () => {
    const ctx = makeContext({ resolver, context: { orgId: 'C', spaceId: 'S' } });
    const reply = await run('url space', ctx);
    expect(reply.kind === 'detail' && reply.url).toBe('https://app.test/organizations/C/spaces/S');
  });

  it('says so when no organization holds it', async () => {
    const gateway = fakeGateway({
      listOrganizations: async () => ({ items: [orgA] }),
      listSpaces: async () => ({ items: [] }),
    });
    const error = await rejection(run('space get lab', makeContext({ gateway, resolver })));
    expect(error).toMatchObject({
      code: ErrorCodes.arizeNotFound,
      message: 'Could not find which organization space "lab" belongs to.',
      hint: 'Name the organization with --org ORG.',
    });
  });
});

describe('keys', () => {
  const listKeys = (...keys: ReturnType<typeof makeKey>[]) =>
    fakeGateway({ listApiKeys: async () => ({ items: keys }) });

  it('refuses a refresh that would outlive the old key, before calling Arize', async () => {
    const gateway = listKeys(makeKey({ expiresAt: '2026-01-10T00:00:00.000Z' }));
    const error = await rejection(
      run('key refresh ci --space prod --expires 30d', makeContext({ gateway })),
    );
    expect(error).toMatchObject({
      code: ErrorCodes.usage,
      message:
        'A refreshed key cannot outlive the old one, which expires 2026-01-10T00:00:00.000Z.',
    });
  });

  it('keeps the old expiry when refreshing a known key', async () => {
    const seen: unknown[] = [];
    const gateway = fakeGateway({
      listApiKeys: async () => ({ items: [makeKey({ expiresAt: '2026-06-01T00:00:00.000Z' })] }),
      refreshApiKey: async (id, input) => {
        seen.push([id, input]);
        return { ...makeKey(), key: 'ak-new' };
      },
    });
    await run('key refresh ci --space prod', makeContext({ gateway }));
    expect(seen).toEqual([
      ['QXBpS2V5OjE=', { expiresAt: '2026-06-01T00:00:00.000Z', gracePeriodSeconds: undefined }],
    ]);
  });

  it('passes other refresh failures through unchanged', async () => {
    const failure = new AppError(ErrorCodes.arizeInvalid, 'nope');
    const gateway = fakeGateway({
      listApiKeys: async () => ({ items: [makeKey()] }),
      refreshApiKey: async () => Promise.reject(failure),
    });
    expect(await rejection(run('key refresh ci --space prod', makeContext({ gateway })))).toBe(
      failure,
    );
  });

  it.each([
    [
      'two keys share the name',
      [makeKey({ id: 'a' }), makeKey({ id: 'b' })],
      ErrorCodes.arizeAmbiguous,
    ],
    ['no key has it', [makeKey({ name: 'other' })], ErrorCodes.arizeNotFound],
  ])('refuses a revoke when %s', async (_case, keys, code) => {
    const error = await rejection(
      run('key revoke ci --space prod', makeContext({ gateway: listKeys(...keys) })),
    );
    expect(error).toMatchObject({ code });
  });
});

describe('bulk results', () => {
  it('reports a missing outcome and hints at org membership on an invalid pair', async () => {
    const gateway = fakeGateway({
      upsertSpaceMemberships: async (pairs) => [
        {
          ...(pairs[0] as { userId: string; spaceId: string }),
          ok: false,
          code: ErrorCodes.arizeInvalid,
          message: 'not in org',
        },
      ],
    });
    const resolver = fakeResolver({
      user: async (ref) =>
        makeUser({
          id: ref.kind === 'email' ? ref.email : 'x',
          email: ref.kind === 'email' ? ref.email : 'x',
        }),
    });
    const reply = await run(
      'space add-user a@x.io,b@x.io --space prod --role member',
      makeContext({ gateway, resolver }),
    );
    if (reply.kind !== 'list') throw new Error(reply.kind);
    expect(reply.items.map((i) => i.fields?.[0]?.value)).toEqual([
      'failed: not in org (if they are not in the organization of prod yet, run org add-user first)',
      'failed: no outcome reported',
    ]);
    expect(reply.context).toBe('0 done, 2 failed.');
  });

  it('lets an unexpected failure of one item stop the command', async () => {
    const gateway = fakeGateway({
      addOrganizationUser: async () => Promise.reject(new TypeError('bug')),
    });
    const error = await rejection(
      run('org add-user Acme a@x.io --role member', makeContext({ gateway })),
    );
    expect(error).toBeInstanceOf(TypeError);
  });
});

describe('replies', () => {
  it('shows a cleared description and a visibility change', async () => {
    const gateway = fakeGateway({
      updateSpace: async () => makeSpace({ isPrivate: true, description: '' }),
    });
    const reply = await run(
      'space update --description "" --private true',
      makeContext({ gateway, context: { spaceId: 'U3BhY2U6MQ==' } }),
    );
    expect(fields(reply)).toMatchObject({
      description: '(cleared)',
      visibility: 'public → private',
    });
    expect(reply.kind === 'detail' && reply.context).toBe('Space (from your context)');
  });

  it('names how a member got access, and passes unknown ways through', async () => {
    const member = (membership: string) => ({
      user: { id: 'u', name: 'N', email: 'n@x.io' },
      role: 'readOnly',
      membership,
    });
    const gateway = fakeGateway({
      listSpaceMembers: async () => ({
        items: [member('ORGANIZATION_ADMIN'), member('SOMETHING_NEW')],
      }),
    });
    const reply = await run('space members prod', makeContext({ gateway }));
    if (reply.kind !== 'list') throw new Error(reply.kind);
    expect(reply.items.map((i) => i.fields)).toEqual([
      [
        { label: 'role', value: 'read-only' },
        { label: 'access through', value: 'organization admin role' },
      ],
      [
        { label: 'role', value: 'read-only' },
        { label: 'access through', value: 'SOMETHING_NEW' },
      ],
    ]);
  });

  it('says the context was not saved where there is no store', async () => {
    const gateway = fakeGateway({ createOrganization: async () => makeOrg({ name: 'New' }) });
    const reply = await run('org create New', makeContext({ gateway }));
    expect(fields(reply)['your context']).toBe('not saved (no context store here)');
  });

  it('refuses use --org where there is no store', async () => {
    const error = await rejection(run('use --org Acme', makeContext()));
    expect(error).toMatchObject({
      code: ErrorCodes.internal,
      message: 'Your context cannot be saved here.',
    });
  });

  it('shows the permissions the policy hook reports', async () => {
    const reply = await run(
      'whoami',
      makeContext({
        describePermissions: async () => [{ label: 'may ask for', value: 'read, write' }],
      }),
    );
    expect(fields(reply)['may ask for']).toBe('read, write');
    expect(fields(reply).permissions).toBeUndefined();
  });

  it('lets whoami fail on an unexpected lookup error', async () => {
    const failure = new AppError(ErrorCodes.arizeUnavailable, 'down');
    const ctx = makeContext({
      slackEmailOf: async () => 'ann@x.io',
      resolver: fakeResolver({ user: async () => Promise.reject(failure) }),
    });
    expect(await rejection(run('whoami', ctx))).toBe(failure);
  });

  it('reports a user already in another state as custom roles by id', async () => {
    const ctx = makeContext({
      resolver: fakeResolver({ user: async () => makeUser({ role: { custom: 'R1' } }) }),
    });
    expect(fields(await run('user get ann@x.io', ctx))['account role']).toBe('custom role R1');
  });
});
