import { PutItemCommand } from '@aws-sdk/client-dynamodb';
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
      // The low-level client: this put runs on every Slack request (see DynamoTable.hotPath).
      await this.table.hotPath.send(
        new PutItemCommand({
          TableName: this.table.tableName,
          Item: {
            pk: { S: `replay#${signature}` },
            sk: { S: 'replay' },
            expiresAt: { N: String(epochSeconds(expiresAt)) },
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': { N: String(epochSeconds(this.clock.now())) } },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
