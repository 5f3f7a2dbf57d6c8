import {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  resendInvitation,
  resetPassword,
  updateUser,
} from '@arizeai/ax-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER_KEYS, demoSeed } from '../../src/local/arize-emulator/index.ts';
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

const member = { type: 'PREDEFINED', name: 'MEMBER' } as const;
const newUser = (email: string, inviteMode: 'NONE' | 'EMAIL_LINK' | 'TEMPORARY_PASSWORD') =>
  raw(t, 'POST', '/v2/users', {
    body: { name: 'New Person', email, role: member, invite_mode: inviteMode },
  });

describe('users', () => {
  it('lists the demo users oldest first without the deleted one', async () => {
    const page = await listUsers({ client: t.client });
    expect(page.data.map((u) => u.email)).toEqual([
      'arize-ops-bot@example.com',
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
      'dave@example.com',
      'erin@example.com',
      'frank@example.com',
      'grace@example.com',
      'heidi@example.com',
    ]);
  });

  it('filters by repeatable status', async () => {
    const response = await raw(t, 'GET', '/v2/users?status=INVITED&status=EXPIRED');
    expect(response.body.users.map((u: { name: string }) => u.name)).toEqual([
      'Frank Invited',
      'Grace Expired',
    ]);
    expect((await raw(t, 'GET', '/v2/users?status=inactive')).status).toBe(400);
  });

  it.each([
    ['EMAIL_LINK', 'INVITED'],
    ['TEMPORARY_PASSWORD', 'INVITED'],
    ['NONE', 'ACTIVE'],
  ] as const)('creates with %s as %s (201)', async (mode, status) => {
    const response = await newUser(`new-${mode.toLowerCase()}@example.com`, mode);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status,
      invite_mode: mode,
      is_developer: true,
      role: member,
    });
    expect('temporary_password' in response.body).toBe(mode === 'TEMPORARY_PASSWORD');
  });

  it('returns the temporary password once, never on later reads', async () => {
    const created = await createUser({
      client: t.client,
      name: 'Tmp',
      email: 'tmp@example.com',
      role: member,
      inviteMode: 'TEMPORARY_PASSWORD',
    });
    expect('temporaryPassword' in created && typeof created.temporaryPassword).toBe('string');
    const again = await getUser({ client: t.client, userId: created.id });
    expect(JSON.stringify(again)).not.toContain('temporary');
  });

  it('follows the idempotency table on email', async () => {
    const invited = await newUser('FRANK@example.com', 'EMAIL_LINK');
    expect(invited.status).toBe(200);
    expect(invited.body.id).toBe(ids.user('frank@example.com'));
    expect('invite_mode' in invited.body).toBe(false);
    expect((await newUser('bob@example.com', 'EMAIL_LINK')).status).toBe(409);
    expect((await newUser('bob@example.com', 'NONE')).status).toBe(409);
    const expired = await newUser('grace@example.com', 'EMAIL_LINK');
    expect(expired.status).toBe(201);
    expect(expired.body).toMatchObject({ id: ids.user('grace@example.com'), status: 'INVITED' });
    expect((await newUser('ivan@example.com', 'EMAIL_LINK')).status).toBe(409);
    expect(t.emulator.mutations().map((m) => m.operation)).toEqual(['createUser']);
  });

  it('defaults is_developer to false for annotators', async () => {
    const created = await createUser({
      client: t.client,
      name: 'Ann',
      email: 'ann@example.com',
      role: { type: 'PREDEFINED', name: 'ANNOTATOR' },
      inviteMode: 'NONE',
    });
    expect(created.isDeveloper).toBe(false);
  });

  it('soft-deletes with 204, idempotently, hiding the user and refusing re-invites', async () => {
    const bob = ids.user('bob@example.com');
    await deleteUser({ client: t.client, userId: bob });
    expect((await raw(t, 'DELETE', `/v2/users/${bob}`)).status).toBe(204);
    expect(await statusOf(getUser({ client: t.client, userId: bob }))).toBe(404);
    const emails = (
      await listUsers({ client: t.client, status: ['ACTIVE', 'INVITED', 'EXPIRED'] })
    ).data.map((u) => u.email);
    expect(emails).not.toContain('bob@example.com');
    expect((await newUser('bob@example.com', 'EMAIL_LINK')).status).toBe(409);
    expect((await raw(t, 'GET', '/v2/spaces', { key: DEMO_USER_KEYS.bob })).status).toBe(401);
    expect(t.emulator.mutations().filter((m) => m.operation === 'deleteUser')).toHaveLength(1);
  });

  it('cascades a deleted user out of spaces', async () => {
    await deleteUser({ client: t.client, userId: ids.user('carol@example.com') });
    const removal = await raw(
      t,
      'DELETE',
      `/v2/spaces/${ids.space('Acme ML', 'staging')}/users/${ids.user('carol@example.com')}`,
    );
    expect(removal.status).toBe(404);
  });

  it('refuses self-deletion with 400', async () => {
    expect(
      (await raw(t, 'DELETE', `/v2/users/${ids.user('arize-ops-bot@example.com')}`)).status,
    ).toBe(400);
  });

  it.each([
    [{}, 400],
    [{ name: '   ' }, 400],
    [{ name: '  Robert  ' }, 200],
    [{ is_developer: false }, 200],
  ])('answers PATCH %j with %i', async (body, status) => {
    const response = await raw(t, 'PATCH', `/v2/users/${ids.user('bob@example.com')}`, { body });
    expect(response.status).toBe(status);
    if (status === 200 && 'name' in body) expect(response.body.name).toBe('Robert');
  });

  it('allows only account admins to update users (403)', async () => {
    const status = await statusOf(
      updateUser({
        client: t.clientFor(DEMO_USER_KEYS.bob),
        userId: ids.user('carol@example.com'),
        isDeveloper: false,
      }),
    );
    expect(status).toBe(403);
  });

  it('resends only to INVITED users and resets only ACTIVE ones', async () => {
    expect(
      await statusOf(resendInvitation({ client: t.client, userId: ids.user('frank@example.com') })),
    ).toBe('resolved');
    expect(
      await statusOf(resendInvitation({ client: t.client, userId: ids.user('bob@example.com') })),
    ).toBe(400);
    expect(
      await statusOf(resetPassword({ client: t.client, userId: ids.user('bob@example.com') })),
    ).toBe('resolved');
    expect(
      await statusOf(resetPassword({ client: t.client, userId: ids.user('frank@example.com') })),
    ).toBe(400);
    expect(
      await statusOf(resendInvitation({ client: t.client, userId: ids.user('grace@example.com') })),
    ).toBe(400);
  });

  it('refuses to resend any invitation when the account enforces SAML login (400)', async () => {
    const seed = demoSeed();
    t.emulator.seedFrom({ ...seed, account: { ...seed.account, samlEnforced: true } });
    const frank = (await demoIds(t.client)).user('frank@example.com');
    const answer = await raw(t, 'POST', `/v2/users/${frank}/resend-invitation`);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('SAML/IdP login is enforced');
    expect(t.emulator.mutations().filter((m) => m.operation === 'resendUserInvitation')).toEqual(
      [],
    );
  });

  it('refuses a non-developer key (403), and hides users from annotators (403 list, 404 get)', async () => {
    const erin = ids.user('erin@example.com');
    expect((await raw(t, 'GET', '/v2/spaces', { key: DEMO_USER_KEYS.erin })).status).toBe(403);
    await updateUser({ client: t.client, userId: erin, isDeveloper: true });
    expect((await raw(t, 'GET', '/v2/users', { key: DEMO_USER_KEYS.erin })).status).toBe(403);
    const get = await raw(t, 'GET', `/v2/users/${ids.user('bob@example.com')}`, {
      key: DEMO_USER_KEYS.erin,
    });
    expect(get.status).toBe(404);
  });
});
