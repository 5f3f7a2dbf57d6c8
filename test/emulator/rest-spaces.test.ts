import {
  AmbiguousNameError,
  addSpaceUser,
  createSpace,
  deleteSpace,
  getSpace,
  listSpaces,
  removeSpaceUser,
  updateSpace,
} from '@arizeai/ax-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeId, ID_TYPES } from '../../src/local/arize-emulator/ids.ts';
import { DEMO_USER_KEYS } from '../../src/local/arize-emulator/index.ts';
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

const names = async (key: string, query = ''): Promise<string[]> =>
  (await raw(t, 'GET', `/v2/spaces?limit=100${query}`, { key })).body.spaces.map(
    (s: { name: string }) => s.name,
  );

describe('spaces', () => {
  it('raises AmbiguousNameError for "production", which exists in both orgs', async () => {
    await expect(getSpace({ client: t.client, space: 'production' })).rejects.toBeInstanceOf(
      AmbiguousNameError,
    );
  });

  it('filters by org_id and by case-insensitive name substring', async () => {
    expect(await names(t.apiKey, `&org_id=${ids.org('Research Lab')}`)).toEqual([
      'experiments',
      'production',
    ]);
    expect(await names(t.apiKey, '&name=PROD')).toEqual(['production', 'production']);
    expect(await names(t.apiKey, '&name=ing')).toEqual(['staging']);
  });

  it('answers 404 for an unknown org_id and 400 for a malformed one', async () => {
    const unknown = Buffer.from('Organization:4242:zz').toString('base64');
    expect((await raw(t, 'GET', `/v2/spaces?org_id=${unknown}`)).status).toBe(404);
    expect((await raw(t, 'GET', '/v2/spaces?org_id=nope')).status).toBe(400);
  });

  it('shows a private space only to its members and admins', async () => {
    expect(await names(DEMO_USER_KEYS.bob)).toContain('fraud-detection');
    expect(await names(DEMO_USER_KEYS.alice)).toContain('fraud-detection');
    expect(await names(DEMO_USER_KEYS.dave)).not.toContain('fraud-detection');
    const fraud = ids.space('Acme ML', 'fraud-detection');
    expect((await raw(t, 'GET', `/v2/spaces/${fraud}`, { key: DEMO_USER_KEYS.dave })).status).toBe(
      404,
    );
  });

  it('makes a space private with PATCH, hiding it from non-members', async () => {
    const staging = ids.space('Acme ML', 'staging');
    expect(await names(DEMO_USER_KEYS.dave)).toContain('staging');
    const updated = await updateSpace({ client: t.client, space: staging, isPrivate: true });
    expect(updated.isPrivate).toBe(true);
    expect(await names(DEMO_USER_KEYS.dave)).not.toContain('staging');
  });

  it('creates a space with 201, is_private false by default, unique per org', async () => {
    const acme = ids.org('Acme ML');
    const created = await createSpace({ client: t.client, name: 'batch', organizationId: acme });
    expect(created).toMatchObject({ name: 'batch', description: '', isPrivate: false });
    expect(
      await statusOf(createSpace({ client: t.client, name: 'BATCH', organizationId: acme })),
    ).toBe(409);
    const other = await createSpace({
      client: t.client,
      name: 'batch',
      organizationId: ids.org('Research Lab'),
    });
    expect(other.id).not.toBe(created.id);
    expect(
      await statusOf(updateSpace({ client: t.client, space: other.id, name: 'experiments' })),
    ).toBe(409);
  });

  it('requires org admin to create a space (403) and space admin to update one', async () => {
    const bob = t.clientFor(DEMO_USER_KEYS.bob);
    expect(
      await statusOf(createSpace({ client: bob, name: 'x', organizationId: ids.org('Acme ML') })),
    ).toBe(403);
    expect(
      await statusOf(
        updateSpace({
          client: bob,
          space: ids.space('Acme ML', 'production'),
          description: 'bob was here',
        }),
      ),
    ).toBe('resolved');
    expect(
      await statusOf(
        updateSpace({ client: bob, space: ids.space('Acme ML', 'staging'), description: 'no' }),
      ),
    ).toBe(403);
  });

  it('upserts a space member with 200 and the role object', async () => {
    const staging = ids.space('Acme ML', 'staging');
    const dave = ids.user('dave@example.com');
    const membership = await addSpaceUser({
      client: t.client,
      spaceId: staging,
      userId: dave,
      role: { type: 'PREDEFINED', name: 'READ_ONLY' },
    });
    expect(membership).toMatchObject({
      spaceId: staging,
      userId: dave,
      role: { type: 'PREDEFINED', name: 'READ_ONLY' },
    });
    const response = await raw(t, 'POST', `/v2/spaces/${staging}/users`, {
      body: { user_id: dave, role: { type: 'PREDEFINED', name: 'MEMBER' } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: membership.id,
      role: { type: 'PREDEFINED', name: 'MEMBER' },
    });
  });

  it('requires org membership before space membership (400)', async () => {
    const heidi = ids.user('heidi@example.com');
    const status = await statusOf(
      addSpaceUser({
        client: t.client,
        spaceId: ids.space('Acme ML', 'staging'),
        userId: heidi,
        role: { type: 'PREDEFINED', name: 'MEMBER' },
      }),
    );
    expect(status).toBe(400);
  });

  it('accepts a custom role by id and reports it with its name', async () => {
    const roleId = encodeId(ID_TYPES.role, 1);
    const response = await raw(t, 'POST', `/v2/spaces/${ids.space('Acme ML', 'staging')}/users`, {
      body: { user_id: ids.user('dave@example.com'), role: { type: 'CUSTOM', id: roleId } },
    });
    expect(response.status).toBe(200);
    expect(response.body.role).toMatchObject({ type: 'CUSTOM', name: 'Dataset Curator' });
    const unknownRole = encodeId(ID_TYPES.role, 77);
    const missing = await raw(t, 'POST', `/v2/spaces/${ids.space('Acme ML', 'staging')}/users`, {
      body: { user_id: ids.user('dave@example.com'), role: { type: 'CUSTOM', id: unknownRole } },
    });
    expect(missing.status).toBe(404);
  });

  it('removes a member with 204 and answers 404 for a non-member', async () => {
    const production = ids.space('Acme ML', 'production');
    const carol = ids.user('carol@example.com');
    expect(
      await statusOf(removeSpaceUser({ client: t.client, spaceId: production, userId: carol })),
    ).toBe('resolved');
    expect(
      await statusOf(removeSpaceUser({ client: t.client, spaceId: production, userId: carol })),
    ).toBe(404);
  });

  it('deletes a space with 204; it is gone from lists and get', async () => {
    const staging = ids.space('Acme ML', 'staging');
    await deleteSpace({ client: t.client, space: staging });
    expect(await statusOf(getSpace({ client: t.client, space: staging }))).toBe(404);
    const left = await listSpaces({ client: t.client, organizationId: ids.org('Acme ML') });
    expect(left.data.map((s) => s.name)).toEqual(['production', 'fraud-detection']);
    expect(t.emulator.mutations()).toMatchObject([
      { method: 'DELETE', operation: 'deleteSpace', resourceId: staging },
    ]);
  });
});
