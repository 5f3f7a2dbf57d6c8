import { describe, expect, it } from 'vitest';
import policyDocument from '../../../policy/policy.json' with { type: 'json' };
import {
  approvalRuleFor,
  approvalsEnabled,
  parsePolicy,
  policySha,
  selfServiceRules,
} from '../../../src/domain/policy/policy.ts';
import {
  type AccessAsk,
  describeRule,
  expandApprovers,
  type SelfServiceRule,
  selfServiceRuleFor,
} from '../../../src/domain/policy/self-service.ts';
import v2Document from './fixtures/policy-v2.json' with { type: 'json' };

const parsed = (document: unknown) => {
  const result = parsePolicy(document);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

const v3 = (selfService: unknown[]) => ({ ...v2Document, version: 3, selfService });
const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'acme',
  requesters: ['U0DAVE001', 'S0DATA001'],
  orgs: ['Acme ML'],
  roles: ['member', 'read-only'],
  maxFor: '8h',
  approvers: ['arize:space-admins'],
  ...overrides,
});

const acmeProduction = {
  orgId: 'T3JnOjE=',
  orgName: 'Acme ML',
  spaceId: 'U3BhY2U6MQ==',
  spaceName: 'production',
};
const ask = (overrides: Partial<AccessAsk> = {}): AccessAsk => ({
  userId: 'U0DAVE001',
  groups: new Set(),
  target: acmeProduction,
  role: 'MEMBER',
  seconds: 4 * 3600,
  ...overrides,
});
const rulesOf = (...rules: Record<string, unknown>[]): readonly SelfServiceRule[] =>
  selfServiceRules(parsed(v3(rules)));

describe('policy v3', () => {
  it('loads a v2 file unchanged: same object, same sha256 as before v3 existed', () => {
    const policy = parsed(v2Document);

    expect(policy.version).toBe(2);
    expect('selfService' in policy).toBe(false);
    expect(selfServiceRules(policy)).toEqual([]);
    expect(approvalsEnabled(policy)).toBe(true);
    expect(approvalRuleFor(policy, 'org.delete', 'destructive').quorum).toBe(2);
    // Computed with the v2-only parser (commit eae7b22) on this very file.
    expect(policySha(policy)).toBe(
      'b77dc2714324504ded566d4194fad3f6046fa35f86812d284a329064c915be4f',
    );
  });

  it('reads the repo policy: v3 with self-service rules, approvals on', () => {
    const policy = parsed(policyDocument);
    const rules = selfServiceRules(policy);

    expect(policy.version).toBe(3);
    expect(approvalsEnabled(policy)).toBe(true);
    expect(rules.map((r) => r.name)).toEqual(['acme-ml', 'research']);
    expect(rules[0]).toMatchObject({
      roles: ['READ_ONLY', 'MEMBER'],
      maxFor: 8 * 3600,
      approvers: ['arize:space-admins'],
      quorum: 1,
    });
  });

  it('never allows admin unless the rule names it: the default roles are read-only and member', () => {
    const [defaulted] = rulesOf(rule({ roles: undefined }));
    const [named] = rulesOf(rule({ roles: ['admin'] }));

    expect(defaulted?.roles).toEqual(['READ_ONLY', 'MEMBER']);
    expect(named?.roles).toEqual(['ADMIN']);
  });

  it.each([
    [{ ...v2Document, selfService: [rule()] }, 'selfService: needs version 3'],
    [
      v3([rule({ approvers: ['arize:owners'] })]),
      'selfService.0.approvers.0: must be a Slack user id',
    ],
    [v3([rule({ requesters: ['dave'] })]), 'selfService.0.requesters.0: must be a Slack user id'],
    [v3([rule({ roles: ['owner'] })]), 'selfService.0.roles.0: "owner" is not a role'],
    [v3([rule({ maxFor: 'forever' })]), 'selfService.0.maxFor: must be a duration like 30m'],
    [v3([rule({ maxFor: '31d' })]), 'selfService.0.maxFor: must be at most 30d'],
    [v3([rule({ quorum: 2 })]), 'selfService.0.quorum: quorum 2 exceeds the 1 eligible'],
    [v3([rule(), rule({ name: 'ACME' })]), 'selfService.1.name: is used twice'],
    [v3([rule({ extra: true })]), 'selfService.0: Unrecognized key'],
    [{ ...v3([]), approvalsChannel: undefined }, 'approvalsChannel: is required in v3'],
  ])('refuses an invalid v3 policy, naming the path (%#)', (document, problem) => {
    const result = parsePolicy(document);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(problem);
  });

  it('pins a v3 policy by its sha256: a rule change changes it', () => {
    const a = parsed(v3([rule()]));
    const b = parsed(v3([rule({ maxFor: '4h' })]));

    expect(policySha(a)).toBe(policySha(parsed(v3([rule()]))));
    expect(policySha(b)).not.toBe(policySha(a));
  });
});

describe('self-service evaluation', () => {
  it('admits a listed user and a member of a listed group, and no one else', () => {
    const rules = rulesOf(rule());

    expect(selfServiceRuleFor(rules, ask()).ok).toBe(true);
    expect(
      selfServiceRuleFor(rules, ask({ userId: 'U0HEIDI01', groups: new Set(['S0DATA001']) })).ok,
    ).toBe(true);
    const outsider = selfServiceRuleFor(rules, ask({ userId: 'U0EVE0001' }));
    expect(outsider).toEqual({
      ok: false,
      error: {
        code: 'POLICY.NOT_ALLOWED',
        message:
          'No self-service rule of the policy admits you, so you cannot ask for access here.',
      },
    });
  });

  it.each([
    ['an org name in another letter case', { orgs: ['acme ml'] }, true],
    ['an org id', { orgs: ['T3JnOjE='] }, true],
    ['a space name', { orgs: undefined, spaces: ['Production'] }, true],
    ['a space id', { spaces: ['U3BhY2U6MQ=='] }, true],
    ['another org', { orgs: ['Research Lab'] }, false],
    ['another space of the org', { spaces: ['staging'] }, false],
  ])('matches the scope by %s: %o → %s', (_label, scope, covered) => {
    const result = selfServiceRuleFor(rulesOf(rule(scope)), ask());

    expect(result.ok).toBe(covered);
    if (!result.ok) {
      expect(result.error.code).toBe('POLICY.SCOPE');
      expect(result.error.message).toContain(
        'No self-service rule lets you ask for access to space production (Acme ML). You may ask for:',
      );
    }
  });

  it('names the allowed roles when the role is not one of them', () => {
    const result = selfServiceRuleFor(
      rulesOf(rule({ roles: ['read-only'] }), rule({ name: 'b', roles: ['member'], maxFor: '1h' })),
      ask({ role: 'ADMIN' }),
    );

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'POLICY.ROLE',
        message:
          'You may not ask for the admin role in space production (Acme ML): ask for read-only or member.',
      },
    });
  });

  it('names the maximum when the duration is longer than any matching rule allows', () => {
    const result = selfServiceRuleFor(
      rulesOf(rule({ maxFor: '2h' }), rule({ name: 'b', maxFor: '3h' })),
      ask({ seconds: 4 * 3600 }),
    );

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'POLICY.DURATION',
        message:
          '--for 4h is longer than the 3h you may ask for as member in space production (Acme ML): ask for --for 3h or less.',
      },
    });
  });

  it('takes the first rule, in policy order, that allows the role for that long', () => {
    const rules = rulesOf(
      rule({ name: 'short', maxFor: '1h', approvers: ['U0BOB0001'] }),
      rule({ name: 'long', maxFor: '8h', approvers: ['arize:org-admins'], quorum: 1 }),
    );

    const short = selfServiceRuleFor(rules, ask({ seconds: 1800 }));
    const long = selfServiceRuleFor(rules, ask({ seconds: 7200 }));

    expect(short.ok && short.value.name).toBe('short');
    expect(long.ok && long.value.name).toBe('long');
  });

  it('describes a rule in one line', () => {
    const [one] = rulesOf(rule({ spaces: ['production', 'staging'] }));

    expect(one && describeRule(one)).toBe(
      'production, staging in Acme ML: member or read-only for up to 8h, approved by 1 of arize:space-admins',
    );
  });

  it('expands the arize tokens to the mapped admins only; a token with none adds nobody', () => {
    expect(
      expandApprovers(['arize:space-admins', 'arize:org-admins', 'S0ADMINS1', 'U0BOB0001'], {
        'arize:space-admins': ['U0BOB0001', 'U0ALICE01'],
      }),
    ).toEqual(['U0BOB0001', 'U0ALICE01', 'S0ADMINS1']);
  });
});
