import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock, ReportStore } from '../../app/ports.ts';
import {
  batchWriteAll,
  type DynamoTable,
  epochSeconds,
  isConditionalCheckFailed,
} from './dynamo-table.ts';

/** A run's parts are kept a week: long enough for every continuation and a look afterwards. */
const keepPartsMs = 7 * 86_400_000;
/** Text per item, well under DynamoDB's 400 KB item limit (UTF-16 units; a unit is ≤ 3 bytes). */
const chunkChars = 100_000;

const partKey = (runId: string, part: string, chunk: number) => ({
  pk: `report#${runId}`,
  sk: `part#${part}#${String(chunk).padStart(4, '0')}`,
});

/**
 * Report parts as JSON text in chunks (`report#RUN`, `part#NAME#0000`…; the first chunk says how
 * many there are, so a part saved again with fewer chunks reads whole even before the surplus
 * chunks are deleted), and the last snapshot of each scope (`report-snapshot#SCOPE`), replaced
 * only by a later one.
 */
export class DynamoReportStore implements ReportStore {
  constructor(
    private readonly table: DynamoTable,
    private readonly clock: Clock,
  ) {}

  async putPart(runId: string, part: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value) ?? 'null';
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += chunkChars) chunks.push(text.slice(i, i + chunkChars));
    if (chunks.length === 0) chunks.push('');
    const before = await this.chunkCount(runId, part);
    const expiresAt = epochSeconds(new Date(this.clock.now().getTime() + keepPartsMs));
    const items = chunks.map((chunk, i) => ({
      ...partKey(runId, part, i),
      text: chunk,
      expiresAt,
      ...(i === 0 ? { chunks: chunks.length } : {}),
    }));
    // The later chunks first: the first, which says how many to read, is written last.
    const later = items.slice(1).map((Item) => ({ PutRequest: { Item } }));
    await this.writeAll(later);
    await this.table.client.send(
      new PutCommand({ TableName: this.table.tableName, Item: items[0] }),
    );
    const surplus = Array.from({ length: Math.max(0, before - items.length) }, (_, i) => ({
      DeleteRequest: { Key: partKey(runId, part, items.length + i) },
    }));
    await this.writeAll(surplus);
  }

  /** How many chunks a part has now (0: not saved yet). */
  private async chunkCount(runId: string, part: string): Promise<number> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: partKey(runId, part, 0),
        ConsistentRead: true,
      }),
    );
    return Item ? Number(Item.chunks ?? 1) : 0;
  }

  async parts(runId: string, prefix: string): Promise<unknown[]> {
    const items: Array<{ sk: string; text: string; chunks?: number }> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `report#${runId}`, ':prefix': `part#${prefix}` },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...((page.Items ?? []) as typeof items));
      start = page.LastEvaluatedKey;
    } while (start);
    const byPart = new Map<string, string[]>();
    const counts = new Map<string, number>();
    for (const item of items) {
      const cut = item.sk.lastIndexOf('#');
      const name = item.sk.slice(0, cut);
      const index = Number(item.sk.slice(cut + 1));
      if (index === 0) counts.set(name, item.chunks ?? 1);
      const texts = byPart.get(name) ?? [];
      texts[index] = item.text;
      byPart.set(name, texts);
    }
    return [...byPart.entries()]
      .filter(([name]) => counts.has(name))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, texts]) => JSON.parse(texts.slice(0, counts.get(name)).join('')) as unknown);
  }

  async lastSnapshot(scope: string): Promise<unknown> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { pk: `report-snapshot#${scope}`, sk: 'latest' },
        ConsistentRead: true,
      }),
    );
    return typeof Item?.snapshot === 'string' ? (JSON.parse(Item.snapshot) as unknown) : undefined;
  }

  async saveSnapshot(scope: string, at: string, snapshot: unknown): Promise<void> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            pk: `report-snapshot#${scope}`,
            sk: 'latest',
            at,
            snapshot: JSON.stringify(snapshot),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #at < :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** Batches of at most 25 writes, each retried while DynamoDB keeps some back. */
  private writeAll(requests: Record<string, unknown>[]): Promise<void> {
    return batchWriteAll(this.table, requests, 'report part');
  }
}
