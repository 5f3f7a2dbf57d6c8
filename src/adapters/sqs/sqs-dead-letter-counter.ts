import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterCounter } from '../../app/ports.ts';

const counted = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

/** The dead-letter queue's depth from SQS (`GetQueueAttributes`): waiting, being read, delayed. */
export class SqsDeadLetterCounter implements DeadLetterCounter {
  constructor(
    private readonly client: Pick<SQSClient, 'send'>,
    private readonly queueUrl: string,
  ) {}

  async count(): Promise<number> {
    const { Attributes } = await this.client.send(
      new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: [...counted] }),
    );
    return counted.reduce((sum, name) => sum + Number(Attributes?.[name] ?? 0), 0);
  }
}
