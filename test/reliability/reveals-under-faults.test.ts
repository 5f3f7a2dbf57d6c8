/**
 * Reveals while Arize misbehaves: a key is shown once in its modal or revoked, never left live
 * without an owner, never stored, logged or posted.
 *
 * Mutations tried (each made this file fail):
 * - `undeliveredOutcome` skipping `gateway.revokeApiKey` → a closed modal leaves an ACTIVE key
 *   (429 and hang profiles; under 5xx that run created no key).
 * - `makeRevealSecret` storing `summary` instead of `scrubReply(summary, …)` → the leak check
 *   names a stored item and a message.
 * - `makeRevealSecret` logging `secret.value` AND the `ak-` pattern removed from `redact` → the
 *   leak check names a log line (logging it alone is caught by `redact`, which is the protection).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FaultConfig, MutationRecord } from '../../src/local/arize-emulator/index.ts';
import type { LocalStack } from '../../src/local/local-stack.ts';
import type { RecordedMessage, RecordedView } from '../../src/local/slack-standin/slack-standin.ts';
import { captureAllOutput } from '../support/captured-output.ts';
import {
  buttonsOf,
  chaosClient,
  leaks,
  shown,
  stackSecrets,
  startChaosStack,
  tableItems,
} from './chaos-stack.ts';

const profiles: [string, FaultConfig][] = [
  ['a 429 storm', { rateLimit: { capacity: 2, refillPerSecond: 2 } }],
  ['30 % 5xx', { errorRate: 0.3, errorStatus: 503, randomSeed: 7 }],
  ['hung requests', { hangRate: 0.25, randomSeed: 4 }],
];

/** The modal stays open, or the requester closes it while the key is being created. */
const endings = ['open', 'closed'] as const;

/** Slow enough that the modal is closed before the worker can show the key in it. */
const slowCreate = { match: { operation: 'createApiKey' }, latencyMs: 1_500 };

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

let keySeq = 0;

/** Carol asks for a key and Bob approves it (no faults yet); resolves with her Reveal message. */
async function approvedKey(name: string) {
  await client.command(`key create ${name} --space fraud-detection`, 'U0CAROL01');
  const request = await client.waitFor((all) =>
    all.find(
      (m) => m.channel === 'C0APPROVE1' && !m.ephemeral && shown(m).includes(`API key ${name}`),
    ),
  );
  await client.post(
    stack.interactionsUrl,
    client.clickBody(request, 'approval-approve', 'U0BOB0001'),
  );
  const dm = await client.waitFor((all) =>
    all.find(
      (m) =>
        m.channel === 'D0CAROL01' &&
        buttonsOf(m).some((b) => b.action_id === 'approval-reveal') &&
        shown(m).includes(name),
    ),
  );
  return { request, dm };
}

/** Every state each view went through, the current one included. */
const statesOf = (views: RecordedView[]) => views.flatMap((v) => [v.view, ...v.versions]);

const secretsIn = (views: RecordedView[]) =>
  statesOf(views).flatMap((state) => JSON.stringify(state).match(/ak-[A-Za-z0-9]{40}/g) ?? []);

interface RevealRun {
  ending: (typeof endings)[number];
  final: RecordedMessage;
  dm: RecordedMessage;
  created: MutationRecord[];
  revoked: MutationRecord[];
  views: RecordedView[];
  faultsHit: number;
}

async function revealUnder(faults: FaultConfig, ending: RevealRun['ending']): Promise<RevealRun> {
  stack.emulator?.setFaults({});
  const name = `chaos-key-${++keySeq}`;
  const { request, dm } = await approvedKey(name);
  const before = stack.emulator?.mutations().length ?? 0;
  const viewsBefore = stack.slack.views().length;
  stack.emulator?.setFaults(
    ending === 'closed' ? { ...faults, routes: [...(faults.routes ?? []), slowCreate] } : faults,
  );
  const click = await client.post(
    stack.interactionsUrl,
    client.clickBody(dm, 'approval-reveal', 'U0CAROL01'),
  );
  expect(click.status).toBe(200);
  if (ending === 'closed') {
    const view = await waitForView(viewsBefore);
    stack.slack.closeView(view.id);
  }
  const ended = (all: RecordedMessage[]) => {
    const now = all.find((m) => m.id === request.id);
    return now && /Succeeded|Failed/.test(now.text) ? now : undefined;
  };
  let final = await client.waitFor(ended, 40_000).catch(() => undefined);
  if (!final) {
    // A worker that stopped mid-reveal leaves its lease to the sweep (past the 5 min lease).
    await stack.runJob('sweep', new Date(Date.now() + 6 * 60_000));
    final = await client.waitFor(ended, 20_000);
  }
  await stack.queue.drain(20_000);
  const mutations = (stack.emulator?.mutations() ?? []).slice(before);
  const counts = stack.emulator?.faultCounts() ?? { 'rate-limited': 0, error: 0, hang: 0 };
  return {
    faultsHit: counts['rate-limited'] + counts.error + counts.hang,
    ending,
    final,
    dm: stack.slack.messages().find((m) => m.id === dm.id) as RecordedMessage,
    created: mutations.filter((m) => m.operation === 'createApiKey'),
    revoked: mutations.filter((m) => m.operation === 'revokeApiKey'),
    views: stack.slack.views().slice(viewsBefore),
  };
}

async function waitForView(after: number): Promise<RecordedView> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const view = stack.slack
      .views()
      .slice(after)
      .find((v) => v.user === 'U0CAROL01');
    if (view) return view;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the Reveal click opened no modal');
}

const keyStatus = (keyId: string | undefined) =>
  stack.emulator?.account().keys.find((k) => k.id === keyId)?.status;

describe.each(profiles)('Reveal with %s from Arize', (_profile, faults) => {
  const runs: RevealRun[] = [];

  beforeAll(async () => {
    stack.emulator?.reset();
    stack.slack.reset();
    for (const ending of endings) runs.push(await revealUnder(faults, ending));
  }, 150_000);

  it('ends every reveal SUCCEEDED, or FAILED saying why, with no Reveal button left', () => {
    for (const run of runs) {
      expect(run.final.text).toMatch(/Succeeded|Failed/);
      if (run.final.text.includes('Failed')) {
        expect(shown(run.final)).toMatch(/Result: [^"]*(Arize|revoked|shown|created)/);
      }
      expect(buttonsOf(run.dm).map((b) => b.action_id)).not.toContain('approval-reveal');
    }
  });

  it('creates at most one key per reveal, and shows or revokes it', () => {
    for (const run of runs) {
      expect(run.created.length).toBeLessThanOrEqual(1);
      const [created] = run.created;
      const shownValues = secretsIn(run.views);
      if (run.final.text.includes('Succeeded')) {
        expect(created).toBeDefined();
        expect(keyStatus(created?.resourceId)).toBe('ACTIVE');
        expect(new Set(shownValues).size).toBe(1);
        expect(run.revoked).toEqual([]);
      } else if (created) {
        expect(keyStatus(created.resourceId)).toBe('REVOKED');
        expect(run.revoked.map((m) => m.resourceId)).toEqual([created.resourceId]);
        expect(shownValues).toEqual([]);
      }
    }
  });

  it('never succeeds once the modal was closed before the key was shown', () => {
    const closed = runs.find((run) => run.ending === 'closed');
    expect(closed?.final.text).toContain('Failed');
    expect(secretsIn(closed?.views ?? [])).toEqual([]);
  });

  it('hit the reveals with its faults', () => {
    expect(runs.reduce((sum, run) => sum + run.faultsHit, 0)).toBeGreaterThan(0);
  });

  it('shows a revealed secret in one modal only, and nowhere else', async () => {
    const revealed = secretsIn(stack.slack.views());
    for (const value of revealed) {
      const states = statesOf(stack.slack.views()).filter((state) =>
        JSON.stringify(state).includes(value),
      );
      expect(states).toHaveLength(1);
    }
    const found = leaks(
      {
        log: lines,
        item: await tableItems(stack),
        message: stack.slack.messages().map((m) => JSON.stringify(m)),
      },
      [...stackSecrets(stack), ...revealed],
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });
});
