import type { IAspect } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/** The partition-key prefix of audit records (`audit#<requestId>`, dynamo-audit-log.ts). */
export const auditKeyPrefix = 'audit#';

/** Every DynamoDB action that can change or remove an existing item. */
export const auditChangeActions = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
] as const;

/** The explicit Deny that keeps audit records append-only, whatever else a role is granted. */
export function auditAppendOnlyStatement(table: ITable): PolicyStatement {
  return new PolicyStatement({
    sid: 'AuditRecordsAreAppendOnly',
    effect: Effect.DENY,
    actions: [...auditChangeActions],
    resources: [table.tableArn, `${table.tableArn}/index/*`],
    conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${auditKeyPrefix}*`] } },
  });
}

/**
 * Adds the audit Deny to the role of every Lambda function in scope, including ones added later
 * by other constructs: the functions may put audit records but never update or delete them.
 * IAM cannot stop a PutItem from overwriting one; our put is conditional (attribute_not_exists).
 */
export class AuditAppendOnly implements IAspect {
  constructor(private readonly table: ITable) {}

  visit(node: IConstruct): void {
    if (node instanceof LambdaFunction) {
      node.role?.addToPrincipalPolicy(auditAppendOnlyStatement(this.table));
    }
  }
}
