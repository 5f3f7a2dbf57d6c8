import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock, ReplayGuard } from '../../app/ports.ts';
import { type DynamoTable, epochSeconds, isConditionalCheckFailed } from './dynamo-table.ts';

/**
 * One conditional put per request signature. DynamoDB's TTL deletes lazily (dynalite never), so an
 * item past `expiresAt` counts as absent and may be claimed again.
 */
export class DynamoReplayGuard implements ReplayGuard {
  constructor(
    private readonly table: DynamoTable,
    private readonly clock: Clock,
  ) {}

  async claim(signature: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { pk: `replay#${signature}`, sk: 'replay', expiresAt: epochSeconds(expiresAt) },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': epochSeconds(this.clock.now()) },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
