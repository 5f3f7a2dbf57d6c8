import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduledHandler, type ScheduledDeps } from '../../functions/scheduled.ts';
import { DynamoApprovalStore } from '../../src/adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoGrantStore } from '../../src/adapters/dynamodb/dynamo-grant-store.ts';
import type { DynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import { systemClock } from '../../src/adapters/system-clock.ts';
import { parseConfig, scheduledConfigSchema } from '../../src/config.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import { grantIdOf } from '../../src/domain/grants/grant.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import type { RunningStandin } from '../local/start-standin.ts';
import { approvalRequest } from '../support/approval-request.ts';
import {
  type ScheduledFunctionHarness,
  startScheduledFunctionHarness,
} from '../support/scheduled-function-harness.ts';

let harness: ScheduledFunctionHarness;
let slack: RunningStandin;
let table: DynamoTable;
let store: DynamoApprovalStore;
let deps: ScheduledDeps;

beforeAll(async () => {
  harness = await startScheduledFunctionHarness();
  ({ slack, table, deps } = harness);
  store = new DynamoApprovalStore(table, systemClock);
});
afterAll(async () => harness?.close());

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

  it('recovers an extension a killed worker left EXECUTING: it reads the grant as the worker does', async () => {
    const from = '2026-11-22T09:00:00.000Z';
    const grantId = grantIdOf('RSCHEDEXT1', 'VXNlcjox', 'U3BhY2U6Mg==');
    // The extension was applied (the end moved an hour), then the worker died before recording it.
    await new DynamoGrantStore(table).create({
      id: grantId,
      status: 'ACTIVE',
      version: 1,
      subject: { arizeUserId: 'VXNlcjox', email: 'dave@example.com' },
      spaceId: 'U3BhY2U6Mg==',
      spaceName: 'staging',
      role: 'MEMBER',
      previous: { kind: 'none' },
      startsAt: '2026-11-22T05:00:00.000Z',
      endsAt: '2026-11-22T10:00:00.000Z',
      requestId: 'RSCHEDEXT0',
      requesterUserId: 'U0DAVE001',
      history: [{ at: '2026-11-22T05:00:00.000Z', event: 'started' }],
    });
    const request = approvalRequest({
      id: 'RSCHEDEXT1',
      status: 'APPROVED',
      operationId: 'request.extend',
      args: { grant: grantId, for: 3600, from },
      commandText: `request extend ${grantId} --for 1h`,
      requester: { teamId: 'T0LOCAL01', userId: 'U0DAVE001' },
      approvals: ['U0CAROL01'],
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    await store.create(request);
    // The worker's claim stamps when the lease began; it died holding it.
    await store.update(request.id, request.version, { status: 'EXECUTING' });

    const result = await createScheduledHandler(deps)(
      { job: 'sweep', scheduledTime: '2029-01-01T00:00:00Z' },
      context(),
    );

    expect(result.actions).toMatchObject({ succeeded: 1 });
    expect((await store.get(request.id))?.status).toBe('SUCCEEDED');
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
