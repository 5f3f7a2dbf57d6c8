import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GrantChanges, GrantStore } from '../../app/ports.ts';
import type { Grant, GrantEvent, GrantStatus } from '../../domain/grants/grant.ts';
import {
  type DynamoTable,
  epochSeconds,
  isConditionalCheckFailed,
  listingIndex,
} from './dynamo-table.ts';

const grantKey = (grantId: string) => ({ pk: `grant#${grantId}`, sk: 'grant' });
const activePartition = 'grants#active';
/** Ended grants stay readable for a while (the audit trail keeps their story for good). */
const retentionMs = 90 * 86_400_000;

/**
 * One item per grant (`grant#ID` / `grant`). While ACTIVE or ENDING it is in the sparse listing
 * `grants#active` on gsi1, sorted by when it is next due: its end while ACTIVE, the lapse of
 * its lease while ENDING. The write that changes the status or those times moves its listing key
 * in the same conditional write, and a final status takes it out: due grants are one query.
 */
export class DynamoGrantStore implements GrantStore {
  constructor(private readonly table: DynamoTable) {}

  async create(grant: Grant): Promise<boolean> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...grantKey(grant.id), ...toItem(grant), ...listingOf(grant) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async get(grantId: string): Promise<Grant | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: grantKey(grantId),
        ConsistentRead: true,
      }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async update(grant: Grant, changes: GrantChanges, event: GrantEvent): Promise<Grant | undefined> {
    const next: Grant = { ...grant, ...changes };
    const names: Record<string, string> = { '#version': 'version', '#history': 'history' };
    const values: Record<string, unknown> = {
      ':expected': grant.version,
      ':next': grant.version + 1,
      ':event': [event],
    };
    const sets = ['#version = :next', '#history = list_append(#history, :event)'];
    Object.entries(changes).forEach(([field, value], i) => {
      if (value === undefined) return;
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      sets.push(`#f${i} = :v${i}`);
    });
    const listing = listingOf(next);
    const removes: string[] = [];
    if (listing.gsi1pk) {
      values[':gsi1pk'] = listing.gsi1pk;
      values[':gsi1sk'] = listing.gsi1sk;
      sets.push('gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk');
    } else {
      removes.push('gsi1pk', 'gsi1sk');
      values[':ttl'] = epochSeconds(new Date(Date.parse(next.endsAt) + retentionMs));
      sets.push('expiresAt = :ttl');
    }
    if (changes.status === 'ACTIVE' && changes.endsAt !== undefined) removes.push('warnedAt');
    try {
      const { Attributes } = await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: grantKey(grant.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
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

  async markWarned(grantId: string, at: Date): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: grantKey(grantId),
          UpdateExpression: 'SET warnedAt = :at, #history = list_append(#history, :event)',
          ConditionExpression:
            'attribute_exists(pk) AND #status = :active AND attribute_not_exists(warnedAt)',
          ExpressionAttributeNames: { '#status': 'status', '#history': 'history' },
          ExpressionAttributeValues: {
            ':at': at.toISOString(),
            ':active': 'ACTIVE' satisfies GrantStatus,
            ':event': [{ at: at.toISOString(), event: 'warned' } satisfies GrantEvent],
          },
        }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async listDue(until: Date): Promise<Grant[]> {
    // `~` sorts after every `#id` suffix: everything due at or before `until` is in range.
    return this.query('gsi1pk = :active AND gsi1sk <= :until', {
      ':active': activePartition,
      ':until': `${until.toISOString()}~`,
    });
  }

  listActive(): Promise<Grant[]> {
    return this.query('gsi1pk = :active', { ':active': activePartition });
  }

  /** Every page of a listing query, soonest first; only ACTIVE and ENDING grants are in it. */
  private async query(condition: string, values: Record<string, unknown>): Promise<Grant[]> {
    const grants: Grant[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: listingIndex.IndexName,
          KeyConditionExpression: condition,
          ExpressionAttributeValues: values,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      grants.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return grants.filter((g) => g.status === 'ACTIVE' || g.status === 'ENDING');
  }
}

/** The listing key a grant has in this state: when it is next due; none once final. */
function listingOf(grant: Grant): { gsi1pk?: string; gsi1sk?: string } {
  if (grant.status === 'ACTIVE')
    return { gsi1pk: activePartition, gsi1sk: `${grant.endsAt}#${grant.id}` };
  if (grant.status === 'ENDING') {
    return { gsi1pk: activePartition, gsi1sk: `${grant.leaseUntil ?? grant.endsAt}#${grant.id}` };
  }
  return {};
}

/** The table's TTL attribute is `expiresAt`; an active grant has none (it must not vanish). */
const toItem = (grant: Grant): Record<string, unknown> => ({ ...grant });

function fromItem(item: Record<string, unknown>): Grant {
  const { pk: _pk, sk: _sk, gsi1pk: _p, gsi1sk: _s, expiresAt: _ttl, ...rest } = item;
  return rest as unknown as Grant;
}
