import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NameDirectory } from '../../app/ports.ts';
import type {
  Directory,
  DirectoryOrg,
  DirectorySpace,
} from '../../domain/directory/name-directory.ts';
import { batchWriteAll, type DynamoTable, isConditionalCheckFailed } from './dynamo-table.ts';

const pk = 'directory';
const keyOf = (kind: 'org' | 'space', id: string) => ({ pk, sk: `${kind}#${id}` });

interface DirectoryItem {
  sk: string;
  name: string;
  orgId?: string;
  seenAt: string;
}

/**
 * The name directory in one partition (`directory`, `org#ID` / `space#ID`, with the name, the
 * space's org id and when it was last seen): read whole with one query (a thousand spaces are
 * about 120 KB, one page), written in batches of 25.
 */
export class DynamoNameDirectory implements NameDirectory {
  constructor(private readonly table: DynamoTable) {}

  async read(): Promise<Directory> {
    const directory: Directory = { orgs: [], spaces: [] };
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'sk, #name, orgId',
          ExpressionAttributeNames: { '#name': 'name' },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of (page.Items ?? []) as DirectoryItem[]) {
        const [kind, id = ''] = splitKey(item.sk);
        if (kind === 'org') directory.orgs.push({ id, name: item.name });
        else if (kind === 'space' && item.orgId) {
          directory.spaces.push({ id, name: item.name, orgId: item.orgId });
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return directory;
  }

  async record(
    entries: { orgs?: DirectoryOrg[]; spaces?: DirectorySpace[] },
    at: Date,
  ): Promise<void> {
    const seenAt = at.toISOString();
    const items = [
      ...(entries.orgs ?? []).map((org) => ({ ...keyOf('org', org.id), name: org.name, seenAt })),
      ...(entries.spaces ?? []).map((space) => ({
        ...keyOf('space', space.id),
        name: space.name,
        orgId: space.orgId,
        seenAt,
      })),
    ];
    // One write per entry, even when a list named it twice (a batch refuses duplicate keys).
    const unique = [...new Map(items.map((item) => [item.sk, item])).values()];
    await batchWriteAll(
      this.table,
      unique.map((Item) => ({ PutRequest: { Item } })),
      'directory',
    );
  }

  async rename(kind: 'org' | 'space', id: string, name: string, at: Date): Promise<void> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keyOf(kind, id),
          UpdateExpression: 'SET #name = :name, seenAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name, ':at': at.toISOString() },
        }),
      );
    } catch (error: unknown) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async forget(
    kind: 'org' | 'space',
    id: string,
    options: { unseenSince?: Date } = {},
  ): Promise<number> {
    let forgotten = (await this.deleteOne(kind, id, options.unseenSince)) ? 1 : 0;
    if (kind === 'org') {
      const { spaces } = await this.read();
      for (const space of spaces.filter((s) => s.orgId === id)) {
        if (await this.deleteOne('space', space.id, options.unseenSince)) forgotten += 1;
      }
    }
    return forgotten;
  }

  private async deleteOne(kind: 'org' | 'space', id: string, unseenSince?: Date) {
    try {
      const { Attributes } = await this.table.client.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: keyOf(kind, id),
          ReturnValues: 'ALL_OLD',
          ...(unseenSince
            ? {
                ConditionExpression: 'seenAt < :since',
                ExpressionAttributeValues: { ':since': unseenSince.toISOString() },
              }
            : {}),
        }),
      );
      return Attributes !== undefined;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

const splitKey = (sk: string): [string, string] => {
  const at = sk.indexOf('#');
  return [sk.slice(0, at), sk.slice(at + 1)];
};
