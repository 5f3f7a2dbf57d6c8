import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArizeGateway } from '../../../src/adapters/arize/arize-gateway.ts';
import { spaceUsersComplexity } from '../../../src/adapters/arize/space-member-calls.ts';
import { AppError, ErrorCodes } from '../../../src/domain/errors.ts';
import {
  DEMO_ADMIN_API_KEY,
  generateLargeSeed,
  startArizeEmulator,
} from '../../../src/local/arize-emulator/index.ts';
import { demo, type Harness, startHarness } from './emulator-harness.ts';
import { fakeTime } from './fake-time.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('space members through GraphQL', () => {
  it('lists members with REST-spelled roles and how they got access', async () => {
    const gw = h.gateway();
    const acme = (await gw.listOrganizations({ name: 'Acme ML' })).items[0];
    const production = (await gw.listSpaces({ orgId: acme?.id, name: 'production' })).items[0];
    if (!production) throw new Error('no production');
    const members = await gw.listSpaceMembers(production.id);
    const byEmail = new Map(members.items.map((m) => [m.user.email, m]));
    expect(byEmail.get(demo.emails.bob)).toMatchObject({
      role: 'ADMIN',
      membership: 'EXPLICIT_MEMBERSHIP',
    });
    expect(byEmail.get(demo.emails.dave)).toMatchObject({ role: 'READ_ONLY' });
    expect(byEmail.get(demo.emails.alice)?.membership).toMatch(/ADMIN/);
    const searched = await gw.listSpaceMembers(production.id, { search: 'carol' });
    expect(searched.items.map((m) => m.user.email)).toEqual([demo.emails.carol]);
    const firstPage = await gw.listSpaceMembers(production.id, { limit: 2 });
    expect(firstPage.items).toHaveLength(2);
    const rest = await gw.listSpaceMembers(production.id, { cursor: firstPage.nextCursor });
    expect(firstPage.items.length + rest.items.length).toBe(members.items.length);
  });

  it('reports an unknown space as not found', async () => {
    const missing = Buffer.from('Space:999999:zz').toString('base64');
    const error = await failure(h.gateway().listSpaceMembers(missing));
    expect(error.code).toBe(ErrorCodes.arizeNotFound);
  });

  it('names ARIZE_DEVELOPER_KEY when no developer key is configured', async () => {
    const gw = h.gateway({ developerKey: async () => undefined });
    const spaces = (await gw.listSpaces()).items;
    const error = await failure(gw.listSpaceMembers(spaces[0]?.id ?? ''));
    expect(error.code).toBe(ErrorCodes.arizeNotConfigured);
    expect(error.message + (error.hint ?? '')).toContain('ARIZE_DEVELOPER_KEY');
    expect(await gw.hasDeveloperKey()).toBe(false);
    const many = await failure(gw.listSpaceMembersMany(spaces.map((s) => s.id)));
    expect(many.code).toBe(ErrorCodes.arizeNotConfigured);
  });

  it('never sends the developer key anywhere but the GraphQL endpoint', async () => {
    const seen: Array<{ url: string; key: string | null; auth: string | null }> = [];
    const gw = h.gateway({
      developerKey: async () => DEMO_ADMIN_API_KEY,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push({
          url: request.url,
          key: request.headers.get('x-api-key'),
          auth: request.headers.get('authorization'),
        });
        return fetch(request);
      },
    });
    const spaces = (await gw.listSpaces()).items;
    await gw.listSpaceMembers(spaces[0]?.id ?? '');
    expect(
      seen.filter((r) => r.key !== null).every((r) => r.url === `${h.emulator.url}/graphql`),
    ).toBe(true);
    expect(seen.filter((r) => r.url.endsWith('/graphql')).every((r) => r.auth === null)).toBe(true);
  });
});

describe('listSpaceMembersMany', () => {
  it('batches many spaces into aliased queries within the complexity limit', {
    timeout: 60_000,
  }, async () => {
    const emulator = await startArizeEmulator({
      port: 0,
      seed: generateLargeSeed({
        users: 80,
        spaces: 40,
        memberships: 40 * 24 + 3,
        spacesPerOrg: 20,
      }),
    });
    try {
      let graphqlCalls = 0;
      const gw = createArizeGateway({
        baseUrl: emulator.url,
        appUrl: emulator.url,
        apiKey: async () => DEMO_ADMIN_API_KEY,
        developerKey: async () => DEMO_ADMIN_API_KEY,
        maxRps: 500,
        fetch: async (input, init) => {
          if (new Request(input, init).url.endsWith('/graphql')) graphqlCalls += 1;
          return fetch(input, init);
        },
      });
      const spaceIds: string[] = [];
      for await (const s of gw.iterateSpaces({})) spaceIds.push(s.id);
      expect(spaceIds).toHaveLength(40);
      const many = await gw.listSpaceMembersMany(spaceIds);
      // Every member read once, in packed queries: at most one more than the complexity floor
      // (Σ per space 3 + 4 × members ÷ 1,000); 3 spaces have 25 explicit members plus the bot
      // (an account admin), 26 in all.
      const floor = Math.ceil(
        [...many.values()].reduce((sum, m) => sum + spaceUsersComplexity(m.length), 0) / 1000,
      );
      expect(graphqlCalls).toBeLessThanOrEqual(floor + 1);
      expect(many.get(spaceIds[0] ?? '')).toHaveLength(26);
      expect(new Set(many.get(spaceIds[0] ?? '')?.map((m) => m.user.id)).size).toBe(26);
      for (const id of spaceIds.slice(0, 5)) {
        const one: string[] = [];
        for await (const m of gw.iterateSpaceMembers(id)) one.push(m.user.id);
        expect(
          many
            .get(id)
            ?.map((m) => m.user.id)
            .sort(),
        ).toEqual(one.sort());
      }
      expect([...many.keys()]).toEqual(spaceIds);
    } finally {
      await emulator.close();
    }
  });

  it('keeps each batch at or under a complexity of 1,000', () => {
    const perQuery = Math.floor(1000 / spaceUsersComplexity(25));
    expect(perQuery * spaceUsersComplexity(25)).toBeLessThanOrEqual(1000);
    expect(perQuery).toBeGreaterThan(1);
  });
});

describe('GraphQL pacing', () => {
  it('holds to graphqlMaxPerMinute in every one-minute window', async () => {
    const time = fakeTime();
    const sentAt: number[] = [];
    const gw = createArizeGateway({
      baseUrl: 'http://rest.invalid',
      appUrl: 'http://app.invalid',
      apiKey: async () => 'k',
      developerKey: async () => 'dev-key',
      graphqlMaxPerMinute: 10,
      now: time.now,
      sleep: time.sleep,
      fetch: async () => {
        sentAt.push(time.now());
        return new Response(
          JSON.stringify({
            data: {
              node: { id: 'x', spaceUsers: { pageInfo: { hasNextPage: false }, edges: [] } },
            },
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      },
    });
    const spaceId = Buffer.from('Space:1').toString('base64');
    for (let i = 0; i < 25; i++) await gw.listSpaceMembers(spaceId);
    expect(sentAt).toHaveLength(25);
    for (const start of sentAt) {
      expect(sentAt.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(10);
    }
  });

  it('retries a rate limit reported in the GraphQL body', async () => {
    const time = fakeTime();
    let calls = 0;
    const gw = createArizeGateway({
      baseUrl: 'http://rest.invalid',
      appUrl: 'http://app.invalid',
      apiKey: async () => 'k',
      developerKey: async () => 'dev-key',
      now: time.now,
      sleep: time.sleep,
      fetch: async () => {
        calls += 1;
        const body =
          calls === 1
            ? {
                errors: [
                  {
                    message: 'TOO_MANY_REQUESTS: slow down',
                    extensions: { code: 'TOO_MANY_REQUESTS' },
                  },
                ],
              }
            : {
                data: {
                  node: { id: 'x', spaceUsers: { pageInfo: { hasNextPage: false }, edges: [] } },
                },
              };
        return new Response(JSON.stringify(body), { status: 200 });
      },
    });
    const page = await gw.listSpaceMembers(Buffer.from('Space:1').toString('base64'));
    expect(page.items).toEqual([]);
    expect(calls).toBe(2);
  });
});
