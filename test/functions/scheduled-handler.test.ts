import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScheduledDeps,
  createScheduledHandler,
  type ScheduledDeps,
} from '../../functions/scheduled.ts';
import { DynamoApprovalStore } from '../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { createDynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import { systemClock } from '../../src/adapters/system-clock.ts';
import { parseConfig, scheduledConfigSchema } from '../../src/config.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import type { Job } from '../../src/domain/job.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../src/local/arize-emulator/index.ts';
import { type LocalDynamo, startLocalDynamo } from '../../src/local/dynalite.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from '../local/start-standin.ts';
import { approvalRequest } from '../support/approval-request.ts';

let dynamo: LocalDynamo;
let emulator: ArizeEmulator;
let slack: RunningStandin;
let store: DynamoApprovalStore;
let deps: ScheduledDeps;
const queued: Job[] = [];

beforeAll(async () => {
  [dynamo, emulator, slack] = await Promise.all([
    startLocalDynamo(),
    startArizeEmulator({ port: 0 }),
    startStandin(),
  ]);
  const config = parseConfig(scheduledConfigSchema, {
    TABLE_NAME: dynamo.tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SLACK_TEAM_ID: 'T0LOCAL01',
    SLACK_API_APP_ID: 'A0ARIZEOPS',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.slackApiUrl,
    ARIZE_BASE_URL: emulator.url,
    ARIZE_APP_URL: emulator.url,
    ARIZE_API_KEY: DEMO_ADMIN_API_KEY,
    JOB_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/arize-ops-jobs',
    LOG_LEVEL: 'SILENT',
  });
  deps = createScheduledDeps(config, { queue: { enqueue: async (job) => void queued.push(job) } });
  store = new DynamoApprovalStore(
    createDynamoTable({
      tableName: dynamo.tableName,
      region: 'us-east-1',
      endpoint: dynamo.endpoint,
    }),
    systemClock,
  );
});
afterAll(async () => {
  await Promise.all([dynamo?.close(), emulator?.close(), slack?.close()]);
});

let seq = 0;
const pendingRequest = (expiresAt: string, responseUrl: string): ApprovalRequest =>
  approvalRequest({ id: `RSCHED${++seq}`, responseUrl, expiresAt });

const context = () => localLambdaContext('arize-ops-scheduled', 60_000);

describe('functions/scheduled.ts', () => {
  it('sweeps as of the scheduled time, tells the requester, and a retried event adds nothing', async () => {
    const responseUrl = slack.standin.newResponseUrl('C0GENERAL1', 'U0ALICE01');
    const request = pendingRequest('2026-11-22T07:00:00.000Z', responseUrl);
    await store.create(request);
    const handler = createScheduledHandler(deps);
    const event = { job: 'sweep', scheduledTime: '2026-11-22T07:05:00Z' };
    const messagesBefore = slack.standin.messages().length;

    const first = await handler(event, context());
    const retried = await handler(event, context());

    expect(first).toEqual({
      job: 'sweep',
      at: '2026-11-22T07:05:00.000Z',
      state: 'finished',
      actions: { expired: 1 },
    });
    // The sweep re-runs on a retry (its own conditional writes decide each request once).
    expect(retried).toMatchObject({ state: 'finished', actions: {} });
    expect((await store.get(request.id))?.status).toBe('EXPIRED');
    const told = slack.standin.messages().slice(messagesBefore);
    expect(JSON.stringify(told)).toContain(`Expired: nobody approved ${request.id}`);
  });

  it('leaves a request whose expiry is after the scheduled time', async () => {
    const request = pendingRequest('2026-11-22T08:00:00.000Z', 'https://hooks.slack.test/r/1');
    await store.create(request);

    const result = await createScheduledHandler(deps)(
      { job: 'sweep', scheduledTime: '2026-11-22T07:59:00Z' },
      context(),
    );

    expect(result.actions).toEqual({});
    expect((await store.get(request.id))?.status).toBe('PENDING');
  });

  it('runs the job the event names: grant ends', async () => {
    const result = await createScheduledHandler(deps)(
      { job: 'grant-ends', scheduledTime: '2026-11-22T07:06:00Z' },
      context(),
    );

    expect(result).toEqual({
      job: 'grant-ends',
      at: '2026-11-22T07:06:00.000Z',
      state: 'finished',
      actions: {},
    });
  });

  it.each([
    [{ job: 'report' }],
    [{ job: 'sweep', scheduledTime: 'yesterday' }],
    [{ job: 'sweep', continuation: -1 }],
    [null],
  ])('refuses an event that is not a scheduled job: %j', async (event) => {
    await expect(createScheduledHandler(deps)(event, context())).rejects.toThrow(
      /not a scheduled job/,
    );
  });

  it('fails fast naming a missing variable', () => {
    expect(() => parseConfig(scheduledConfigSchema, { TABLE_NAME: 't' })).toThrow(
      /JOB_QUEUE_URL|SLACK_TEAM_ID/,
    );
  });
});
