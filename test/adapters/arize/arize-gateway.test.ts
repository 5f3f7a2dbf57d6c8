import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ArizeGatewayAdapter } from '../../../src/adapters/arize/arize-gateway.ts';
import type { Organization, Space, User } from '../../../src/domain/arize.ts';
import { AppError, ErrorCodes } from '../../../src/domain/errors.ts';
import { demo, type Harness, startHarness } from './emulator-harness.ts';

let h: Harness;
let gw: ArizeGatewayAdapter;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => {
  h.emulator.reset();
  gw = h.gateway();
});

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
const org = async (name: string): Promise<Organization> => {
  const found = (await gw.listOrganizations({ name })).items.find((o) => o.name === name);
  if (!found) throw new Error(`no org ${name}`);
  return found;
};
const space = async (orgName: string, name: string): Promise<Space> => {
  const o = await org(orgName);
  const found = (await gw.listSpaces({ orgId: o.id, name })).items.find((s) => s.name === name);
  if (!found) throw new Error(`no space ${name}`);
  return found;
};
const user = async (email: string): Promise<User> => {
  const found = (await gw.listUsers({ email })).items.find((u) => u.email === email);
  if (!found) throw new Error(`no user ${email}`);
  return found;
};

describe('organizations', () => {
  it('lists, filters, pages and reads organizations', async () => {
    const all = await gw.listOrganizations();
    expect(all.items.map((o) => o.name)).toEqual(['Acme ML', 'Research Lab']);
    const first = await gw.listOrganizations({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = await gw.listOrganizations({ limit: 1, cursor: first.nextCursor });
    expect(second.items[0]?.name).toBe('Research Lab');
    expect(second.nextCursor).toBeUndefined();
    const acme = await org('Acme ML');
    expect(await gw.getOrganization(acme.id)).toEqual(acme);
    expect(acme.createdAt).toBe('2024-02-01T09:00:00.000Z');
  });

  it('creates, renames and deletes an organization', async () => {
    const created = await gw.createOrganization({ name: 'Platform', description: 'infra' });
    expect(created).toMatchObject({ name: 'Platform', description: 'infra' });
    const renamed = await gw.updateOrganization(created.id, { name: 'Platform Eng' });
    expect(renamed.name).toBe('Platform Eng');
    await gw.deleteOrganization(created.id);
    expect((await failure(gw.getOrganization(created.id))).code).toBe(ErrorCodes.arizeNotFound);
  });

  it('reports a duplicate name as a conflict', async () => {
    const error = await failure(gw.createOrganization({ name: 'Acme ML' }));
    expect(error.code).toBe(ErrorCodes.arizeConflict);
    expect(error.message).toContain("create the organization 'Acme ML'");
  });

  it('adds and removes an organization member', async () => {
    const lab = await org('Research Lab');
    const heidi = await user(demo.emails.heidi);
    const membership = await gw.addOrganizationUser(lab.id, heidi.id, 'MEMBER');
    expect(membership).toMatchObject({ userId: heidi.id, organizationId: lab.id, role: 'MEMBER' });
    await gw.removeOrganizationUser(lab.id, heidi.id);
  });

  it('refuses a name where an id is expected, before calling Arize', async () => {
    const error = await failure(gw.getOrganization('Acme ML'));
    expect(error.code).toBe(ErrorCodes.arizeInvalid);
  });
});

describe('spaces', () => {
  it('lists spaces of one organization with their organization id', async () => {
    const acme = await org('Acme ML');
    const page = await gw.listSpaces({ orgId: acme.id });
    expect(page.items.map((s) => s.name)).toEqual(['production', 'staging', 'fraud-detection']);
    expect(page.items.every((s) => s.organizationId === acme.id)).toBe(true);
    expect(page.items.find((s) => s.name === 'fraud-detection')?.isPrivate).toBe(true);
  });

  it('creates, reads, updates and deletes a space', async () => {
    const acme = await org('Acme ML');
    const created = await gw.createSpace({ orgId: acme.id, name: 'sandbox', isPrivate: true });
    expect(created).toMatchObject({ name: 'sandbox', isPrivate: true, organizationId: acme.id });
    expect((await gw.getSpace(created.id)).name).toBe('sandbox');
    const updated = await gw.updateSpace(created.id, { description: 'play', isPrivate: false });
    expect(updated).toMatchObject({ description: 'play', isPrivate: false });
    await gw.deleteSpace(created.id);
    expect((await failure(gw.getSpace(created.id))).code).toBe(ErrorCodes.arizeNotFound);
  });

  it('reports a duplicate space name in the same organization as a conflict', async () => {
    const acme = await org('Acme ML');
    const error = await failure(gw.createSpace({ orgId: acme.id, name: 'staging' }));
    expect(error.code).toBe(ErrorCodes.arizeConflict);
  });

  it('adds a space member with a role and removes them', async () => {
    const staging = await space('Acme ML', 'staging');
    const dave = await user(demo.emails.dave);
    const membership = await gw.addSpaceUser(staging.id, dave.id, 'READ_ONLY');
    expect(membership).toMatchObject({ userId: dave.id, spaceId: staging.id, role: 'READ_ONLY' });
    await gw.removeSpaceUser(staging.id, dave.id);
    const again = await failure(gw.removeSpaceUser(staging.id, dave.id));
    expect(again.code).toBe(ErrorCodes.arizeNotFound);
  });

  it("passes Arize's detail through when a user outside the org is added to a space", async () => {
    const experiments = await space('Research Lab', 'experiments');
    const erin = await user(demo.emails.erin);
    const error = await failure(gw.addSpaceUser(experiments.id, erin.id, 'ANNOTATOR'));
    expect(error.code).toBe(ErrorCodes.arizeInvalid);
    expect(error.message).toMatch(/Arize said: .+/);
  });
});

describe('users', () => {
  it('lists users by email and status, and reads one', async () => {
    const invited = await gw.listUsers({ status: ['INVITED'] });
    expect(invited.items.map((u) => u.email)).toEqual([demo.emails.frank]);
    const alice = await user(demo.emails.alice);
    expect(alice).toMatchObject({ role: 'ADMIN', status: 'ACTIVE', isDeveloper: true });
    expect(await gw.getUser(alice.id)).toEqual(alice);
  });

  it('invites a user once: a second invite returns the same pending user', async () => {
    const first = await gw.createUser({
      name: 'Judy New',
      email: 'judy@example.com',
      role: 'MEMBER',
      inviteMode: 'EMAIL_LINK',
    });
    expect(first).toMatchObject({
      created: true,
      user: { status: 'INVITED', email: 'judy@example.com' },
    });
    const second = await gw.createUser({
      name: 'Judy New',
      email: 'judy@example.com',
      role: 'MEMBER',
      inviteMode: 'EMAIL_LINK',
    });
    expect(second.created).toBe(false);
    expect(second.user.id).toBe(first.user.id);
  });

  it('returns the temporary password of a TEMPORARY_PASSWORD invite', async () => {
    const result = await gw.createUser({
      name: 'Ken Temp',
      email: 'ken@example.com',
      role: 'ANNOTATOR',
      inviteMode: 'TEMPORARY_PASSWORD',
    });
    expect(result.temporaryPassword).toEqual(expect.any(String));
    expect(result.user.role).toBe('ANNOTATOR');
  });

  it('updates, resends an invitation, resets a password and deletes', async () => {
    const frank = await user(demo.emails.frank);
    await gw.resendInvitation(frank.id);
    const heidi = await user(demo.emails.heidi);
    expect((await gw.updateUser(heidi.id, { name: 'Heidi S.', isDeveloper: false })).name).toBe(
      'Heidi S.',
    );
    await gw.resetPassword(heidi.id);
    await gw.deleteUser(heidi.id);
    expect((await gw.listUsers({ email: demo.emails.heidi })).items).toEqual([]);
  });

  it('rejects resending an invitation to an active user with a reason', async () => {
    const bob = await user(demo.emails.bob);
    expect((await failure(gw.resendInvitation(bob.id))).code).toBe(ErrorCodes.arizeInvalid);
  });
});

describe('service API keys and the audit log', () => {
  it('lists, creates, refreshes and revokes a service key', async () => {
    const acme = await org('Acme ML');
    const production = await space('Acme ML', 'production');
    const before = await gw.listApiKeys({ spaceId: production.id });
    const created = await gw.createServiceApiKey({
      name: 'etl',
      orgId: acme.id,
      spaceId: production.id,
      spaceRole: 'MEMBER',
    });
    expect(created).toMatchObject({ name: 'etl', keyType: 'SERVICE', status: 'ACTIVE' });
    expect(created.key.length).toBeGreaterThan(8);
    const listed = await gw.listApiKeys({ spaceId: production.id });
    expect(listed.items).toHaveLength(before.items.length + 1);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const refreshed = await gw.refreshApiKey(created.id, {});
    expect(refreshed.key).not.toBe(created.key);
    await gw.revokeApiKey(refreshed.id);
    await gw.revokeApiKey(refreshed.id); // idempotent
    const revoked = await gw.listApiKeys({ spaceId: production.id, status: 'REVOKED' });
    expect(revoked.items.map((k) => k.id)).toContain(refreshed.id);
  });

  it("reads Arize's audit log, newest first", async () => {
    await gw.createOrganization({ name: 'Audited' });
    const page = await gw.listAuditLogs({ limit: 10 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items[0]).toMatchObject({
      operationType: 'MUTATION',
      operationName: 'createOrganization',
    });
  });
});

describe('bulk memberships and iterators', () => {
  it('upserts users × spaces and reports each failure item by item', async () => {
    const production = await space('Acme ML', 'production');
    const staging = await space('Acme ML', 'staging');
    const experiments = await space('Research Lab', 'experiments');
    const carol = await user(demo.emails.carol);
    const erin = await user(demo.emails.erin);
    const pairs = [
      { userId: carol.id, spaceId: production.id },
      { userId: carol.id, spaceId: staging.id },
      { userId: erin.id, spaceId: experiments.id }, // erin is not in Research Lab
    ];
    const outcomes = await gw.upsertSpaceMemberships(pairs, 'MEMBER');
    expect(outcomes.map((o) => [o.spaceId, o.ok])).toEqual([
      [production.id, true],
      [staging.id, true],
      [experiments.id, false],
    ]);
    const failed = outcomes[2];
    expect(failed?.ok === false && failed.code).toBe(ErrorCodes.arizeInvalid);
  });

  it('iterates every page of a list', async () => {
    const names: string[] = [];
    for await (const s of gw.iterateSpaces({ limit: 2 })) names.push(s.name);
    expect(names).toHaveLength(5);
    const emails: string[] = [];
    for await (const u of gw.iterateUsers({ limit: 3 })) emails.push(u.email);
    expect(emails).toHaveLength(9);
    expect(emails).toContain(demo.emails.grace);
  });
});
