import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkerDeps, createWorkerHandler } from '../../functions/worker.ts';
import { createArizeGateway } from '../../src/adapters/arize/arize-gateway.ts';
import { DynamoNameDirectory } from '../../src/adapters/dynamodb/dynamo-name-directory.ts';
import { makeRefreshDirectory } from '../../src/app/directory/refresh-directory.ts';
import type { ScheduledJobRun } from '../../src/app/jobs/scheduled-job.ts';
import { parseConfig, workerConfigSchema } from '../../src/config.ts';
import type { Directory } from '../../src/domain/directory/name-directory.ts';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import type { Job } from '../../src/domain/job.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { DEMO_ADMIN_API_KEY } from '../../src/local/arize-emulator/index.ts';
import { clearLocalTable } from '../../src/local/dynalite.ts';
import { toSqsRecord } from '../../src/local/queue/sqs-record.ts';
import {
  type ScheduledFunctionHarness,
  startScheduledFunctionHarness,
} from '../support/scheduled-function-harness.ts';
import { silentLog } from '../support/silent-log.ts';

let harness: ScheduledFunctionHarness;
let directory: DynamoNameDirectory;
let worker: ReturnType<typeof createWorkerHandler>;
let seq = 0;

beforeAll(async () => {
  harness = await startScheduledFunctionHarness();
  directory = new DynamoNameDirectory(harness.table);
  worker = createWorkerHandler(createWorkerDeps(parseConfig(workerConfigSchema, harness.env)));
});
afterAll(async () => harness?.close());
beforeEach(async () => {
  harness.emulator.reset();
  await clearLocalTable(harness.table);
});

/** Arize as someone changing it by hand: the official client on the emulator. */
const arize = () =>
  createArizeGateway({
    baseUrl: harness.emulator.url,
    appUrl: harness.emulator.url,
    apiKey: async () => DEMO_ADMIN_API_KEY,
  });

/** Runs `/arize TEXT` as Alice through the real worker, as SQS delivers the job. */
async function command(text: string): Promise<void> {
  const parsed = parseCommand(text, catalogue);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const id = `directory-command-${++seq}`;
  const job: Job = {
    id,
    kind: 'run-command',
    operationId: parsed.command.operation.id,
    args: parsed.command.args,
    commandText: text,
    public: false,
    requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
    channelId: 'C0GENERAL1',
    responseUrl: harness.slack.standin.newResponseUrl('C0GENERAL1', 'U0ALICE01'),
    enqueuedAt: new Date().toISOString(),
  };
  const record = toSqsRecord(
    {
      messageId: id,
      body: JSON.stringify(job),
      messageAttributes: {},
      sentAt: Date.now(),
      visibleAt: Date.now(),
      receiveCount: 1,
      firstReceivedAt: Date.now(),
      receiptHandle: id,
    },
    { arn: 'arn:aws:sqs:us-east-1:123456789012:arize-ops-jobs', region: 'us-east-1' },
  );
  const result = await worker(
    { Records: [record] },
    localLambdaContext('arize-ops-worker', 60_000),
  );
  if (result.batchItemFailures.length > 0) throw new Error(`${text} failed`);
}

const refresh = (at = new Date()) =>
  harness.deps.runScheduledJob({
    job: 'directory-refresh',
    scheduledTime: at,
    continuation: 0,
    remainingMs: 60_000,
  });

/** The directory as names: `org/space` for spaces, `org` for organizations, sorted. */
async function names(): Promise<string[]> {
  const read: Directory = await directory.read();
  const orgName = new Map(read.orgs.map((o) => [o.id, o.name]));
  return [
    ...read.orgs.map((o) => o.name),
    ...read.spaces.map((s) => `${orgName.get(s.orgId) ?? '?'}/${s.name}`),
  ].sort();
}

const demoNames = [
  'Acme ML',
  'Acme ML/fraud-detection',
  'Acme ML/production',
  'Acme ML/staging',
  'Research Lab',
  'Research Lab/experiments',
  'Research Lab/production',
];

describe('the name directory the request modal suggests from', () => {
  it('is written by the worker as it lists organizations and spaces', async () => {
    await command('space list --org "Acme ML"');
    // The org's spaces, and the organizations read to find it; none of Research Lab's spaces.
    expect(await names()).toEqual([
      'Acme ML',
      'Acme ML/fraud-detection',
      'Acme ML/production',
      'Acme ML/staging',
      'Research Lab',
    ]);

    await command('org list');
    await command('space list --org "Research Lab"');
    expect(await names()).toEqual(demoNames);
  });

  it('follows what the worker creates and renames', async () => {
    await command('org list');
    await command('space create notebooks --org "Research Lab"');
    await command('space update staging --org "Acme ML" --name pre-production');

    const after = await names();
    expect(after).toContain('Research Lab/notebooks');
    expect(after).toContain('Acme ML/pre-production');
    expect(after).not.toContain('Acme ML/staging');
  });

  it('follows the organizations the worker creates and renames', async () => {
    await command('org list');
    await command('org create "Fraud Team"');
    await command('org update "Research Lab" --name "Research"');

    const after = await names();
    expect(after).toContain('Fraud Team');
    expect(after).toContain('Research');
    expect(after).not.toContain('Research Lab');
  });

  it('is refreshed from Arize by the directory-refresh job: added, renamed and gone', async () => {
    const first = await refresh();
    expect(first).toMatchObject({
      state: 'finished',
      actions: { orgs: 2, spaces: 5, recorded: 7, forgotten: 0 },
    });
    expect(await names()).toEqual(demoNames);

    const gateway = arize();
    const orgs = (await gateway.listOrganizations()).items;
    const research = orgs.find((o) => o.name === 'Research Lab');
    const acme = orgs.find((o) => o.name === 'Acme ML');
    if (!research || !acme) throw new Error('demo orgs missing');
    const spaces = (await gateway.listSpaces({ orgId: acme.id })).items;
    const staging = spaces.find((s) => s.name === 'staging');
    const fraud = spaces.find((s) => s.name === 'fraud-detection');
    if (!staging || !fraud) throw new Error('demo spaces missing');
    await gateway.createSpace({ orgId: research.id, name: 'notebooks' });
    await gateway.updateSpace(fraud.id, { name: 'fraud' });
    await gateway.deleteSpace(staging.id);

    const second = await refresh();
    expect(second).toMatchObject({ actions: { recorded: 2, forgotten: 1 } });
    expect(await names()).toEqual([
      'Acme ML',
      'Acme ML/fraud',
      'Acme ML/production',
      'Research Lab',
      'Research Lab/experiments',
      'Research Lab/notebooks',
      'Research Lab/production',
    ]);
    // Nothing changed: nothing written.
    expect(await refresh()).toMatchObject({ actions: { recorded: 0, forgotten: 0 } });
  });

  it('is refreshed from Arize by the directory-refresh job: an organization added, renamed and gone', async () => {
    await refresh();
    const gateway = arize();
    const orgs = (await gateway.listOrganizations()).items;
    const research = orgs.find((o) => o.name === 'Research Lab');
    const acme = orgs.find((o) => o.name === 'Acme ML');
    if (!research || !acme) throw new Error('demo orgs missing');
    await gateway.createOrganization({ name: 'Fraud Team' });
    await gateway.updateOrganization(acme.id, { name: 'Acme' });
    await gateway.deleteOrganization(research.id);

    // The new org and the renamed one recorded; the deleted one forgotten with its two spaces.
    expect(await refresh()).toMatchObject({ actions: { recorded: 2, forgotten: 3 } });
    expect(await names()).toEqual([
      'Acme',
      'Acme/fraud-detection',
      'Acme/production',
      'Acme/staging',
      'Fraud Team',
    ]);
  });

  it('does not forget a space the worker saw while the refresh was reading Arize', async () => {
    await refresh();
    const seen = (await directory.read()).spaces.find((s) => s.name === 'staging');
    if (!seen) throw new Error('staging not recorded');
    const gateway = arize();
    // A listing that lags behind (it lacks staging) while the worker reads staging afresh.
    const lagging: typeof gateway.listSpaces = async (query) => {
      const page = await gateway.listSpaces(query);
      await directory.record({ spaces: [seen] }, new Date(Date.now() + 1_000));
      return { ...page, items: page.items.filter((s) => s.id !== seen.id) };
    };
    const job = makeRefreshDirectory({
      gateway: { listOrganizations: gateway.listOrganizations, listSpaces: lagging },
      directory,
      clock: { now: () => new Date() },
      log: silentLog,
    });

    const run: ScheduledJobRun = {
      scheduledTime: new Date(),
      deadline: new Date(Date.now() + 60_000),
      actions: {},
      saveCheckpoint: async () => {},
      postOnce: async () => false,
    };
    expect(await job(run)).toMatchObject({ actions: { forgotten: 0 } });
    expect(await names()).toContain('Acme ML/staging');
  });

  it('keeps an entry the worker recorded after the refresh read Arize', async () => {
    await refresh();
    const readAt = new Date();
    // A space the worker saw a moment later (in a real race, after the job's listing).
    await directory.record(
      { spaces: [{ id: 'space-just-created', name: 'just-created', orgId: 'org-x' }] },
      new Date(readAt.getTime() + 60_000),
    );
    await directory.record({ spaces: [{ id: 'space-old', name: 'old', orgId: 'org-x' }] }, readAt);

    expect(await directory.forget('space', 'space-just-created', { unseenSince: readAt })).toBe(0);
    expect(
      await directory.forget('space', 'space-old', {
        unseenSince: new Date(readAt.getTime() + 1),
      }),
    ).toBe(1);
  });
});
