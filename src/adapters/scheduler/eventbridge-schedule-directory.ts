import {
  GetScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ScheduleDirectory, ScheduleState } from '../../app/ports.ts';

/** A job's schedule as the stack created it: its name in the group, and whether it is on. */
export interface DeployedSchedule {
  name: string;
  enabled: boolean;
}

/** The schedules of the scheduled jobs as EventBridge Scheduler holds them (`GetSchedule`). */
export class EventBridgeScheduleDirectory implements ScheduleDirectory {
  constructor(
    private readonly client: Pick<SchedulerClient, 'send'>,
    private readonly deployed: Readonly<Record<string, DeployedSchedule>>,
    private readonly groupName = 'default',
  ) {}

  states(): Promise<ScheduleState[]> {
    return Promise.all(
      Object.entries(this.deployed).map(async ([job, schedule]) => ({
        job,
        expected: schedule.enabled ? ('ENABLED' as const) : ('DISABLED' as const),
        actual: await this.stateOf(schedule.name),
      })),
    );
  }

  private async stateOf(name: string): Promise<ScheduleState['actual']> {
    try {
      const found = await this.client.send(
        new GetScheduleCommand({ Name: name, GroupName: this.groupName }),
      );
      return found.State === 'DISABLED' ? 'DISABLED' : 'ENABLED';
    } catch (error: unknown) {
      if (error instanceof ResourceNotFoundException) return 'MISSING';
      throw error;
    }
  }
}
