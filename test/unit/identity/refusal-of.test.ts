import { describe, expect, it } from 'vitest';
import { type PersonFacts, refusalOf } from '../../../src/domain/identity.ts';

const member: PersonFacts = { teamId: 'T1', isBot: false, deleted: false, isGuest: false };

describe('refusalOf', () => {
  it('lets a full member of the workspace take part', () => {
    expect(refusalOf(member, 'T1')).toBeUndefined();
  });

  it.each([
    ['an unknown user', undefined, 'does not know'],
    ['another workspace', { ...member, teamId: 'T2' }, 'other workspaces'],
    ['a bot', { ...member, isBot: true }, 'bots'],
    ['a deactivated user', { ...member, deleted: true }, 'deactivated'],
    ['a guest', { ...member, isGuest: true }, 'guests'],
  ])('refuses %s', (_label, person, reason) => {
    expect(refusalOf(person, 'T1')).toContain(reason);
  });
});
