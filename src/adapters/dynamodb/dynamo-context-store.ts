import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ActiveContext, ContextStore } from '../../app/ports.ts';
import type { Requester } from '../../domain/job.ts';
import type { DynamoTable } from './dynamo-table.ts';

const key = (requester: Requester) => ({
  pk: `context#${requester.teamId}#${requester.userId}`,
  sk: 'context',
});

/** Each Slack user's active org/space, one item per team + user. */
export class DynamoContextStore implements ContextStore {
  constructor(private readonly table: DynamoTable) {}

  async get(requester: Requester): Promise<ActiveContext> {
    const { Item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: key(requester) }),
    );
    if (!Item) return {};
    const { orgId, orgName, spaceId, spaceName } = Item as ActiveContext;
    return { orgId, orgName, spaceId, spaceName };
  }

  async set(requester: Requester, context: ActiveContext): Promise<void> {
    await this.table.client.send(
      new PutCommand({ TableName: this.table.tableName, Item: { ...key(requester), ...context } }),
    );
  }
}
