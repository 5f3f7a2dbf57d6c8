import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditLog, AuditRecord } from '../../app/ports.ts';
import type { Page } from '../../domain/arize.ts';
import {
  type DynamoTable,
  decodeCursor,
  encodeCursor,
  isConditionalCheckFailed,
  listingIndex,
} from './dynamo-table.ts';

const auditPartition = 'audit';

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
          Item: {
            pk: `audit#${record.requestId}`,
            sk: record.id,
            // Listed by time across requests (`audit --since 7d`) through the sparse index.
            gsi1pk: auditPartition,
            gsi1sk: `${record.at}#${record.id}`,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async list(query: {
    since: Date;
    actor?: string;
    cursor?: string;
    limit?: number;
  }): Promise<Page<AuditRecord>> {
    const startKey = decodeCursor(query.cursor);
    const { Items = [], LastEvaluatedKey } = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: listingIndex.IndexName,
        KeyConditionExpression: 'gsi1pk = :audit AND gsi1sk >= :since',
        ...(query.actor ? { FilterExpression: 'actor = :actor' } : {}),
        ExpressionAttributeValues: {
          ':audit': auditPartition,
          ':since': query.since.toISOString(),
          ...(query.actor ? { ':actor': query.actor } : {}),
        },
        ScanIndexForward: false,
        Limit: query.limit ?? 20,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const nextCursor = encodeCursor(LastEvaluatedKey);
    return {
      items: Items.map(({ id, requestId, event, at, actor, detail }) => ({
        id,
        requestId,
        event,
        at,
        ...(actor ? { actor } : {}),
        detail: detail ?? {},
      })) as AuditRecord[],
      ...(nextCursor ? { nextCursor } : {}),
    };
  }
}
