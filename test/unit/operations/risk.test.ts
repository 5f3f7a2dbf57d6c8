import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import { mayUseContext } from '../../../src/domain/operations/context-rules.ts';
import { highestRisk, type Risk } from '../../../src/domain/operations/operation.ts';
import { requiresApproval } from '../../../src/domain/operations/requires-approval.ts';

const riskOf = (text: string): Risk => {
  const result = parseCommand(text, catalogue);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.command.operation.risk(result.command.args);
};

describe('risk is computed from the arguments: the highest part wins', () => {
  it.each([
    ['org list', 'read'],
    ['space members production', 'read'],
    ['url org "Acme ML"', 'read'],
    ['use --org "Acme ML"', 'read'],
    ['whoami', 'read'],
    ['help', 'read'],
    ['org create Lab', 'write'],
    ['org create Lab --space first', 'write'],
    ['org update Lab --name Lab2', 'write'],
    ['space create lab --private', 'write'],
    ['space update lab --name lab2', 'write'],
    ['space update lab --private true', 'write'],
    ['space update lab --private false', 'privilege'],
    ['space update lab --name lab2 --private false', 'privilege'],
    ['user invite a@x.io --name A', 'write'],
    ['user invite a@x.io --name A --role annotator', 'write'],
    ['user invite a@x.io --name A --role member --mode none', 'write'],
    ['user invite a@x.io --name A --role admin', 'privilege'],
    ['user invite a@x.io --name A --developer', 'privilege'],
    ['user invite a@x.io --name A --developer=false', 'write'],
    ['user invite a@x.io --name A --mode password', 'secret'],
    ['user invite a@x.io --name A --role admin --mode password', 'secret'],
    ['user update a@x.io --name B', 'write'],
    ['user update a@x.io --developer true', 'privilege'],
    ['user update a@x.io --developer false', 'privilege'],
    ['user update a@x.io --name B --developer true', 'privilege'],
    ['user resend-invite a@x.io', 'write'],
    ['user reset-password a@x.io', 'write'],
    ['org add-user Lab a@x.io --role read-only', 'privilege'],
    ['space add-user a@x.io --space p --role annotator', 'privilege'],
    ['org remove-user Lab a@x.io', 'destructive'],
    ['space remove-user a@x.io --space p', 'destructive'],
    ['org delete Lab', 'destructive'],
    ['space delete p', 'destructive'],
    ['user delete a@x.io', 'destructive'],
    ['key revoke ci --space p', 'destructive'],
    ['key list --space p', 'read'],
    ['key create ci --space p --role read-only', 'secret'],
    ['key refresh ci --space p', 'secret'],
  ] as const)('%s → %s', (text, risk) => {
    expect(riskOf(text)).toBe(risk);
  });

  it('ranks read < write < privilege < destructive < secret', () => {
    expect(highestRisk()).toBe('read');
    expect(highestRisk('write', 'read')).toBe('write');
    expect(highestRisk('privilege', 'secret', 'destructive')).toBe('secret');
    expect(highestRisk('destructive', 'privilege')).toBe('destructive');
  });
});

describe('requiresApproval and context', () => {
  it.each([
    ['read', false, true],
    ['write', false, true],
    ['privilege', true, true],
    ['destructive', true, false],
    ['secret', true, false],
  ] as const)('%s: approval %s, context allowed %s', (risk, approval, context) => {
    expect(requiresApproval(risk)).toBe(approval);
    expect(mayUseContext(risk)).toBe(context);
  });
});

describe('item counts', () => {
  it.each([
    ['space add-user a@x.io,b@x.io --space p,q,r --role member', 6],
    ['space add-user a@x.io,b@x.io --role member', 2],
    ['space remove-user a@x.io --space p,q', 2],
    ['org add-user Lab a@x.io,b@x.io,c@x.io --role member', 3],
    ['org remove-user Lab a@x.io', 1],
  ])('%s touches %i items', (text, count) => {
    const result = parseCommand(text, catalogue);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.command.operation.itemCount?.(result.command.args)).toBe(count);
  });
});
