import { describe, expect, it } from 'vitest';
import policyDocument from '../../../policy/policy.json' with { type: 'json' };
import { makeAcceptCommand, requestIdFor } from '../../../src/app/accept-command.ts';
import type { Job } from '../../../src/domain/job.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import { policySchema } from '../../../src/domain/policy/policy.ts';

const accept = (document: unknown = policyDocument) => {
  const queued: Job[] = [];
  const run = makeAcceptCommand({
    catalogue,
    policy: policySchema.parse(document),
    queue: { enqueue: async (job) => void queued.push(job) },
    clock: { now: () => new Date('2026-11-22T06:00:00Z') },
  });
  const send = (text: string, userId = 'U0ALICE01') =>
    run({
      requester: { teamId: 'T0LOCAL01', userId },
      channelId: 'C0GENERAL1',
      text,
      responseUrl: 'https://hooks.slack.test/r/1',
      triggerId: 't.1',
    });
  return { send, queued };
};

describe('the ack path for operations that need approval', () => {
  it('enqueues a prepare job carrying the reason and answers "Preparing…"', async () => {
    const { send, queued } = accept();

    const reply = await send('space delete staging --reason cleanup');

    expect(reply).toEqual({
      kind: 'progress',
      text: 'Preparing an approval request for /arize space delete staging --reason cleanup…',
    });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      kind: 'prepare-approval',
      operationId: 'space.delete',
      reason: 'cleanup',
      requestId: requestIdFor(queued[0]?.id ?? ''),
    });
    expect(queued[0]?.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    'org add-user "Acme ML" frank@example.com --role admin',
    'space update staging --private false',
    'user delete frank@example.com',
  ])('prepares an approval for %s', async (text) => {
    const { send, queued } = accept();

    await send(text, 'U0CAROL01');

    expect(queued.map((j) => j.kind)).toEqual(['prepare-approval']);
  });

  it.each([
    ['key create ci --space staging --role read-only', 'key.create'],
    ['key refresh ci-pipeline --space production --org "Acme ML"', 'key.refresh'],
    ['user invite jo@example.com --name "Jo Park" --mode password', 'user.invite'],
  ])('prepares an approval for the secret operation %s (delivered by Reveal)', async (text, id) => {
    const { send, queued } = accept();

    const reply = await send(text, 'U0CAROL01');

    expect(reply).toMatchObject({ kind: 'progress' });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: 'prepare-approval', operationId: id });
  });

  it('refuses a secret operation to someone the policy does not let request secrets', async () => {
    const { send, queued } = accept();

    const reply = await send('key create ci --space staging', 'U0DAVE001');

    expect(reply).toMatchObject({ kind: 'error', code: 'POLICY.NOT_ALLOWED' });
    expect(queued).toHaveLength(0);
  });

  it('refuses approval operations under a v1 policy (approvals off)', async () => {
    const { send, queued } = accept({
      version: 1,
      teamId: 'T0LOCAL01',
      requesters: { destructive: ['U0ALICE01'] },
    });

    const reply = await send('space delete staging');

    expect(reply.kind === 'error' && reply.message).toContain('approvals are not enabled');
    expect(queued).toHaveLength(0);
  });

  it('refuses a person the policy does not let request, before any approval', async () => {
    const { send, queued } = accept();

    const reply = await send('space delete staging', 'U0DAVE001');

    expect(reply).toMatchObject({ code: 'POLICY.NOT_ALLOWED' });
    expect(queued).toHaveLength(0);
  });

  it('runs write operations at once, without approval', async () => {
    const { send, queued } = accept();

    await send('space create churn --org "Acme ML"');

    expect(queued.map((j) => j.kind)).toEqual(['run-command']);
  });
});
