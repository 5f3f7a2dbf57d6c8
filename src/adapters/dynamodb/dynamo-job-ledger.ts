import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock, JobClaim, JobLedger } from '../../app/ports.ts';
import type { Reply } from '../../domain/reply.ts';
import { type DynamoTable, epochSeconds, isConditionalCheckFailed } from './dynamo-table.ts';

const key = (jobId: string) => ({ pk: `job#${jobId}`, sk: 'job' });

/** Job leases and outcomes as conditional writes on one item per job id. */
export class DynamoJobLedger implements JobLedger {
  constructor(
    private readonly table: DynamoTable,
    private readonly clock: Clock,
  ) {}

  async begin(jobId: string, leaseUntil: Date, expiresAt: Date): Promise<JobClaim> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...key(jobId),
            status: 'RUNNING',
            leaseUntil: leaseUntil.getTime(),
            expiresAt: epochSeconds(expiresAt),
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR (#status = :running AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':running': 'RUNNING', ':now': this.clock.now().getTime() },
        }),
      );
      return { state: 'claimed' };
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: key(jobId), ConsistentRead: true }),
    );
    if (Item?.status === 'DONE') return { state: 'done', reply: JSON.parse(Item.reply as string) };
    return { state: 'running' };
  }

  async finish(jobId: string, reply: Reply, expiresAt: Date): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...key(jobId),
          status: 'DONE',
          reply: JSON.stringify(reply),
          expiresAt: epochSeconds(expiresAt),
        },
      }),
    );
  }

  async release(jobId: string): Promise<void> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key(jobId),
          UpdateExpression: 'SET leaseUntil = :zero',
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':zero': 0, ':running': 'RUNNING' },
        }),
      );
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
