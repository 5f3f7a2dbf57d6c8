import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock, DriftStore, MessageRef } from '../../app/ports.ts';
import type { DriftProposal, DriftReport } from '../../domain/drift/drift-fix.ts';
import type { DriftPlan } from '../../domain/drift/drift-plan.ts';
import { type DynamoTable, epochSeconds, isConditionalCheckFailed } from './dynamo-table.ts';

/** A drift's Propose fix works for 30 days; its proposal is in the audit trail for good. */
const keepMs = 30 * 86_400_000;
const driftKey = (driftId: string) => ({ pk: `drift#${driftId}`, sk: 'drift' });

/**
 * Posted drifts: `drift#ID` / `drift`, put once, with the plan as JSON text; the proposal is a
 * conditional update on a drift that has none, taken back only while it is that same proposal.
 */
export class DynamoDriftStore implements DriftStore {
  constructor(
    private readonly table: DynamoTable,
    private readonly clock: Clock,
  ) {}

  async create(report: DriftReport): Promise<boolean> {
    const { plan, proposal: _p, message: _m, ...rest } = report;
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...driftKey(report.id),
            ...rest,
            planText: JSON.stringify(plan),
            expiresAt: epochSeconds(new Date(this.clock.now().getTime() + keepMs)),
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

  async get(driftId: string): Promise<DriftReport | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: driftKey(driftId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, expiresAt: _e, planText, ...rest } = Item;
    return { ...rest, plan: JSON.parse(String(planText)) as DriftPlan } as DriftReport;
  }

  async setMessage(driftId: string, message: MessageRef): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: driftKey(driftId),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET #message = :message',
        ExpressionAttributeNames: { '#message': 'message' },
        ExpressionAttributeValues: { ':message': { channel: message.channel, ts: message.ts } },
      }),
    );
  }

  async propose(driftId: string, proposal: DriftProposal): Promise<boolean> {
    return this.conditionalUpdate(driftId, {
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(proposal)',
      UpdateExpression: 'SET proposal = :proposal',
      ExpressionAttributeValues: { ':proposal': proposal },
    });
  }

  async withdraw(driftId: string, proposal: DriftProposal): Promise<void> {
    await this.conditionalUpdate(driftId, {
      ConditionExpression: 'proposal.#by = :by AND proposal.#at = :at',
      UpdateExpression: 'REMOVE proposal',
      ExpressionAttributeNames: { '#by': 'by', '#at': 'at' },
      ExpressionAttributeValues: { ':by': proposal.by, ':at': proposal.at },
    });
  }

  private async conditionalUpdate(
    driftId: string,
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({ TableName: this.table.tableName, Key: driftKey(driftId), ...input }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
