import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessReviewStore } from '../../app/ports.ts';
import type {
  AccessReview,
  ReviewDecision,
  ReviewMember,
  ReviewMessage,
} from '../../domain/reviews/access-review.ts';
import { type DynamoTable, isConditionalCheckFailed, listingIndex } from './dynamo-table.ts';

const openListing = 'access-review#open';
const pk = (reviewId: string) => `access-review#${reviewId}`;
const reviewKey = (reviewId: string) => ({ pk: pk(reviewId), sk: 'review' });
const memberKey = (reviewId: string, index: number) => ({
  pk: pk(reviewId),
  sk: `member#${String(index).padStart(6, '0')}`,
});

/**
 * Access reviews: `access-review#ID` holds the review (`review`, in the open listing while it is
 * OPEN, by deadline) and its members (`member#000000`…), each put once; a decision is a
 * conditional update on a member that has none. Kept: reviews are an auditor's evidence.
 */
export class DynamoAccessReviewStore implements AccessReviewStore {
  constructor(private readonly table: DynamoTable) {}

  async create(review: AccessReview): Promise<boolean> {
    return this.putOnce({
      ...reviewKey(review.id),
      ...review,
      steps: [],
      ...(review.status === 'OPEN'
        ? { gsi1pk: openListing, gsi1sk: `${review.deadline}#${review.id}` }
        : {}),
    });
  }

  async get(reviewId: string): Promise<AccessReview | undefined> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: reviewKey(reviewId),
        ConsistentRead: true,
      }),
    );
    return Item ? reviewOf(Item) : undefined;
  }

  async putMembers(reviewId: string, members: readonly ReviewMember[]): Promise<void> {
    for (const member of members) {
      await this.putOnce({ ...memberKey(reviewId, member.index), ...member });
    }
  }

  async members(reviewId: string): Promise<ReviewMember[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
          ExpressionAttributeValues: { ':pk': pk(reviewId), ':member': 'member#' },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.map(memberOf);
  }

  async decide(
    reviewId: string,
    index: number,
    decision: { decision: ReviewDecision; by: string; at: string; requestId?: string },
  ): Promise<ReviewMember | undefined> {
    try {
      const { Attributes } = await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: memberKey(reviewId, index),
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(decision)',
          UpdateExpression: `SET decision = :d, decidedBy = :by, decidedAt = :at${decision.requestId ? ', requestId = :r' : ''}`,
          ExpressionAttributeValues: {
            ':d': decision.decision,
            ':by': decision.by,
            ':at': decision.at,
            ...(decision.requestId ? { ':r': decision.requestId } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? memberOf(Attributes) : undefined;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  async withdraw(reviewId: string, index: number, requestId: string): Promise<void> {
    await this.conditionalUpdate({
      Key: memberKey(reviewId, index),
      ConditionExpression: 'requestId = :r',
      UpdateExpression: 'REMOVE decision, decidedBy, decidedAt, requestId',
      ExpressionAttributeValues: { ':r': requestId },
    });
  }

  async setMessage(reviewId: string, reviewer: string, message: ReviewMessage): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: reviewKey(reviewId),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET messages.#reviewer = :message',
        ExpressionAttributeNames: { '#reviewer': reviewer },
        ExpressionAttributeValues: { ':message': message },
      }),
    );
  }

  async setThread(reviewId: string, thread: { channel: string; ts: string }): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: reviewKey(reviewId),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET thread = :thread',
        ExpressionAttributeValues: { ':thread': thread },
      }),
    );
  }

  async markOnce(reviewId: string, step: string): Promise<boolean> {
    return this.conditionalUpdate({
      Key: reviewKey(reviewId),
      ConditionExpression: 'attribute_exists(pk) AND NOT contains(steps, :step)',
      UpdateExpression: 'SET steps = list_append(steps, :steps)',
      ExpressionAttributeValues: { ':step': step, ':steps': [step] },
    });
  }

  async unmark(reviewId: string, step: string): Promise<void> {
    const { Item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: reviewKey(reviewId),
        ConsistentRead: true,
      }),
    );
    const at = ((Item?.steps as string[] | undefined) ?? []).indexOf(step);
    if (at < 0) return;
    // Removed by position, only while that position still holds the step (steps only grow).
    await this.conditionalUpdate({
      Key: reviewKey(reviewId),
      ConditionExpression: `steps[${at}] = :step`,
      UpdateExpression: `REMOVE steps[${at}]`,
      ExpressionAttributeValues: { ':step': step },
    });
  }

  async close(reviewId: string): Promise<boolean> {
    return this.conditionalUpdate({
      Key: reviewKey(reviewId),
      ConditionExpression: '#status = :open',
      UpdateExpression: 'SET #status = :closed REMOVE gsi1pk, gsi1sk',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':open': 'OPEN', ':closed': 'CLOSED' },
    });
  }

  async listOpen(): Promise<AccessReview[]> {
    const reviews: AccessReview[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: listingIndex.IndexName,
          KeyConditionExpression: 'gsi1pk = :open',
          ExpressionAttributeValues: { ':open': openListing },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      reviews.push(...(page.Items ?? []).map(reviewOf));
      start = page.LastEvaluatedKey;
    } while (start);
    return reviews;
  }

  private async putOnce(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  private async conditionalUpdate(
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({ TableName: this.table.tableName, ...input }),
      );
      return true;
    } catch (error: unknown) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

function reviewOf(item: Record<string, unknown>): AccessReview {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, steps: _steps, ...review } = item;
  return review as unknown as AccessReview;
}

function memberOf(item: Record<string, unknown>): ReviewMember {
  const { pk: _pk, sk: _sk, ...member } = item;
  return member as unknown as ReviewMember;
}
