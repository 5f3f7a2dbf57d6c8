import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTargetResolver } from '../../../src/adapters/arize/target-resolver.ts';
import { AppError, ErrorCodes } from '../../../src/domain/errors.ts';
import { demo, type Harness, startHarness } from './emulator-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.reset());

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('target resolver on the emulator', () => {
  it('resolves an organization by exact name and by id', async () => {
    const resolver = createTargetResolver(h.gateway());
    const acme = await resolver.organization('Acme ML');
    expect(acme.name).toBe('Acme ML');
    expect(await resolver.organization(acme.id)).toEqual(acme);
  });

  it('suggests near organization names', async () => {
    const error = await failure(createTargetResolver(h.gateway()).organization('acme ml'));
    expect(error.code).toBe(ErrorCodes.arizeNotFound);
    expect(error.message).toBe("No organization named 'acme ml'. Did you mean 'Acme ML'?");
  });

  it('resolves a unique space name with its organization', async () => {
    const resolver = createTargetResolver(h.gateway());
    const staging = await resolver.space('staging');
    const acme = await resolver.organization('Acme ML');
    expect(staging).toMatchObject({ name: 'staging', organizationId: acme.id });
  });

  it("reports 'production' as ambiguous, listing both organizations", async () => {
    const error = await failure(createTargetResolver(h.gateway()).space('production'));
    expect(error.code).toBe(ErrorCodes.arizeAmbiguous);
    expect(error.message).toContain("'Acme ML'");
    expect(error.message).toContain("'Research Lab'");
    expect(error.hint).toContain('--org');
  });

  it('resolves an ambiguous space name within an organization scope', async () => {
    const resolver = createTargetResolver(h.gateway());
    const lab = await resolver.organization('Research Lab');
    const production = await resolver.space('production', { orgId: lab.id });
    expect(production).toMatchObject({ name: 'production', organizationId: lab.id });
    const acme = await resolver.organization('Acme ML');
    const other = await resolver.space('production', { orgId: acme.id });
    expect(other.id).not.toBe(production.id);
  });

  it('resolves a space by id, finding its organization', async () => {
    const resolver = createTargetResolver(h.gateway());
    const lab = await resolver.organization('Research Lab');
    const experiments = await resolver.space('experiments');
    const byId = await createTargetResolver(h.gateway()).space(experiments.id);
    expect(byId).toMatchObject({ id: experiments.id, organizationId: lab.id });
  });

  it("suggests 'production' for 'prodution'", async () => {
    const error = await failure(createTargetResolver(h.gateway()).space('prodution'));
    expect(error.code).toBe(ErrorCodes.arizeNotFound);
    expect(error.message).toBe("No space named 'prodution'. Did you mean 'production'?");
  });

  it('names the organization when a scoped space is missing', async () => {
    const resolver = createTargetResolver(h.gateway());
    const lab = await resolver.organization('Research Lab');
    const error = await failure(resolver.space('staging', { orgId: lab.id }));
    expect(error.message).toBe("No space named 'staging' in organization 'Research Lab'.");
  });

  it('resolves a user by email, case-insensitively, and by id', async () => {
    const resolver = createTargetResolver(h.gateway());
    const alice = await resolver.user({ kind: 'email', email: 'Alice@Example.COM' });
    expect(alice.email).toBe(demo.emails.alice);
    expect(await resolver.user({ kind: 'id', id: alice.id })).toEqual(alice);
  });

  it('does not take a longer email that merely contains the one typed', async () => {
    const error = await failure(
      createTargetResolver(h.gateway()).user({ kind: 'email', email: 'lice@example.com' }),
    );
    expect(error.code).toBe(ErrorCodes.arizeNotFound);
  });

  it('resolves a user by exact name through GraphQL when a developer key exists', async () => {
    const resolver = createTargetResolver(h.gateway());
    const bob = await resolver.user({ kind: 'name', name: 'Bob Approver' });
    expect(bob.email).toBe(demo.emails.bob);
    const error = await failure(resolver.user({ kind: 'name', name: 'Bob' }));
    expect(error.code).toBe(ErrorCodes.arizeNotFound);
  });

  it('asks for an email when no developer key is configured', async () => {
    const gateway = h.gateway({ developerKey: async () => undefined });
    const error = await failure(
      createTargetResolver(gateway).user({ kind: 'name', name: 'Bob Approver' }),
    );
    expect(error.code).toBe(ErrorCodes.arizeNotConfigured);
    expect(error.message).toContain('ARIZE_DEVELOPER_KEY');
    expect(error.message).toContain('use an email');
  });

  it('caches lookups within one resolver', async () => {
    const gateway = h.gateway();
    const listOrganizations = vi.spyOn(gateway, 'listOrganizations');
    const resolver = createTargetResolver(gateway);
    await resolver.organization('Acme ML');
    await resolver.organization('Acme ML');
    await resolver.space('staging');
    await resolver.space('staging');
    expect(listOrganizations).toHaveBeenCalledTimes(1);
  });
});
