import { listAuditLogs } from '@arizeai/ax-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER_KEYS } from '../../src/local/arize-emulator/index.ts';
import { type DemoIds, demoIds } from './support/demo.ts';
import {
  ASSIGN_SPACE_MEMBERSHIP,
  aliasedSpaceUsers,
  GET_SPACE_BY_NAME,
  GET_SPACE_USERS,
  GET_USER,
  gql,
  REMOVE_SPACE_MEMBER,
} from './support/graphql.ts';
import { type EmulatorTarget, startEmulatorTarget } from './support/target.ts';

let t: EmulatorTarget;
let ids: DemoIds;
const q = (query: string, variables: Record<string, unknown> = {}, key: string | null = t.apiKey) =>
  gql(t.baseUrl, key, query, variables);
const spaceUsersVars = (spaceId: string, extra: Record<string, unknown> = {}) => ({
  spaceId,
  first: 50,
  endCursor: null,
  search: null,
  userType: null,
  ...extra,
});

beforeAll(async () => {
  t = await startEmulatorTarget();
  ids = await demoIds(t.client);
});
afterAll(() => t.close());
beforeEach(() => t.emulator.reset());

describe('GraphQL spaceUsers', () => {
  it('lists explicit members with roles and implicit admins, as getSpaceUsers reads them', async () => {
    const response = await q(GET_SPACE_USERS, spaceUsersVars(ids.space('Acme ML', 'staging')));
    expect(response.status).toBe(200);
    const conn = response.body.data.node.spaceUsers;
    const rows = conn.edges.map(
      (e: { node: { role: string; membership: string; user: { email: string } } }) => [
        e.node.user.email,
        e.node.role,
        e.node.membership,
      ],
    );
    expect(rows).toEqual([
      ['arize-ops-bot@example.com', 'admin', 'ACCOUNT_ADMIN'],
      ['alice@example.com', 'admin', 'ACCOUNT_ADMIN'],
      ['bob@example.com', 'member', 'EXPLICIT_MEMBERSHIP'],
      ['carol@example.com', 'admin', 'EXPLICIT_MEMBERSHIP'],
      ['erin@example.com', 'annotator', 'EXPLICIT_MEMBERSHIP'],
    ]);
    expect(conn.totalCount).toBe(5);
    expect(conn.pageInfo.hasNextPage).toBe(false);
  });

  it('reports readOnly, custom roles and service bots', async () => {
    const production = await q(
      GET_SPACE_USERS,
      spaceUsersVars(ids.space('Acme ML', 'production'), { userType: 'bot' }),
    );
    expect(
      production.body.data.node.spaceUsers.edges.map(
        (e: { node: { role: string } }) => e.node.role,
      ),
    ).toEqual(['member', 'readOnly']);
    const fraud = await q(
      GET_SPACE_USERS,
      spaceUsersVars(ids.space('Acme ML', 'fraud-detection'), { search: 'carol' }),
    );
    expect(fraud.body.data.node.spaceUsers.edges[0].node).toMatchObject({
      role: null,
      customRole: { name: 'Dataset Curator' },
    });
  });

  it('pages with first and endCursor to the same members as one page', async () => {
    const spaceId = ids.space('Acme ML', 'production');
    const all = (await q(GET_SPACE_USERS, spaceUsersVars(spaceId))).body.data.node.spaceUsers;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response = await q(
        GET_SPACE_USERS,
        spaceUsersVars(spaceId, { first: 2, endCursor: cursor }),
      );
      const conn: {
        edges: Array<{ node: { user: { id: string } } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      } = response.body.data.node.spaceUsers;
      seen.push(...conn.edges.map((e) => e.node.user.id));
      if (!conn.pageInfo.hasNextPage) break;
      cursor = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e: { node: { user: { id: string } } }) => e.node.user.id));
    expect(seen.length).toBe(all.totalCount);
  });

  it('reads several spaces in one query through aliases', async () => {
    const spaces = [
      ids.space('Acme ML', 'production'),
      ids.space('Acme ML', 'staging'),
      ids.space('Research Lab', 'experiments'),
      ids.space('Research Lab', 'production'),
    ];
    const response = await q(aliasedSpaceUsers(spaces, 50));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(Object.keys(response.body.data)).toEqual(['s0', 's1', 's2', 's3']);
    expect(response.body.data.s3.id).toBe(spaces[3]);
    expect(response.body.data.s1.spaceUsers.totalCount).toBe(5);
  });

  it('returns null for a private space the caller cannot see', async () => {
    const response = await q(
      GET_SPACE_USERS,
      spaceUsersVars(ids.space('Acme ML', 'fraud-detection')),
      DEMO_USER_KEYS.dave,
    );
    expect(response.body.data.node).toBeNull();
  });

  it('finds a space of an organization by name (getSpaceByName)', async () => {
    const response = await q(GET_SPACE_BY_NAME, {
      organization_id: ids.org('Research Lab'),
      spaceName: 'prod',
    });
    expect(
      response.body.data.node.spaces.edges.map((e: { node: { id: string } }) => e.node.id),
    ).toEqual([ids.space('Research Lab', 'production')]);
  });
});

describe('GraphQL account users', () => {
  it('searches users by name or email (getUser)', async () => {
    const response = await q(GET_USER, { search: 'Bob' });
    expect(response.body.data.account.users.edges).toEqual([
      {
        node: {
          id: ids.user('bob@example.com'),
          name: 'Bob Approver',
          email: 'bob@example.com',
          status: 'active',
          accountRole: 'member',
          userType: 'human',
          createdAt: '2024-01-04T09:00:00.000Z',
        },
      },
    ]);
    const many = await q(GET_USER, { search: 'EXAMPLE.COM' });
    expect(many.body.data.account.users.edges).toHaveLength(9);
  });
});

describe('GraphQL mutations', () => {
  it('assigns and removes space memberships as the toolkit sends them, logging each change', async () => {
    const staging = ids.space('Acme ML', 'staging');
    const dave = ids.user('dave@example.com');
    const assigned = await q(ASSIGN_SPACE_MEMBERSHIP, {
      input: { spaceMemberships: [{ userId: dave, spaceId: staging, role: 'readOnly' }] },
    });
    expect(assigned.body.data.assignSpaceMembership.spaceMemberships[0]).toMatchObject({
      role: 'readOnly',
      user: { email: 'dave@example.com' },
    });
    const removed = await q(REMOVE_SPACE_MEMBER, { input: { spaceId: staging, userId: dave } });
    expect(removed.body.data.removeSpaceMember.space).toEqual({ id: staging, name: 'staging' });
    const again = await q(REMOVE_SPACE_MEMBER, { input: { spaceId: staging, userId: dave } });
    expect(again.status).toBe(200);
    expect(again.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(t.emulator.mutations().map((m) => [m.method, m.path, m.operation])).toEqual([
      ['POST', '/graphql', 'assignSpaceMembership'],
      ['POST', '/graphql', 'removeSpaceMember'],
    ]);
    const audit = await listAuditLogs({ client: t.client });
    expect(audit.data.map((l) => l.operationName)).toEqual([
      'removeSpaceMember',
      'assignSpaceMembership',
    ]);
    expect(audit.data[1]?.operationText).toContain('mutation assignSpaceMembership');
    expect(JSON.parse(audit.data[1]?.variables ?? '{}').input.spaceMemberships[0].role).toBe(
      'readOnly',
    );
  });

  it('refuses a membership outside the org with a GraphQL error', async () => {
    const response = await q(ASSIGN_SPACE_MEMBERSHIP, {
      input: {
        spaceMemberships: [
          {
            userId: ids.user('heidi@example.com'),
            spaceId: ids.space('Acme ML', 'staging'),
            role: 'member',
          },
        ],
      },
    });
    expect(response.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      status: 400,
    });
    expect(t.emulator.mutations()).toEqual([]);
  });
});

describe('GraphQL errors and limits', () => {
  it('answers 401 without a key and 403 for a non-developer', async () => {
    const none = await q(GET_USER, { search: 'a' }, null);
    expect(none.status).toBe(401);
    expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await q(GET_USER, { search: 'a' }, DEMO_USER_KEYS.erin)).status).toBe(403);
  });

  it('answers validation errors with 200 and a code', async () => {
    const response = await q('query { account { nope } }');
    expect(response.status).toBe(200);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query above complexity 1000 with the computed value', async () => {
    const five = ['production', 'staging', 'fraud-detection'].map((s) => ids.space('Acme ML', s));
    five.push(ids.space('Research Lab', 'experiments'), ids.space('Research Lab', 'production'));
    const response = await q(aliasedSpaceUsers(five, 50));
    expect(response.status).toBe(200);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors[0].extensions).toEqual({
      code: 'QUERY_COMPLEXITY_EXCEEDED',
      complexity: 1015,
      maxComplexity: 1000,
    });
  });

  it('allows 100 queries a minute, then answers 429 TOO_MANY_REQUESTS with Retry-After', async () => {
    const frozen = await startEmulatorTarget({ now: () => new Date('2026-01-01T00:00:00Z') });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 100 }, () =>
          gql(frozen.baseUrl, frozen.apiKey, GET_USER, { search: 'x' }).then((r) => r.status),
        ),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      const limited = await gql(frozen.baseUrl, frozen.apiKey, GET_USER, { search: 'x' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.body.errors[0].message).toMatch(/^TOO_MANY_REQUESTS/);
      const mutation = await gql(frozen.baseUrl, frozen.apiKey, REMOVE_SPACE_MEMBER, {
        input: { spaceId: 'x', userId: 'y' },
      });
      expect(mutation.status).toBe(200);
    } finally {
      await frozen.close();
    }
  });

  it('allows 300 mutations a minute, then answers 429', async () => {
    const frozen = await startEmulatorTarget({ now: () => new Date('2026-01-01T00:00:00Z') });
    try {
      const send = () =>
        gql(frozen.baseUrl, frozen.apiKey, REMOVE_SPACE_MEMBER, {
          input: { spaceId: 'x', userId: 'y' },
        }).then((r) => r.status);
      const statuses = await Promise.all(Array.from({ length: 300 }, send));
      expect(statuses.filter((s) => s === 429)).toHaveLength(0);
      expect(await send()).toBe(429);
    } finally {
      await frozen.close();
    }
  });

  it('takes lower limits from graphqlLimits', async () => {
    const strict = await startEmulatorTarget({ graphqlLimits: { maxComplexity: 10 } });
    try {
      const spaceId = (await demoIds(strict.client)).space('Acme ML', 'staging');
      const response = await gql(
        strict.baseUrl,
        strict.apiKey,
        GET_SPACE_USERS,
        spaceUsersVars(spaceId, { first: 2 }),
      );
      expect(response.body.errors[0].extensions).toMatchObject({
        code: 'QUERY_COMPLEXITY_EXCEEDED',
        complexity: 11,
        maxComplexity: 10,
      });
    } finally {
      await strict.close();
    }
  });
});
