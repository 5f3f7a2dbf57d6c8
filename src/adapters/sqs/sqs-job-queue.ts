import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue } from '../../app/ports.ts';
import type { Job } from '../../domain/job.ts';

/** Sends jobs to the worker's SQS queue; the job id travels as an attribute for tracing. */
export class SqsJobQueue implements JobQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: Job): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(job),
        MessageAttributes: { jobId: { DataType: 'String', StringValue: job.id } },
      }),
    );
  }
}
