import {
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeScheduleDirectory } from '../../../src/adapters/scheduler/eventbridge-schedule-directory.ts';
import { SqsDeadLetterCounter } from '../../../src/adapters/sqs/sqs-dead-letter-counter.ts';

const scheduler = mockClient(SchedulerClient);
const sqs = mockClient(SQSClient);
beforeEach(() => {
  scheduler.reset();
  sqs.reset();
});

const deployed = {
  sweep: { name: 'ArizeOps-SweepSchedule-1', enabled: true },
  'grant-ends': { name: 'ArizeOps-GrantEndsSchedule-2', enabled: true },
  'access-report': { name: 'ArizeOps-AccessReportSchedule-3', enabled: false },
};

describe('EventBridgeScheduleDirectory', () => {
  it('reads each deployed schedule by name in its group: missing, off or on', async () => {
    scheduler
      .on(GetScheduleCommand, { Name: deployed.sweep.name })
      .resolves({ Name: deployed.sweep.name, State: 'ENABLED' })
      .on(GetScheduleCommand, { Name: deployed['grant-ends'].name })
      .rejects(
        new ResourceNotFoundException({
          Message: 'Schedule not found',
          message: 'Schedule not found',
          $metadata: {},
        }),
      )
      .on(GetScheduleCommand, { Name: deployed['access-report'].name })
      .resolves({ Name: deployed['access-report'].name, State: 'ENABLED' });
    const directory = new EventBridgeScheduleDirectory(new SchedulerClient({}), deployed, 'ops');

    expect(await directory.states()).toEqual([
      { job: 'sweep', expected: 'ENABLED', actual: 'ENABLED' },
      { job: 'grant-ends', expected: 'ENABLED', actual: 'MISSING' },
      { job: 'access-report', expected: 'DISABLED', actual: 'ENABLED' },
    ]);
    const groups = scheduler.commandCalls(GetScheduleCommand).map((c) => c.args[0].input.GroupName);
    expect(groups).toEqual(['ops', 'ops', 'ops']);
  });

  it('lets any other failure through (doctor reports it as a check that could not run)', async () => {
    scheduler.on(GetScheduleCommand).rejects(new Error('AccessDeniedException'));
    const directory = new EventBridgeScheduleDirectory(new SchedulerClient({}), deployed);
    await expect(directory.states()).rejects.toThrow('AccessDeniedException');
  });
});

describe('SqsDeadLetterCounter', () => {
  it('counts the messages waiting, being read and delayed', async () => {
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: {
        ApproximateNumberOfMessages: '2',
        ApproximateNumberOfMessagesNotVisible: '1',
        ApproximateNumberOfMessagesDelayed: '0',
      },
    });
    const url = 'https://sqs.us-east-1.amazonaws.com/123456789012/arize-ops-dlq';
    expect(await new SqsDeadLetterCounter(new SQSClient({}), url).count()).toBe(3);
    const [call] = sqs.commandCalls(GetQueueAttributesCommand);
    expect(call?.args[0].input.QueueUrl).toBe(url);
  });
});
