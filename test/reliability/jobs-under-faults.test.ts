/**
 * Every scheduled job run while Arize misbehaves: each run is recorded FINISHED, or FAILED with a
 * reason (never left RUNNING), and no message is left saying "Running…". The jobs come from
 * `scheduledJobNames`, so a job added there is covered here too.
 *
 * The grant a faulty run could not end must end in the next run, its role restored.
 *
 * Mutations tried (each made this file fail):
 * - run-scheduled-job not recording FAILED when a job throws → "Arize down" leaves the
 *   access-report run RUNNING.
 * - end-grants taking unreadable roles as "no roles" → "Arize down" never ends the grant.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scheduledJobNames } from '../../src/domain/jobs/scheduled-jobs.ts';
import type { FaultConfig } from '../../src/local/arize-emulator/index.ts';
import type { LocalStack } from '../../src/local/local-stack.ts';
import type { RecordedMessage } from '../../src/local/slack-standin/slack-standin.ts';
import { captureAllOutput } from '../support/captured-output.ts';
import {
  buttonsOf,
  chaosClient,
  leaks,
  shown,
  stackSecrets,
  startChaosStack,
  stillRunning,
  tableItems,
} from './chaos-stack.ts';

const profiles: [string, FaultConfig][] = [
  ['a 429 storm', { rateLimit: { capacity: 3, refillPerSecond: 4 } }],
  ['30 % 5xx', { errorRate: 0.3, errorStatus: 503, randomSeed: 13 }],
  ['hung requests', { hangRate: 0.3, randomSeed: 9 }],
  ['Arize down', { errorRate: 1, errorStatus: 503 }],
];

const lines: string[] = [];
let stack: LocalStack;
let client: ReturnType<typeof chaosClient>;

beforeAll(async () => {
  captureAllOutput(lines);
  stack = await startChaosStack();
  client = chaosClient(stack);
});
afterAll(async () => {
  await stack?.close();
  vi.restoreAllMocks();
});

const approvalRequest = (all: RecordedMessage[], shows: string) =>
  all.find((m) => m.channel === 'C0APPROVE1' && !m.ephemeral && shown(m).includes(shows));

/** Work for every job, made with no faults: a request left pending, a 2-minute grant started. */
async function workForTheJobs() {
  await client.command('space delete staging --org "Acme ML"', 'U0CAROL01');
  const pending = await client.waitFor((all) => approvalRequest(all, 'Delete space staging'));
  await client.command(
    'space add-user dave@example.com --space production --org "Acme ML" --role member --for 2m',
    'U0ALICE01',
  );
  const grant = await client.waitFor((all) => approvalRequest(all, 'Access ends 2'));
  await client.post(
    stack.interactionsUrl,
    client.clickBody(grant, 'approval-approve', 'U0BOB0001'),
  );
  await client.waitFor((all) =>
    all.find((m) => m.channel === 'D0DAVE001' && shown(m).includes('Access started')),
  );
  return { pending };
}

interface JobRunItem {
  pk: string;
  sk: string;
  status: string;
  reason?: string;
}

async function runsAt(scheduledTime: Date): Promise<Map<string, JobRunItem>> {
  const items = (await tableItems(stack)).map((text) => JSON.parse(text) as JobRunItem);
  return new Map(
    items
      .filter((item) => item.pk.startsWith('jobrun#') && item.sk === scheduledTime.toISOString())
      .map((item) => [item.pk.slice('jobrun#'.length), item]),
  );
}

let profileSeq = 0;

/** Who holds which role in Acme ML's production space, as the emulator has it. */
const productionRoles = () =>
  JSON.stringify(
    stack.emulator
      ?.account()
      .orgs.find((org) => org.name === 'Acme ML')
      ?.spaces.find((space) => space.name === 'production')
      ?.members.map((m) => `${m.userId}:${m.role}`)
      .sort(),
  );

describe.each(profiles)('scheduled jobs with %s from Arize', (_profile, faults) => {
  const outcome = {
    runs: new Map<string, JobRunItem>(),
    thrown: [] as string[],
    pending: undefined as RecordedMessage | undefined,
    faultsHit: 0,
    grantEnds: 0,
    rolesBefore: '',
    rolesAfter: '',
  };

  beforeAll(async () => {
    stack.emulator?.reset();
    stack.slack.reset();
    stack.emulator?.setFaults({});
    outcome.rolesBefore = productionRoles();
    const { pending } = await workForTheJobs();
    // Past the request's expiry and the grant's end; each profile at its own scheduled time.
    const scheduledTime = new Date(Date.now() + (8 + ++profileSeq) * 86_400_000);
    stack.emulator?.setFaults(faults);
    for (const job of scheduledJobNames) {
      await stack.runJob(job, scheduledTime).catch((error: unknown) => {
        outcome.thrown.push(`${job}: ${String(error)}`);
      });
    }
    await stack.settleJobs();
    await stack.queue.drain(30_000);
    const counts = stack.emulator?.faultCounts() ?? { 'rate-limited': 0, error: 0, hang: 0 };
    outcome.faultsHit = counts['rate-limited'] + counts.error + counts.hang;
    stack.emulator?.setFaults({});
    outcome.runs = await runsAt(scheduledTime);
    // A grant the faults kept from ending is still due: a run past its 3-minute claim lease,
    // with Arize back, ends it.
    await stack.runJob('grant-ends', new Date(scheduledTime.getTime() + 4 * 60_000));
    await stack.queue.drain(30_000);
    outcome.rolesAfter = productionRoles();
    outcome.grantEnds = stack.slack
      .messages()
      .filter((m) => m.channel === 'D0DAVE001' && shown(m).includes('Access ended')).length;
    outcome.pending = stack.slack.messages().find((m) => m.id === pending.id);
  }, 180_000);

  it('records every job FINISHED, or FAILED with its reason', () => {
    expect([...outcome.runs.keys()].sort()).toEqual([...scheduledJobNames].sort());
    for (const run of outcome.runs.values()) {
      expect(['FINISHED', 'FAILED']).toContain(run.status);
      if (run.status === 'FAILED') expect(run.reason).toMatch(/\w{3,}/);
    }
    // A job that threw is one recorded FAILED, and the other way round.
    // (The table lists runs in its own order, not the order they ran: compare them as sets.)
    const failed = [...outcome.runs]
      .filter(([, run]) => run.status === 'FAILED')
      .map(([job]) => job)
      .sort();
    expect(outcome.thrown.map((t) => t.split(':')[0]).sort()).toEqual(failed);
  });

  it('leaves no message saying Running…, and ends the expired request', () => {
    expect(
      stack.slack
        .messages()
        .filter(stillRunning)
        .map((m) => m.text),
    ).toEqual([]);
    expect(outcome.pending && shown(outcome.pending)).toMatch(/Expired/);
    expect(buttonsOf(outcome.pending as RecordedMessage).filter((b) => b.action_id)).toEqual([]);
  });

  it('ends the grant once, in the faulty run or the next one, restoring the role it changed', () => {
    expect(outcome.grantEnds).toBe(1);
    expect(outcome.rolesAfter).toBe(outcome.rolesBefore);
  });

  it('hit the jobs with its faults', () => {
    expect(outcome.faultsHit).toBeGreaterThan(0);
  });

  it('leaves no secret in a log line, a stored item or a message', async () => {
    const found = leaks(
      {
        log: lines,
        item: await tableItems(stack),
        message: stack.slack.messages().map((m) => JSON.stringify(m)),
      },
      stackSecrets(stack),
    );
    expect(found).toEqual([]);
  });
});
