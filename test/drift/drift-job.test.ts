import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDriftStore } from '../../src/adapters/dynamodb/dynamo-drift-store.ts';
import { DEMO_ADMIN_API_KEY } from '../../src/local/arize-emulator/index.ts';
import {
  buttonValues,
  type Posted,
  startReviewHarness,
  textOf,
} from '../reviews/review-harness.ts';

const hostile = '<!channel> *Ops* <https://evil.example|click> &amp;';
let h: Awaited<ReturnType<typeof startReviewHarness>>;
let dir: string;
let drifts: DynamoDriftStore;
const scheduledTime = new Date(Date.now() - 3_600_000).toISOString();
const headers = {
  authorization: `Bearer ${DEMO_ADMIN_API_KEY}`,
  'content-type': 'application/json',
};

async function arize<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${h.harness.emulator.url}${path}`, { headers, ...init });
  return (await response.json()) as T;
}
async function orgId(name: string) {
  const { organizations } = await arize<{ organizations: Array<{ id: string; name: string }> }>(
    '/v2/organizations',
  );
  return organizations.find((o) => o.name === name)?.id ?? '';
}
async function spaceId(org: string, space: string) {
  const { spaces } = await arize<{ spaces: Array<{ id: string; name: string }> }>(
    `/v2/spaces?organization_id=${await orgId(org)}`,
  );
  return spaces.find((s) => s.name === space)?.id ?? '';
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'arize-ops-drift-'));
  h = await startReviewHarness({ DESIRED_ACCESS_DIR: dir }, 'drift');
  drifts = new DynamoDriftStore(h.harness.table, { now: () => new Date() });
  await arize('/v2/spaces', {
    method: 'POST',
    body: JSON.stringify({ organization_id: await orgId('Research Lab'), name: hostile }),
  });
  const file = (organization: string, spaces: Record<string, Record<string, string>>) =>
    JSON.stringify({ version: 1, organization, spaces });
  await writeFile(
    join(dir, 'acme-ml.json'),
    file('Acme ML', {
      // Seeded: bob admin, carol member, dave read-only. Carol's role differs, Erin is missing,
      // Dave is extra.
      production: {
        'bob@example.com': 'admin',
        'carol@example.com': 'read-only',
        'erin@example.com': 'annotator',
        // Service-key users are ordinary members, listed like any other.
        'service-key-6@bots.arize.local': 'member',
        'service-key-7@bots.arize.local': 'read-only',
      },
      // Matches the seed.
      staging: {
        'carol@example.com': 'admin',
        'bob@example.com': 'member',
        'erin@example.com': 'annotator',
      },
    }),
  );
  await writeFile(
    join(dir, 'research-lab.json'),
    file('Research Lab', { [hostile]: { 'heidi@example.com': 'member' } }),
  );
  await writeFile(join(dir, 'broken.json'), '{"version": 2}');
});
afterAll(async () => {
  await h?.harness.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const messages = () => h.harness.slack.standin.messages();
const driftMessage = (org: string): Posted => {
  const found = messages().find((m) => textOf(m).includes(`Drift: ${org} differs`));
  if (!found) throw new Error(`no drift message of ${org}`);
  return found;
};
const fresh = (message: Posted) =>
  messages().find((m) => m.channel === message.channel && m.ts === message.ts) ?? message;
const driftIdOf = (message: Posted) => buttonValues(message, 'drift-propose-fix')[0] ?? '';
/** Every mrkdwn text of a message (Slack parses these) and its fallback text. */
const parsedTexts = (message: Posted): string[] => [
  message.text ?? '',
  ...JSON.stringify(message.blocks)
    .split('"type":"mrkdwn","text":')
    .slice(1)
    .map((part) => JSON.parse(/^("(?:[^"\\]|\\.)*")/.exec(part)?.[1] ?? '""') as string),
];

describe('the drift job (scheduled function) and Propose fix (signed slack function)', () => {
  it('posts each differing organization once, says which file did not parse, and posts nothing twice on a retry', async () => {
    const first = await h.runJob(scheduledTime);
    const retried = await h.runJob(scheduledTime);

    expect(first).toMatchObject({ state: 'finished', actions: { drift: 2, skipped: 1 } });
    expect(retried.state).toBe('already-finished');
    const posted = messages().filter((m) => m.channel === 'C0APPROVE1');
    expect(posted.filter((m) => textOf(m).includes('Drift: '))).toHaveLength(2);
    expect(posted.filter((m) => textOf(m).includes('broken.json was not checked'))).toHaveLength(1);
    const acme = textOf(driftMessage('Acme ML'));
    expect(acme).toContain('1 of 2 managed space(s) differ, 3 difference(s)');
    expect(acme).toContain('~ change carol@example.com: member → read-only');
    expect(acme).toContain('+ add erin@example.com as annotator');
    expect(acme).toContain('- remove dave@example.com (read-only)');
    expect(acme).not.toContain('staging');
  });

  it('keeps hostile space names inert: plain text in blocks, escaped wherever Slack parses', async () => {
    const research = driftMessage('Research Lab');
    expect(textOf(research)).toContain('+ add heidi@example.com as member');
    for (const text of parsedTexts(research)) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://');
    }
  });

  it('refuses a clicker the policy does not let ask for the changes, and files nothing', async () => {
    const acme = driftMessage('Acme ML');
    const answer = await h.click(acme, 'drift-propose-fix', 'U0DAVE001', driftIdOf(acme));

    expect(textOf(answer)).toContain('You are not allowed to ask for destructive changes');
    expect(h.jobs).toEqual([]);
    expect((await drifts.get(driftIdOf(acme)))?.proposal).toBeUndefined();
  });

  it('records no proposal when the requests cannot be queued, and says to click again', async () => {
    const acme = driftMessage('Acme ML');
    h.queue.down = true;
    try {
      const answer = await h.click(acme, 'drift-propose-fix', 'U0CAROL01', driftIdOf(acme));
      expect(textOf(answer)).toContain('click Propose fix again');
    } finally {
      h.queue.down = false;
    }
    expect(h.jobs).toEqual([]);
    expect((await drifts.get(driftIdOf(acme)))?.proposal).toBeUndefined();
  });

  it('files exactly one ordinary request for the space, once, however often it is clicked', async () => {
    const acme = driftMessage('Acme ML');
    const driftId = driftIdOf(acme);
    const production = await spaceId('Acme ML', 'production');

    const answer = await h.click(acme, 'drift-propose-fix', 'U0CAROL01', driftId);
    const again = await h.click(acme, 'drift-propose-fix', 'U0ALICE01', driftId);
    const twice = await h.click(acme, 'drift-propose-fix', 'U0CAROL01', driftId);

    expect(textOf(answer)).toContain('Preparing 1 approval request(s) for the drift of Acme ML');
    expect(textOf(again)).toContain('was proposed already by U0CAROL01');
    expect(textOf(twice)).toContain('was proposed already by U0CAROL01');
    expect(h.jobs).toEqual([
      expect.objectContaining({
        kind: 'prepare-approval',
        operationId: 'space.change-members',
        args: {
          space: production,
          'read-only': ['carol@example.com'],
          annotator: ['erin@example.com'],
          remove: ['dave@example.com'],
        },
        requester: { teamId: 'T0LOCAL01', userId: 'U0CAROL01' },
      }),
    ]);
    expect(textOf(fresh(acme))).toContain('Fix proposed by <@U0CAROL01>');
    expect(buttonValues(fresh(acme), 'drift-propose-fix')).toEqual([]);
    const audit = await h.audit.list({ since: new Date(Date.now() - 60_000) });
    expect(audit.items.filter((r) => r.requestId === driftId)).toEqual([
      expect.objectContaining({ event: 'drift-proposed', actor: 'U0CAROL01' }),
    ]);
  });

  it('changes nothing until someone else approves; once done, the next run finds no drift there', async () => {
    const [prepare] = h.jobs;
    if (prepare?.kind !== 'prepare-approval') throw new Error('no request was filed');
    await h.work(prepare);
    const approval = () =>
      messages().find(
        (m) =>
          m.channel === 'C0APPROVE1' && textOf(m).includes(`Approval request ${prepare.requestId}`),
      );
    const posted = approval();
    if (!posted) throw new Error('the request was not posted');
    expect(textOf(posted)).toContain('Drift DR');
    const before = await h.runJob(new Date(Date.now() - 1_800_000).toISOString());
    expect(before.actions).toMatchObject({ drift: 2 });

    await h.click(posted, 'approval-approve', 'U0ALICE01', prepare.requestId);
    const execute = h.jobs.find((j) => j.kind === 'execute-approval');
    if (!execute) throw new Error('no execution was queued');
    await h.work(execute);

    expect(textOf(approval())).toContain('Succeeded');
    const after = await h.runJob(new Date(Date.now() - 60_000).toISOString());
    expect(after.actions).toMatchObject({ 'no-drift': 1, drift: 1, skipped: 1 });
  });

  it('resumes a run cut off by its deadline from its checkpoint, and posts each drift once', async () => {
    const at = new Date(Date.now() - 30_000).toISOString();
    const drifted = () => messages().filter((m) => textOf(m).includes('Drift: ')).length;
    const before = drifted();
    // The runner keeps 10 s of an invocation for itself: 10.001 s leaves no time for a file.
    const cut = await h.runJob(at, 10_001);
    const next = h.continued.at(-1);
    expect(cut.state).toBe('continued');
    expect(drifted()).toBe(before);

    const resumed = await h.runJob(at, 60_000, next?.continuation ?? 1);
    const retried = await h.runJob(at, 60_000, next?.continuation ?? 1);

    expect(next).toMatchObject({ job: 'drift', continuation: 1 });
    expect(resumed).toMatchObject({ state: 'finished', actions: { 'no-drift': 1, drift: 1 } });
    expect(retried.state).toBe('already-finished');
    expect(drifted()).toBe(before + 1);
  });
});
