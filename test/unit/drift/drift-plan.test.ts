import { describe, expect, it } from 'vitest';
import type { SpaceMember } from '../../../src/domain/arize.ts';
import { parseDesiredAccess } from '../../../src/domain/drift/desired-access.ts';
import { type ActualAccess, planDrift } from '../../../src/domain/drift/drift-plan.ts';

const member = (email: string, role: string, membership = 'EXPLICIT_MEMBERSHIP'): SpaceMember => ({
  user: { id: `id-${email}`, name: email, email },
  role,
  membership,
});

const actual = (members: SpaceMember[]): ActualAccess => ({
  organization: { id: 'org-1', name: 'Acme ML' },
  spaces: [{ id: 'space-1', name: 'production', members }],
});

const desired = (members: Record<string, string>) => {
  const parsed = parseDesiredAccess({
    version: 1,
    organization: 'Acme ML',
    spaces: { production: members },
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('planDrift', () => {
  it('never proposes removing an implicit admin, who is no space membership', () => {
    const plan = planDrift(
      desired({ 'bob@example.com': 'admin' }),
      actual([
        member('bob@example.com', 'ADMIN'),
        member('root@example.com', 'ADMIN', 'ACCOUNT_ADMIN'),
        member('owner@example.com', 'ADMIN', 'ORGANIZATION_ADMIN'),
      ]),
    );

    expect(plan.spaces).toEqual([]);
  });

  it('treats a custom role as a change to the declared one, with the member’s id', () => {
    const plan = planDrift(
      desired({ 'carol@example.com': 'member' }),
      actual([member('Carol@Example.com', 'reviewer')]),
    );

    expect(plan.spaces).toEqual([
      {
        space: 'production',
        spaceId: 'space-1',
        changes: [
          {
            kind: 'change',
            email: 'carol@example.com',
            userId: 'id-Carol@Example.com',
            from: 'reviewer',
            to: 'MEMBER',
          },
        ],
      },
    ]);
  });
});
