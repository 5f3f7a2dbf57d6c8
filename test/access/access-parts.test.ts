import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { createTargetResolver } from '../../src/adapters/arize/target-resolver.ts';
import { makeAccessContext } from '../../src/app/access/access-context.ts';
import { readArizeAdmins } from '../../src/app/access/arize-admins.ts';
import { makeCachedSlackIds } from '../../src/app/access/cached-slack-ids.ts';
import { describeAccess } from '../../src/app/access/describe-access.ts';
import type { Log } from '../../src/app/ports.ts';
import { type Policy, parsePolicy } from '../../src/domain/policy/policy.ts';
import { DEMO_WORKSPACE } from '../../src/local/slack-standin/demo-workspace.ts';
import { type Harness, startHarness } from '../adapters/arize/emulator-harness.ts';

const logged: { level: string; message: string; data?: Record<string, unknown> }[] = [];
const log: Log = {
  debug: (message, data) =>
    void logged.push({ level: 'debug', message, ...(data ? { data } : {}) }),
  info: (message, data) => void logged.push({ level: 'info', message, ...(data ? { data } : {}) }),
  warn: (message, data) => void logged.push({ level: 'warn', message, ...(data ? { data } : {}) }),
  error: (message, data) =>
    void logged.push({ level: 'error', message, ...(data ? { data } : {}) }),
};
const slackIdOf = async (email: string) =>
  DEMO_WORKSPACE.users.find((u) => u.profile.email === email)?.id;
const parsed = (document: unknown): Policy => {
  const result = parsePolicy(document);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const groups = {
  members: async (id: string) => {
    const group = DEMO_WORKSPACE.userGroups.find((g) => g.id === id);
    if (!group) throw new Error('no_such_subteam');
    return group.users;
  },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.emulator.close());

const spaceId = async (org: string, space: string) => {
  const resolver = createTargetResolver(h.gateway());
  const o = await resolver.organization(org);
  return (await resolver.space(space, { orgId: o.id })).id;
};

describe('arize admins (emulator)', () => {
  it('reads the seeded space admins and org admins, mapped to Slack by e-mail; the bot is unmapped', async () => {
    const admins = await readArizeAdmins(
      { gateway: h.gateway(), slackIdOf, log },
      await spaceId('Acme ML', 'staging'),
      ['arize:space-admins', 'arize:org-admins'],
    );

    // staging: carol is its explicit admin; alice and the bot are account admins.
    expect(admins.emails['arize:space-admins']).toEqual([
      'alice@example.com',
      'arize-ops-bot@example.com',
      'carol@example.com',
    ]);
    expect(admins.slackIds['arize:space-admins']).toEqual(['U0ALICE01', 'U0CAROL01']);
    expect(admins.emails['arize:org-admins']).toEqual([
      'alice@example.com',
      'arize-ops-bot@example.com',
    ]);
    expect(admins.slackIds['arize:org-admins']).toEqual(['U0ALICE01']);
    expect(admins.unmapped).toEqual(['arize-ops-bot@example.com']);
    expect(admins.slackIds['arize:space-admins']).not.toContain('U0BOB0001');
  });

  it('fails closed when the space members cannot be read: the tokens add nobody', async () => {
    const admins = await readArizeAdmins(
      {
        gateway: { listSpaceMembersMany: async () => Promise.reject(new Error('403')) },
        slackIdOf,
        log,
      },
      'U3BhY2U6MQ==',
      ['arize:space-admins'],
    );

    expect(admins).toEqual({
      slackIds: {},
      emails: {},
      unmapped: [],
      unreadable: 'the space admins could not be read from Arize',
    });
  });

  it('reads nothing when the rule names no arize token', async () => {
    let reads = 0;
    const admins = await readArizeAdmins(
      {
        gateway: {
          listSpaceMembersMany: async () => {
            reads += 1;
            return new Map();
          },
        },
        slackIdOf,
        log,
      },
      'U3BhY2U6MQ==',
      [],
    );

    expect(reads).toBe(0);
    expect(admins.slackIds).toEqual({});
  });
});

describe('self-service scopes and what a person may ask for', () => {
  it('resolves the repo policy scopes once, logs them, and whoami shows them to an admitted person', async () => {
    logged.length = 0;
    let resolvers = 0;
    const access = makeAccessContext({
      policy: parsed(policyDocument),
      groups,
      slackIdOf,
      newResolver: () => {
        resolvers += 1;
        return createTargetResolver(h.gateway());
      },
      log,
    });

    const fields = await describeAccess(access, 'U0DAVE001', { withScopes: true });
    await access.scopes();

    expect(resolvers).toBe(1);
    expect(fields[0]?.value).toBe(
      'acme-ml: any space in Acme ML: read-only or member for up to 8h, approved by 1 of arize:space-admins; ' +
        'research: experiments in Research Lab: read-only for up to 4h, approved by 1 of arize:org-admins, S0ADMINS1',
    );
    expect(fields[1]?.label).toBe('which is, in Arize now');
    expect(fields[1]?.value).toMatch(
      /^acme-ml: any space in Acme ML \(T3Jn[^)]+\); research: experiments \(U3Bh[^)]+\) in Research Lab \(T3Jn[^)]+\)$/,
    );
    expect(logged.find((l) => l.message === 'self-service scopes resolved')).toBeDefined();
  });

  it('reports a name Arize does not have (logged and shown), and a name found in two orgs', async () => {
    logged.length = 0;
    const policy = parsed({
      ...policyDocument,
      selfService: [
        {
          name: 'typo',
          requesters: ['U0DAVE001'],
          orgs: ['Acme MLL'],
          maxFor: '1h',
          approvers: ['U0BOB0001'],
        },
        {
          name: 'both',
          requesters: ['U0DAVE001'],
          spaces: ['production'],
          maxFor: '1h',
          approvers: ['U0BOB0001'],
        },
      ],
    });
    const access = makeAccessContext({
      policy,
      groups,
      slackIdOf,
      newResolver: () => createTargetResolver(h.gateway()),
      log,
    });

    const [typo, both] = await access.scopes();

    expect(typo?.orgs[0]?.found).toBeUndefined();
    expect(typo?.orgs[0]?.problem).toContain('Acme MLL');
    expect(both?.spaces[0]?.found).toBeUndefined();
    expect(both?.spaces[0]?.problem).toMatch(/production/);
    expect(
      logged.filter((l) => l.message === 'self-service rule names what Arize does not have'),
    ).toHaveLength(2);
    const fields = await describeAccess(access, 'U0DAVE001', { withScopes: true });
    expect(fields[1]?.value).toContain('Acme MLL (');
  });

  it('admits through a user group, says nothing is allowed to others, and reads groups fail closed', async () => {
    const access = makeAccessContext({
      policy: parsed(policyDocument),
      groups: {
        members: async (id) => {
          if (id === 'S0ADMINS1') return ['U0BOB0001'];
          throw new Error('ratelimited');
        },
      },
      slackIdOf,
      newResolver: () => createTargetResolver(h.gateway()),
      log,
    });

    const bob = await describeAccess(access, 'U0BOB0001', { withScopes: false });
    const eve = await describeAccess(access, 'U0EVE0001', { withScopes: true });
    const failing = makeAccessContext({
      policy: parsed(policyDocument),
      groups: { members: async () => Promise.reject(new Error('ratelimited')) },
      slackIdOf,
      newResolver: () => createTargetResolver(h.gateway()),
      log,
    });

    expect(bob).toHaveLength(1);
    expect(bob[0]?.value).toContain('acme-ml:');
    expect(eve).toEqual([
      { label: 'may ask for access', value: 'nothing: no self-service rule admits you' },
    ]);
    expect(await failing.groupsOf('U0BOB0001', ['S0ADMINS1'])).toEqual(new Set());
  });

  it('says so when the policy has no self-service rules', async () => {
    const { selfService: _rules, ...v2ish } = policyDocument;
    const access = makeAccessContext({
      policy: parsed({ ...v2ish, version: 2 }),
      groups,
      slackIdOf,
      newResolver: () => createTargetResolver(h.gateway()),
      log,
    });

    expect(await describeAccess(access, 'U0DAVE001', { withScopes: true })).toEqual([
      { label: 'may ask for access', value: 'nothing: this policy has no self-service rules' },
    ]);
  });
});

describe('cached Slack ids', () => {
  it('prefers the policy mapping, caches Slack answers (also "none") for the TTL, never caches a failure', async () => {
    let now = 0;
    const asked: string[] = [];
    let fail = false;
    const lookup = makeCachedSlackIds({
      lookup: async (email) => {
        asked.push(email);
        if (fail) throw new Error('ratelimited');
        return email === 'bob@example.com' ? 'U0BOB0001' : undefined;
      },
      userMappings: { U0MAPPED1: 'Mapped@Example.com' },
      clock: { now: () => new Date(now) },
      ttlMs: 1000,
    });

    expect(await lookup('mapped@example.com')).toBe('U0MAPPED1');
    expect(await lookup('bob@example.com')).toBe('U0BOB0001');
    expect(await lookup('BOB@example.com')).toBe('U0BOB0001');
    expect(await lookup('nobody@example.com')).toBeUndefined();
    expect(await lookup('nobody@example.com')).toBeUndefined();
    expect(asked).toEqual(['bob@example.com', 'nobody@example.com']);
    now = 1001;
    fail = true;
    expect(await lookup('bob@example.com')).toBeUndefined();
    fail = false;
    expect(await lookup('bob@example.com')).toBe('U0BOB0001');
    expect(asked).toHaveLength(4);
  });
});
