import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The single table: `pk`/`sk` strings, TTL on `expiresAt` (epoch seconds). */
export interface DynamoTable {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export interface DynamoTableOptions {
  tableName: string;
  region: string;
  /** Set only locally (dynalite). */
  endpoint?: string;
}

export function createDynamoTable(options: DynamoTableOptions): DynamoTable {
  const base = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, tableName: options.tableName };
}

/** The key schema the CDK stack and the local stack both create. */
export const tableKeySchema = {
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
} as const;

export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';
