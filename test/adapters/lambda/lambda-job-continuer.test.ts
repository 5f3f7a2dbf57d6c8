import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { LambdaJobContinuer } from '../../../src/adapters/lambda/lambda-job-continuer.ts';

const lambda = mockClient(LambdaClient);
beforeEach(() => lambda.reset());
const arn = 'arn:aws:lambda:us-east-1:123456789012:function:arize-ops-scheduled';

describe('LambdaJobContinuer', () => {
  it('invokes the running function asynchronously with the same run and the next continuation', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const continuer = new LambdaJobContinuer(new LambdaClient({}), () => arn);

    await continuer.continueLater({
      job: 'sweep',
      scheduledTime: new Date('2026-12-07T08:00:00Z'),
      continuation: 3,
    });

    const [call] = lambda.commandCalls(InvokeCommand);
    expect(call?.args[0].input.FunctionName).toBe(arn);
    expect(call?.args[0].input.InvocationType).toBe('Event');
    expect(JSON.parse(new TextDecoder().decode(call?.args[0].input.Payload as Uint8Array))).toEqual(
      { job: 'sweep', scheduledTime: '2026-12-07T08:00:00.000Z', continuation: 3 },
    );
  });

  it('throws when Lambda did not queue the event, or when no invocation is under way', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 500 });
    const next = { job: 'sweep', scheduledTime: new Date(), continuation: 1 };

    await expect(
      new LambdaJobContinuer(new LambdaClient({}), () => arn).continueLater(next),
    ).rejects.toThrow('did not queue the continuation: HTTP 500');
    await expect(
      new LambdaJobContinuer(new LambdaClient({}), () => undefined).continueLater(next),
    ).rejects.toThrow('no function ARN');
  });
});
