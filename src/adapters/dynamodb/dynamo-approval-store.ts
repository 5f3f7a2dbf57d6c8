import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalChanges, ApprovalStore, Clock } from '../../app/ports.ts';
import type { ApprovalRequest, ApprovalStatus, Vote } from '../../domain/approvals/approval.ts';
import { adoptCorrelation, currentCorrelationId } from '../logging/correlation.ts';
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
 * Two sparse listings on gsi1 let the sweep find its work without a scan: `approvals#pending`
 * (PENDING) and `approvals#inflight` (APPROVED, EXECUTING); the write that changes the status
 * moves the item between them and stamps `statusChangedAt`.
 */
export class DynamoApprovalStore implements ApprovalStore {
  constructor(
    private readonly table: DynamoTable,
    private readonly clock: Clock,
  ) {}

  async create(request: ApprovalRequest): Promise<boolean> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...requestKey(request.id),
            // Stored with the command under way: the clicks on it later join that command.
            ...toItem({
              ...request,
              correlationId: request.correlationId ?? currentCorrelationId(),
            }),
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
    if (!Item) return undefined;
    const request = fromItem(Item);
    adoptCorrelation(request.correlationId);
    return request;
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
    let removes = '';
    if (changes.status !== undefined) {
      // The listings follow the status in the same write: never listed in the wrong one.
      const changedAt = this.clock.now().toISOString();
      values[':changedAt'] = changedAt;
      sets.push('statusChangedAt = :changedAt');
      const listing = listingFor(changes.status, requestId, changedAt);
      if (listing) {
        values[':gsi1pk'] = listing.gsi1pk;
        values[':gsi1sk'] = listing.gsi1sk;
        sets.push('gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk');
      } else if (changes.status !== 'PENDING') {
        removes = ' REMOVE gsi1pk, gsi1sk';
      }
    }
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

  async listExpired(now: Date): Promise<ApprovalRequest[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'gsi1pk = :pending',
      FilterExpression: 'approvalExpiresAt <= :now',
      ExpressionAttributeValues: { ':pending': pendingPartition, ':now': now.toISOString() },
    });
    return items.map(fromItem).filter((request) => request.status === 'PENDING');
  }

  async listInFlight(): Promise<ApprovalRequest[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'gsi1pk = :inflight',
      ExpressionAttributeValues: { ':inflight': inFlightPartition },
    });
    return items
      .map(fromItem)
      .filter((request) => request.status === 'APPROVED' || request.status === 'EXECUTING');
  }

  /** Every page of a gsi1 query, oldest first (a listing holds only unfinished requests). */
  private async queryAll(query: {
    KeyConditionExpression: string;
    FilterExpression?: string;
    ExpressionAttributeValues: Record<string, unknown>;
  }): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: listingIndex.IndexName,
          ...query,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
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
const inFlightPartition = 'approvals#inflight';

/** The listing a request belongs in while it has this status; none once it is final. */
function listingFor(
  status: ApprovalStatus,
  requestId: string,
  changedAt: string,
): { gsi1pk: string; gsi1sk: string } | undefined {
  if (status === 'APPROVED' || status === 'EXECUTING') {
    return { gsi1pk: inFlightPartition, gsi1sk: `${changedAt}#${requestId}` };
  }
  return undefined;
}
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
