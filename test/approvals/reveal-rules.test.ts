import { describe, expect, it } from 'vitest';
import {
  captureSecrets,
  scrubReply,
  secretPlaceholder,
  withoutSecretFields,
} from '../../src/app/approvals/capture-secrets.ts';
import type { ArizeGateway } from '../../src/app/ports.ts';
import { makeRunJob } from '../../src/app/run-job.ts';
import type { ApprovalStatus } from '../../src/domain/approvals/approval.ts';
import { revealRefusal } from '../../src/domain/approvals/reveal-refusal.ts';
import { jobSchema, type RevealSecretJob } from '../../src/domain/job.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { silentLog } from '../support/silent-log.ts';

const carol = { teamId: 'T0LOCAL01', userId: 'U0CAROL01' };
const now = new Date('2026-11-22T07:00:00Z');
const waiting = {
  status: 'APPROVED' as ApprovalStatus,
  requester: carol,
  revealBy: '2026-11-22T07:30:00.000Z',
  commandText: 'key create x --space s',
};

describe('who may reveal, and when', () => {
  it('lets the requester reveal an approved request inside its window', () => {
    expect(revealRefusal(waiting, carol, now)).toBeUndefined();
  });

  it.each([
    [{ status: 'PENDING' }, 'REVEAL.NOT_READY'],
    [{ status: 'FAILED' }, 'REVEAL.NOT_READY'],
    [{ status: 'APPROVED', revealBy: undefined }, 'REVEAL.NOT_READY'],
    [{ status: 'EXECUTING' }, 'REVEAL.IN_PROGRESS'],
    [{ status: 'APPROVED', revealViewId: 'V1' }, 'REVEAL.IN_PROGRESS'],
    [{ status: 'SUCCEEDED' }, 'REVEAL.ALREADY_REVEALED'],
    [{ revealBy: '2026-11-22T07:00:00.000Z' }, 'REVEAL.EXPIRED'],
  ])('refuses %o with %s', (changes, code) => {
    expect(revealRefusal({ ...waiting, ...changes } as typeof waiting, carol, now)?.code).toBe(
      code,
    );
  });

  it('refuses anyone but the requester before saying anything about the request', () => {
    const refusal = revealRefusal(
      { ...waiting, status: 'SUCCEEDED' },
      { ...carol, userId: 'U0BOB0001' },
      now,
    );
    expect(refusal?.code).toBe('REVEAL.NOT_ALLOWED');
  });
});

describe('keeping the secret out of everything but the window', () => {
  const secret = 'ak-SECRETSECRET';
  it.each<Reply>([
    { kind: 'text', text: `key ${secret}` },
    { kind: 'progress', text: `key ${secret}` },
    { kind: 'error', code: 'X', message: `bad ${secret}`, hint: secret, usage: secret },
    { kind: 'detail', title: secret, context: secret, fields: [{ label: secret, value: secret }] },
    {
      kind: 'list',
      title: secret,
      context: secret,
      empty: 'none',
      items: [
        { title: secret, fields: [{ label: 'k', value: `x${secret}y` }] },
        { title: 'plain' },
      ],
    },
  ])('scrubs every occurrence from a %s reply', (reply) => {
    const scrubbed = JSON.stringify(scrubReply(reply, [secret, '']));
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain(secretPlaceholder);
  });

  it('drops the fields that hold it, for the window (where it is shown on its own)', () => {
    const reply: Reply = {
      kind: 'detail',
      title: 't',
      fields: [
        { label: 'secret', value: secret },
        { label: 'id', value: 'k1' },
      ],
    };
    expect(withoutSecretFields(reply, [secret])).toEqual({
      ...reply,
      fields: [{ label: 'id', value: 'k1' }],
    });
    expect(withoutSecretFields({ kind: 'text', text: 'x' }, [secret])).toEqual({
      kind: 'text',
      text: 'x',
    });
  });

  it('captures secrets where the gateway returns them and passes every other call through', async () => {
    class Gateway {
      private readonly name = 'bound';
      async getSpace(id: string) {
        return { id, name: this.name };
      }
      async createUser() {
        return { user: { id: 'u1', email: 'a@b.c' }, created: true };
      }
    }
    const { gateway, captured } = captureSecrets(new Gateway() as unknown as ArizeGateway);

    expect(await gateway.getSpace('s1')).toMatchObject({ id: 's1', name: 'bound' });
    await gateway.createUser({
      name: 'a',
      email: 'a@b.c',
      role: 'MEMBER',
      inviteMode: 'EMAIL_LINK',
    });
    expect(captured).toEqual([]);
  });
});

describe('reveal jobs in the worker', () => {
  const job: RevealSecretJob = {
    id: 'reveal-R1',
    kind: 'reveal-secret',
    requestId: 'R1',
    viewId: 'V1',
    operationId: 'key.create',
    args: {},
    commandText: 'key create x',
    public: false,
    requester: carol,
    channelId: 'D0CAROL01',
    responseUrl: 'http://localhost:9/r',
    enqueuedAt: now.toISOString(),
  };

  it('reads a reveal job off the queue, and refuses one without a view', () => {
    expect(jobSchema.safeParse(job).success).toBe(true);
    expect(jobSchema.safeParse({ ...job, viewId: '' }).success).toBe(false);
  });

  it('routes it to the Reveal flow, without the job ledger; fails loudly when the flow is off', async () => {
    const ran: string[] = [];
    const base = {
      catalogue: [],
      executors: {},
      ledger: {
        begin: async () => {
          throw new Error('the ledger must not be used');
        },
        finish: async () => undefined,
        release: async () => undefined,
      },
      notifier: { reply: async () => undefined },
      contexts: { get: async () => ({}), set: async () => undefined },
      gateway: {} as ArizeGateway,
      newResolver: () => ({}) as never,
      appUrl: 'http://arize',
      clock: { now: () => now },
      log: silentLog,
      directory: { person: async () => undefined },
      policy: {} as never,
    };

    const on = makeRunJob({ ...base, revealSecret: async (j) => void ran.push(j.viewId) });
    const off = makeRunJob(base);

    expect(await on(job)).toBe('done');
    expect(ran).toEqual(['V1']);
    await expect(off(job)).rejects.toThrow('The Reveal flow is not enabled.');
  });
});
