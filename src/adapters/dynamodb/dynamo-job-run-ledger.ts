import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  Clock,
  JobRunActions,
  JobRunClaim,
  JobRunKey,
  JobRunLedger,
} from '../../app/ports.ts';
import { type DynamoTable, epochSeconds, isConditionalCheckFailed } from './dynamo-table.ts';

/** Runs are kept a month: the latest ones show what each job did and when. */
const keepMs = 30 * 86_400_000;

const key = (run: JobRunKey) => ({
  pk: `jobrun#${run.job}`,
  sk: run.scheduledTime.toISOString(),
});

/**
 * One item per run (`jobrun#JOB`, scheduled time): RUNNING with a lease, PARTIAL between
 * invocations, FINISHED or FAILED. Every transition is one conditional write.
 */
export class DynamoJobRunLedger implements JobRunLedger {
  constructor(
    private readonly table: DynamoTable,
    private readonly clock: Clock,
  ) {}

  async claim(run: JobRunKey, leaseUntil: Date, options: { rerun: boolean }): Promise<JobRunClaim> {
    const now = this.clock.now();
    const values = {
      ':running': 'RUNNING',
      ':lease': leaseUntil.getTime(),
      ':now': now.getTime(),
      ':at': now.toISOString(),
      ':expires': epochSeconds(new Date(now.getTime() + keepMs)),
    };
    try {
      const { Attributes: old } = await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key(run),
          UpdateExpression:
            'SET #status = :running, leaseUntil = :lease, expiresAt = :expires, startedAt = if_not_exists(startedAt, :at)',
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :failed OR (#status IN (:running, :partial) AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...values, ':failed': 'FAILED', ':partial': 'PARTIAL' },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return {
        state: 'claimed',
        ...(typeof old?.checkpoint === 'string' ? { checkpoint: JSON.parse(old.checkpoint) } : {}),
        continuations: Number(old?.continuations ?? 0),
        actions: readActions(old?.actions),
      };
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    if (options.rerun && (await this.claimFinishedAfresh(run, values))) {
      return { state: 'claimed', continuations: 0, actions: {} };
    }
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: key(run), ConsistentRead: true }),
    );
    if (Item?.status === 'FINISHED')
      return { state: 'finished', actions: readActions(Item.actions) };
    return { state: 'running' };
  }

  /** A job that re-runs harmlessly (the sweep) starts over when its scheduled time is retried. */
  private async claimFinishedAfresh(run: JobRunKey, values: Record<string, unknown>) {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key(run),
          UpdateExpression:
            'SET #status = :running, leaseUntil = :lease, expiresAt = :expires, startedAt = :at REMOVE checkpoint, posted, actions, continuations, finishedAt',
          ConditionExpression: '#status = :finished',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':running': values[':running'],
            ':lease': values[':lease'],
            ':at': values[':at'],
            ':expires': values[':expires'],
            ':finished': 'FINISHED',
          },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async checkpoint(
    run: JobRunKey,
    progress: { checkpoint: unknown; actions: JobRunActions; continuations: number },
    options: { release: boolean },
  ): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key(run),
        UpdateExpression: options.release
          ? 'SET checkpoint = :checkpoint, actions = :actions, continuations = :continuations, #status = :partial, leaseUntil = :zero'
          : 'SET checkpoint = :checkpoint, actions = :actions, continuations = :continuations',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':checkpoint': JSON.stringify(progress.checkpoint),
          ':actions': JSON.stringify(progress.actions),
          ':continuations': progress.continuations,
          ':running': 'RUNNING',
          ...(options.release ? { ':partial': 'PARTIAL', ':zero': 0 } : {}),
        },
      }),
    );
  }

  async finish(run: JobRunKey, actions: JobRunActions): Promise<void> {
    await this.end(run, 'FINISHED', actions);
  }

  async fail(run: JobRunKey, reason: string, actions: JobRunActions): Promise<void> {
    await this.end(run, 'FAILED', actions, reason);
  }

  private async end(run: JobRunKey, status: string, actions: JobRunActions, reason?: string) {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key(run),
        UpdateExpression: `SET #status = :status, actions = :actions, finishedAt = :at, leaseUntil = :zero${reason ? ', reason = :reason' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':actions': JSON.stringify(actions),
          ':at': this.clock.now().toISOString(),
          ':zero': 0,
          ...(reason ? { ':reason': reason.slice(0, 1000) } : {}),
        },
      }),
    );
  }

  async markPosted(run: JobRunKey, postKey: string): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key(run),
          UpdateExpression: 'ADD posted :key',
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(posted, :one)',
          ExpressionAttributeValues: { ':key': new Set([postKey]), ':one': postKey },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async unmarkPosted(run: JobRunKey, postKey: string): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key(run),
        UpdateExpression: 'DELETE posted :key',
        ExpressionAttributeValues: { ':key': new Set([postKey]) },
      }),
    );
  }
}

function readActions(stored: unknown): JobRunActions {
  return typeof stored === 'string' ? (JSON.parse(stored) as JobRunActions) : {};
}
