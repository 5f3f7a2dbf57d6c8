import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditLog, AuditRecord } from '../../app/ports.ts';
import { type DynamoTable, isConditionalCheckFailed } from './dynamo-table.ts';

/**
 * Append-only audit records (`audit#REQUEST` / record id), no TTL. A put never overwrites: a
 * retried step finds its record already there and adds nothing.
 */
export class DynamoAuditLog implements AuditLog {
  constructor(private readonly table: DynamoTable) {}

  async append(record: AuditRecord): Promise<void> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { pk: `audit#${record.requestId}`, sk: record.id, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
