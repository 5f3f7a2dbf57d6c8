import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStack } from './synth-stack.ts';

const { stack, template } = synthesizeStack();
const tableId = logicalIdOf(stack.state.table);

type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
};
type Policy = {
  Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } };
};

const policies = Object.values(
  template.findResources('AWS::IAM::Policy') as Record<string, Policy>,
);
const lambdaRoleIds = Object.values(
  template.findResources('AWS::Lambda::Function') as Record<
    string,
    { Properties: { Role: { 'Fn::GetAtt': [string, string] } } }
  >,
).map((fn) => fn.Properties.Role['Fn::GetAtt'][0]);

const denyOf = (roleId: string): Statement | undefined =>
  policies
    .filter((p) => p.Properties.Roles.some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .find((s) => s.Sid === 'AuditRecordsAreAppendOnly');

describe('audit records are append-only (IAM)', () => {
  it('covers the slack function, the worker and the dead-letter function', () => {
    const named = [
      stack.slackIngress.function.role,
      stack.worker.function.role,
      stack.worker.deadLetterFunction.role,
    ].map((role) => logicalIdOf(role!));

    expect(lambdaRoleIds).toEqual(expect.arrayContaining(named));
  });

  it('denies every function role updates and deletes of audit# items, on the table and its index', () => {
    expect(lambdaRoleIds.length).toBeGreaterThanOrEqual(3);
    for (const roleId of lambdaRoleIds) {
      const deny = denyOf(roleId);
      expect(deny, roleId).toBeDefined();
      expect(deny?.Effect).toBe('Deny');
      // Written out, not read from the construct: dropping one from the stack must fail here.
      expect([deny?.Action].flat().sort()).toEqual([
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:PartiQLDelete',
        'dynamodb:PartiQLUpdate',
        'dynamodb:UpdateItem',
      ]);
      expect(deny?.Condition).toEqual({
        'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['audit#*'] },
      });
      const resources = JSON.stringify(deny?.Resource);
      expect(resources).toContain(`"${tableId}","Arn"`);
      expect(resources).toContain('/index/*');
    }
  });

  it('still lets the functions put audit records (PutItem is not denied)', () => {
    for (const roleId of lambdaRoleIds) {
      expect([denyOf(roleId)?.Action].flat()).not.toContain('dynamodb:PutItem');
    }
  });
});
