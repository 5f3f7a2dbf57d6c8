import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalChanges, ApprovalStore } from '../../app/ports.ts';
import type { ApprovalRequest, Vote } from '../../domain/approvals/approval.ts';
import {
  type DynamoTable,
  epochSeconds,
  isConditionalCheckFailed,
  listingIndex,
} from './dynamo-table.ts';

const pk = (requestId: string) => `approval#${requestId}`;
const requestKey = (requestId: string) => ({ pk: pk(requestId), sk: 'request' });
/** Requests stay readable for a while after they expire (audit records have no TTL). */
const retentionMs = 90 * 86_400_000;

/**
 * One item per request (`approval#ID` / `request`) and one per vote (`approval#ID` /
 * `vote#USER`). Every change is conditional on the version read: no transactions needed.
 */
export class DynamoApprovalStore implements ApprovalStore {
  constructor(private readonly table: DynamoTable) {}

  async create(request: ApprovalRequest): Promise<boolean> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...requestKey(request.id),
            ...toItem(request),
            ...(request.status === 'PENDING' ? pendingListing(request) : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async get(requestId: string): Promise<ApprovalRequest | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: requestKey(requestId),
        ConsistentRead: true,
      }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async update(
    requestId: string,
    version: number,
    changes: ApprovalChanges,
  ): Promise<ApprovalRequest | undefined> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': version, ':next': version + 1 };
    const sets = ['#version = :next'];
    entries.forEach(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      sets.push(`#f${i} = :v${i}`);
    });
    // Leaving PENDING leaves the sparse listing of pending requests, in the same write.
    const leavesPending = changes.status !== undefined && changes.status !== 'PENDING';
    const removes = leavesPending ? ' REMOVE gsi1pk, gsi1sk' : '';
    try {
      const { Attributes } = await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: requestKey(requestId),
          UpdateExpression: `SET ${sets.join(', ')}${removes}`,
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? fromItem(Attributes) : undefined;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  async recordVote(requestId: string, vote: Vote): Promise<boolean> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { pk: pk(requestId), sk: `vote#${vote.userId}`, ...vote },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async listPending(
    query: { requesterUserId?: string; limit?: number } = {},
  ): Promise<ApprovalRequest[]> {
    const { Items = [] } = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: listingIndex.IndexName,
        KeyConditionExpression: 'gsi1pk = :pending',
        ExpressionAttributeValues: { ':pending': pendingPartition },
        ScanIndexForward: false,
        Limit: 100,
      }),
    );
    return Items.map(fromItem)
      .filter((request) => request.status === 'PENDING')
      .filter((r) => !query.requesterUserId || r.requester.userId === query.requesterUserId)
      .slice(0, query.limit ?? 50);
  }

  async claimRender(requestId: string, version: number): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: requestKey(requestId),
          UpdateExpression: 'SET renderedVersion = :v',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(renderedVersion) OR renderedVersion < :v)',
          ExpressionAttributeValues: { ':v': version },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

const pendingPartition = 'approvals#pending';
const pendingListing = (request: ApprovalRequest) => ({
  gsi1pk: pendingPartition,
  gsi1sk: `${request.createdAt}#${request.id}`,
});

/** The table's TTL attribute is `expiresAt` (epoch seconds): the request's own expiry is renamed. */
function toItem(request: ApprovalRequest): Record<string, unknown> {
  const { expiresAt, ...rest } = request;
  return {
    ...rest,
    approvalExpiresAt: expiresAt,
    expiresAt: epochSeconds(new Date(Date.parse(expiresAt) + retentionMs)),
  };
}

function fromItem(item: Record<string, unknown>): ApprovalRequest {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _gsi1pk,
    gsi1sk: _gsi1sk,
    expiresAt: _ttl,
    approvalExpiresAt,
    ...rest
  } = item;
  return { ...rest, expiresAt: approvalExpiresAt } as ApprovalRequest;
}
