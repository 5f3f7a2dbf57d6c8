import {
  APIError,
  AuthenticationError,
  AuthorizationError,
  BadRequestError,
  bulkDeleteUsers,
  createClient,
  createOrganization,
  getSpace,
  listUsers,
  NotFoundError,
  ResolutionError,
} from '@arizeai/ax-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER_KEYS } from '../../src/local/arize-emulator/index.ts';
import { type DemoIds, demoIds } from './support/demo.ts';
import { type EmulatorTarget, startEmulatorTarget } from './support/target.ts';

let t: EmulatorTarget;
let ids: DemoIds;

beforeAll(async () => {
  t = await startEmulatorTarget();
  ids = await demoIds(t.client);
});
afterAll(() => t.close());
beforeEach(() => t.emulator.reset());

describe('typed errors through ax-client', () => {
  it('maps each status to the client error class, with the problem detail in the message', async () => {
    const unknown = Buffer.from('Space:999999:zz').toString('base64');
    await expect(getSpace({ client: t.client, space: unknown })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const trailingColon = Buffer.from('Space:1:').toString('base64');
    await expect(getSpace({ client: t.client, space: trailingColon })).rejects.toBeInstanceOf(
      BadRequestError,
    );
    await expect(getSpace({ client: t.client, space: 'no-such-space' })).rejects.toBeInstanceOf(
      ResolutionError,
    );
    const badKey = createClient({ baseUrl: t.baseUrl, apiKey: 'ak-nope-nope-nope' });
    await expect(listUsers({ client: badKey })).rejects.toBeInstanceOf(AuthenticationError);
    const bob = t.clientFor(DEMO_USER_KEYS.bob);
    await expect(createOrganization({ client: bob, name: 'x' })).rejects.toBeInstanceOf(
      AuthorizationError,
    );
    const conflict = await createOrganization({ client: t.client, name: 'Acme ML' }).catch(
      (e: unknown) => e,
    );
    expect(conflict).toBeInstanceOf(APIError);
    expect((conflict as APIError).statusCode).toBe(409);
    expect((conflict as APIError).message).toContain(
      "An organization named 'Acme ML' already exists",
    );
  });

  it('deletes users in bulk by email and id, reporting unknown emails', async () => {
    const results = await bulkDeleteUsers({
      client: t.client,
      emails: ['CAROL@example.com', 'nobody@example.com'],
      userIds: [ids.user('dave@example.com')],
    });
    expect(results.map((r) => r.status).sort()).toEqual(['deleted', 'deleted', 'not_found']);
    const left = (
      await listUsers({ client: t.client, status: ['ACTIVE', 'INVITED', 'EXPIRED'] })
    ).data.map((u) => u.email);
    expect(left).not.toContain('carol@example.com');
    expect(left).not.toContain('dave@example.com');
    expect(t.emulator.mutations().filter((m) => m.operation === 'deleteUser')).toHaveLength(2);
  });
});
