import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScheduledHandler } from '../../functions/scheduled.ts';
import type { ScheduledInvocation } from '../../src/app/jobs/run-scheduled-job.ts';
import type { ScheduledJobName } from '../../src/domain/jobs/scheduled-jobs.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { DEMO_ADMIN_API_KEY } from '../../src/local/arize-emulator/index.ts';
import {
  type ScheduledFunctionHarness,
  startScheduledFunctionHarness,
} from '../support/scheduled-function-harness.ts';

type Continuation = Omit<ScheduledInvocation<ScheduledJobName>, 'remainingMs'>;
let harness: ScheduledFunctionHarness;
const continued: Continuation[] = [];

beforeAll(async () => {
  harness = await startScheduledFunctionHarness(
    { REPORTS_CHANNEL: 'C0GENERAL1' },
    { continueLater: async (next: Continuation) => void continued.push(next) },
  );
});
afterAll(async () => harness?.close());
beforeEach(() => harness.emulator.setFaults({}));

const dayMs = 86_400_000;
/** Each test reports as of its own week, in order, so each has the one before to compare with. */
const now = Date.now();
const week = (n: number) => new Date(now - (10 - n) * 7 * dayMs).toISOString();
const run = (scheduledTime: string, remainingMs = 60_000, continuation = 0) =>
  createScheduledHandler(harness.deps)(
    { job: 'access-report', scheduledTime, continuation },
    localLambdaContext('arize-ops-scheduled', remainingMs),
  );
const posted = () => ({
  messages: harness.slack.standin.messages().length,
  files: harness.slack.standin.files().length,
});
const since = (before: ReturnType<typeof posted>) => ({
  messages: harness.slack.standin.messages().slice(before.messages),
  files: harness.slack.standin.files().slice(before.files),
});
const textOf = (message: { blocks?: unknown; text?: string }) =>
  JSON.stringify(message.blocks ?? message.text);

async function createUser(email: string) {
  const response = await fetch(`${harness.emulator.url}/v2/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_ADMIN_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Nia New',
      email,
      role: { type: 'PREDEFINED', name: 'MEMBER' },
      invite_mode: 'NONE',
    }),
  });
  expect(response.status).toBe(201);
}

describe('the access report (functions/scheduled.ts, job access-report)', () => {
  it('posts the summary to the reports channel and every membership as a CSV in its thread, once', async () => {
    const before = posted();

    const first = await run(week(1));
    const retried = await run(week(1));

    expect(first).toMatchObject({
      state: 'finished',
      actions: { spaces: 5, memberships: 25, posted: 1 },
    });
    expect(retried.state).toBe('already-finished');
    const { messages, files } = since(before);
    const summary = messages.find((m) => textOf(m).includes('Arize access report (account)'));
    expect(summary?.channel).toBe('C0GENERAL1');
    expect(textOf(summary ?? {})).toContain('This is the first report');
    expect(textOf(summary ?? {})).toContain('frank@example.com (since 2024-01-08)');
    expect(files).toHaveLength(1);
    const [csv] = files;
    expect(csv).toMatchObject({ channel: 'C0GENERAL1', threadTs: summary?.ts });
    expect(csv?.filename).toBe(`arize-access-${week(1).slice(0, 10)}.csv`);
    const lines = (csv?.content ?? '').trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      '"organization","space","name","email","role","access","time-bound until","organization id","space id","user id"',
    );
    expect(lines).toHaveLength(1 + 25);
    expect(lines).toContain(
      lines.find((l) =>
        l.startsWith('"Acme ML","production","Bob Approver","bob@example.com","ADMIN","member"'),
      ),
    );
  });

  it('the next week says what changed and who is new', async () => {
    await run(week(2));
    await createUser('nia@example.com');
    const before = posted();

    await run(week(3));

    const summary = since(before).messages.find((m) => textOf(m).includes('access report'));
    const text = textOf(summary ?? {});
    expect(text).toContain(`At a glance (change since ${week(2).slice(0, 10)})`);
    expect(text).toContain('1 New users (+1)');
    expect(text).toContain('25 Space memberships (no change)');
    expect(text).toContain('nia@example.com');
  });

  it('a run cut off by its time goes on from its checkpoint in the next invocation', async () => {
    const before = posted();

    // 10 s left is the runner's reserve: the spaces are listed and saved, then the run stops.
    const cut = await run(week(4), 10_000);
    // A space created meanwhile is not in this report: the continuation reads what was listed.
    await fetch(`${harness.emulator.url}/v2/spaces`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${DEMO_ADMIN_API_KEY}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'late-space', organization_id: await firstOrgId() }),
    }).then((r) => expect(r.status).toBe(201));
    expect(since(before).messages).toHaveLength(0);
    const next = continued.at(-1);
    expect(next).toEqual({
      job: 'access-report',
      scheduledTime: new Date(week(4)),
      continuation: 1,
    });
    const done = await run(week(4), 60_000, 1);

    expect(cut.state).toBe('continued');
    expect(done).toMatchObject({ state: 'finished', actions: { spaces: 5, posted: 1 } });
    expect(since(before).files).toHaveLength(1);
  });

  it('when Arize fails partway the channel is told what was covered, and the retry resumes and posts once', async () => {
    harness.emulator.setFaults({
      routes: [{ match: { operation: 'listUsers' }, errorRate: 1, errorStatus: 500 }],
    });
    const before = posted();

    await expect(run(week(5))).rejects.toThrow();
    harness.emulator.setFaults({});
    const retried = await run(week(5));

    expect(retried).toMatchObject({ state: 'finished', actions: { posted: 1 } });
    const { messages, files } = since(before);
    const failure = messages.find((m) => textOf(m).includes('stopped'));
    expect(textOf(failure ?? {})).toContain(
      'could not list users. Covered so far: every space, and 0 page(s) of users',
    );
    expect(messages.filter((m) => textOf(m).includes('Arize access report'))).toHaveLength(1);
    expect(files).toHaveLength(1);
  });
});

async function firstOrgId(): Promise<string> {
  const response = await fetch(`${harness.emulator.url}/v2/organizations`, {
    headers: { authorization: `Bearer ${DEMO_ADMIN_API_KEY}` },
  });
  const body = (await response.json()) as { organizations: Array<{ id: string }> };
  return body.organizations[0]?.id ?? '';
}
