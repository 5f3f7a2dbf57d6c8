import {
  addOrganizationUser,
  addSpaceUser,
  createOrganization,
  deleteOrganization,
  getSpace,
  listApiKeys,
  listOrganizations,
  listSpaces,
  removeOrganizationUser,
  updateOrganization,
} from '@arizeai/ax-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SERVICE_KEYS, DEMO_USER_KEYS } from '../../src/local/arize-emulator/index.ts';
import { type DemoIds, demoIds } from './support/demo.ts';
import { type EmulatorTarget, raw, startEmulatorTarget, statusOf } from './support/target.ts';

let t: EmulatorTarget;
let ids: DemoIds;

beforeAll(async () => {
  t = await startEmulatorTarget();
  ids = await demoIds(t.client);
});
afterAll(() => t.close());
beforeEach(() => t.emulator.reset());

describe('organizations', () => {
  it('creates with an empty default description and 201', async () => {
    const response = await raw(t, 'POST', '/v2/organizations', { body: { name: 'Platform' } });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'Platform', description: '' });
    expect(Object.keys(response.body).sort()).toEqual(['created_at', 'description', 'id', 'name']);
  });

  it('rejects a duplicate name case-insensitively with 409 on create and on rename', async () => {
    expect(await statusOf(createOrganization({ client: t.client, name: 'acme ml' }))).toBe(409);
    const org = await createOrganization({ client: t.client, name: 'Other' });
    expect(
      await statusOf(
        updateOrganization({ client: t.client, organization: org.id, name: 'Research Lab' }),
      ),
    ).toBe(409);
  });

  it.each([
    [{}, 400],
    [{ name: '' }, 400],
    [{ name: 'x'.repeat(256) }, 400],
    [{ name: 'ok', id: 'T3JnYW5pemF0aW9uOjE6bTU=' }, 400],
  ])('answers %j on create with %i', async (body, status) => {
    const response = await raw(t, 'POST', '/v2/organizations', { body });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses an empty PATCH with 400 and clears the description with null', async () => {
    const org = ids.org('Acme ML');
    expect((await raw(t, 'PATCH', `/v2/organizations/${org}`, { body: {} })).status).toBe(400);
    const cleared = await raw(t, 'PATCH', `/v2/organizations/${org}`, {
      body: { description: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.description).toBe('');
  });

  it('forbids creating an org without the account admin role (403)', async () => {
    expect(
      await statusOf(createOrganization({ client: t.clientFor(DEMO_USER_KEYS.bob), name: 'Bobs' })),
    ).toBe(403);
  });

  it('shows members only the orgs they belong to, and hides the others as 404', async () => {
    const bob = t.clientFor(DEMO_USER_KEYS.bob);
    const orgs = await listOrganizations({ client: bob });
    expect(orgs.data.map((o) => o.name)).toEqual(['Acme ML']);
    expect(
      (
        await raw(t, 'GET', `/v2/organizations/${ids.org('Research Lab')}`, {
          key: DEMO_USER_KEYS.bob,
        })
      ).status,
    ).toBe(404);
  });

  it('upserts a member with 200 and logs only real changes', async () => {
    const org = ids.org('Research Lab');
    const bob = ids.user('bob@example.com');
    const first = await addOrganizationUser({
      client: t.client,
      organizationId: org,
      userId: bob,
      role: { type: 'PREDEFINED', name: 'MEMBER' },
    });
    expect(first).toMatchObject({
      userId: bob,
      organizationId: org,
      role: { type: 'PREDEFINED', name: 'MEMBER' },
    });
    const again = await raw(t, 'POST', `/v2/organizations/${org}/users`, {
      body: { user_id: bob, role: { type: 'PREDEFINED', name: 'MEMBER' } },
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
    const changed = await addOrganizationUser({
      client: t.client,
      organizationId: org,
      userId: bob,
      role: { type: 'PREDEFINED', name: 'ADMIN' },
    });
    expect(changed.role).toEqual({ type: 'PREDEFINED', name: 'ADMIN' });
    expect(
      t.emulator.mutations().filter((m) => m.operation === 'addOrganizationUser'),
    ).toHaveLength(2);
  });

  it.each([
    ['erin@example.com', 'MEMBER'],
    ['bob@example.com', 'ANNOTATOR'],
  ] as const)('enforces the annotator rule for %s as %s with 400', async (email, role) => {
    const org = ids.org('Research Lab');
    const status = await statusOf(
      addOrganizationUser({
        client: t.client,
        organizationId: org,
        userId: ids.user(email),
        role: { type: 'PREDEFINED', name: role },
      }),
    );
    expect(status).toBe(400);
  });

  it('cascades removing a user from an org to its spaces, and 404s a non-member', async () => {
    const acme = ids.org('Acme ML');
    const carol = ids.user('carol@example.com');
    await removeOrganizationUser({ client: t.client, organizationId: acme, userId: carol });
    const readd = await addSpaceUser({
      client: t.client,
      spaceId: ids.space('Acme ML', 'staging'),
      userId: carol,
      role: { type: 'PREDEFINED', name: 'MEMBER' },
    }).catch((e: { statusCode: number }) => e.statusCode);
    expect(readd).toBe(400);
    expect(
      await statusOf(
        removeOrganizationUser({ client: t.client, organizationId: acme, userId: carol }),
      ),
    ).toBe(404);
    const removeFromSpace = await raw(
      t,
      'DELETE',
      `/v2/spaces/${ids.space('Acme ML', 'production')}/users/${carol}`,
    );
    expect(removeFromSpace.status).toBe(404);
  });

  it('deletes an org with 204 and cascades to its spaces and service keys', async () => {
    const production = ids.space('Acme ML', 'production');
    const keysBefore = await listApiKeys({ client: t.client, spaceId: production });
    expect(keysBefore.data.map((k) => k.name).sort()).toEqual(['ci-pipeline', 'model-monitor']);
    const response = await raw(t, 'DELETE', `/v2/organizations/${ids.org('Acme ML')}`);
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(await statusOf(getSpace({ client: t.client, space: production }))).toBe(404);
    const remaining = await listSpaces({ client: t.client, limit: 100 });
    expect(remaining.data.map((s) => s.name).sort()).toEqual(['experiments', 'production']);
    expect((await raw(t, 'GET', '/v2/spaces', { key: DEMO_SERVICE_KEYS.ciPipeline })).status).toBe(
      401,
    );
    expect(t.emulator.mutations().map((m) => m.operation)).toEqual(['deleteOrganization']);
  });

  it('resolves an org by name through the client and deletes it', async () => {
    await createOrganization({ client: t.client, name: 'Scratch Org' });
    await deleteOrganization({ client: t.client, organization: 'Scratch Org' });
    const names = (await listOrganizations({ client: t.client })).data.map((o) => o.name);
    expect(names).not.toContain('Scratch Org');
  });

  it('keeps paging stable when the cursor item is deleted between pages', async () => {
    for (const name of ['p1', 'p2', 'p3', 'p4'])
      await createOrganization({ client: t.client, name });
    const first = await listOrganizations({ client: t.client, limit: 3 });
    expect(first.data.map((o) => o.name)).toEqual(['Acme ML', 'Research Lab', 'p1']);
    await deleteOrganization({ client: t.client, organization: first.data[2]?.id ?? '' });
    const second = await listOrganizations({
      client: t.client,
      limit: 3,
      cursor: first.pagination.nextCursor,
    });
    expect(second.data.map((o) => o.name)).toEqual(['p2', 'p3', 'p4']);
    expect(second.pagination).toEqual({ hasMore: false, nextCursor: undefined });
  });
});
