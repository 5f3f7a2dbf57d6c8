import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import {
  createDynamoTable,
  type DynamoTable,
  listingIndex,
  tableKeySchema,
} from '../adapters/dynamodb/dynamo-table.ts';

export interface LocalDynamo {
  endpoint: string;
  tableName: string;
  close(): Promise<void>;
}

/** dynalite in memory on a free port of 127.0.0.1, with the bot's table created. */
export async function startLocalDynamo(tableName = 'arize-ops'): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      ...tableKeySchema,
      AttributeDefinitions: [...tableKeySchema.AttributeDefinitions],
      KeySchema: [...tableKeySchema.KeySchema],
      GlobalSecondaryIndexes: [
        {
          ...listingIndex,
          KeySchema: [...listingIndex.KeySchema],
        },
      ],
    }),
  );
  client.destroy();
  return {
    endpoint,
    tableName,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A client of the local table. */
export const localTable = (dynamo: Pick<LocalDynamo, 'tableName' | 'endpoint'>): DynamoTable =>
  createDynamoTable({
    tableName: dynamo.tableName,
    region: 'us-east-1',
    endpoint: dynamo.endpoint,
  });

/** Deletes every item of the local table (the sandbox's reset): approvals, grants, contexts, jobs. */
export async function clearLocalTable(table: DynamoTable): Promise<number> {
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.tableName,
        ProjectionExpression: 'pk, sk',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const keys = page.Items ?? [];
    for (let i = 0; i < keys.length; i += 25) {
      let requests = keys.slice(i, i + 25).map((key) => ({ DeleteRequest: { Key: key } }));
      while (requests.length > 0) {
        const result = await table.client.send(
          new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[table.tableName] ?? []) as typeof requests;
      }
    }
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}
