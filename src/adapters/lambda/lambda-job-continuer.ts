import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** The event a continuation carries: the same run, one invocation later. */
export interface ContinuationEvent {
  job: string;
  scheduledTime: Date;
  continuation: number;
}

/**
 * Continues a cut-off scheduled run in a new invocation of the same function: an asynchronous
 * invoke (Lambda queues it and retries it twice), so this invocation can return at once.
 */
export class LambdaJobContinuer {
  constructor(
    private readonly lambda: LambdaClient,
    /** The running function's ARN (from the Lambda context of the invocation under way). */
    private readonly functionArn: () => string | undefined,
  ) {}

  async continueLater(next: ContinuationEvent): Promise<void> {
    const functionName = this.functionArn();
    if (!functionName) throw new Error('cannot continue a scheduled run: no function ARN');
    const response = await this.lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(
          JSON.stringify({
            job: next.job,
            scheduledTime: next.scheduledTime.toISOString(),
            continuation: next.continuation,
          }),
        ),
      }),
    );
    if (response.StatusCode !== 202) {
      throw new Error(`Lambda did not queue the continuation: HTTP ${response.StatusCode}`);
    }
  }
}
