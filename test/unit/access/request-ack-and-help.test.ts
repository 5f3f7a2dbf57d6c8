import { describe, expect, it } from 'vitest';
import policyDocument from '../../../policy/policy.json' with { type: 'json' };
import { makeAcceptCommand } from '../../../src/app/accept-command.ts';
import type { AccessContext } from '../../../src/app/access/access-context.ts';
import type { ExecutionContext } from '../../../src/app/operations/executor.ts';
import { executors } from '../../../src/app/operations/executors.ts';
import type { Job } from '../../../src/domain/job.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import { type Policy, policySchema } from '../../../src/domain/policy/policy.ts';
import { silentLog } from '../../support/silent-log.ts';
import v2Document from '../policy/fixtures/policy-v2.json' with { type: 'json' };

const accept = (document: unknown) => {
  const queued: Job[] = [];
  const run = makeAcceptCommand({
    catalogue,
    policy: policySchema.parse(document),
    queue: { enqueue: async (job) => void queued.push(job) },
    clock: { now: () => new Date('2026-11-22T06:00:00Z') },
  });
  const send = (text: string, userId: string) =>
    run({
      requester: { teamId: 'T0LOCAL01', userId },
      channelId: 'C0GENERAL1',
      text,
      responseUrl: 'https://hooks.slack.test/r/1',
      triggerId: 't.1',
    });
  return { send, queued };
};

const text = 'request space staging --org "Acme ML" --role member --for 4h --reason "debug drift"';

describe('the ack path of a self-service request', () => {
  it('accepts it from someone who may not request privilege changes, for the worker to check', async () => {
    const { send, queued } = accept(policyDocument);

    const reply = await send(text, 'U0DAVE001');

    expect(reply).toEqual({
      kind: 'progress',
      text: 'Preparing an approval request for /arize request space staging --org "Acme ML" --role member --for 4h --reason "debug drift"…',
    });
    expect(queued[0]).toMatchObject({
      kind: 'prepare-approval',
      operationId: 'request.space',
      args: { space: 'staging', org: 'Acme ML', role: 'MEMBER', for: 14_400 },
      reason: 'debug drift',
      requester: { userId: 'U0DAVE001' },
    });
  });

  it('refuses it at once under a policy without self-service rules (v2)', async () => {
    const { send, queued } = accept(v2Document);

    const reply = await send(text, 'U0DAVE001');

    expect(reply).toMatchObject({ kind: 'error', code: 'POLICY.NOT_ALLOWED' });
    expect(queued).toHaveLength(0);
  });

  it.each([
    ['request space staging --role member', '--for'],
    ['request space --role member --for 4h', 'SPACE'],
    ['request space staging --for 4h', '--role'],
    ['request space staging --role viewer --for 4h', 'use read-only'],
  ])('gives a usage error for %s', async (typed, mention) => {
    const { send, queued } = accept(policyDocument);

    const reply = await send(typed, 'U0DAVE001');

    expect(reply.kind).toBe('error');
    expect(JSON.stringify(reply)).toContain(mention);
    expect(queued).toHaveLength(0);
  });
});

describe('help request', () => {
  const access = (policy: Policy): AccessContext => ({
    policy,
    groupsOf: async (userId) => new Set(userId === 'U0BOB0001' ? ['S0ADMINS1'] : []),
    slackIdOf: async () => undefined,
    scopes: async () => [],
    log: silentLog,
  });
  const ctxOf = (userId: string, withAccess = true): ExecutionContext =>
    ({
      requester: { teamId: 'T0LOCAL01', userId },
      catalogue,
      ...(withAccess ? { access: access(policySchema.parse(policyDocument)) } : {}),
    }) as unknown as ExecutionContext;
  const help = executors.help;
  if (!help) throw new Error('no help executor');

  it('says what this person may ask for, with whom approves, above the usage', async () => {
    const reply = await help({ topic: ['request'] }, ctxOf('U0BOB0001'));
    const one = await help({ topic: ['request', 'space'] }, ctxOf('U0BOB0001'));

    if (reply.kind !== 'list' || one.kind !== 'detail') throw new Error(reply.kind);
    expect(reply.items[0]?.title).toBe('What you may ask for');
    expect(reply.items.slice(1).map((i) => i.title)).toEqual([
      'request space SPACE [--org ORG] --role ROLE --for DURATION',
      'request extend GRANT [--for DURATION]',
    ]);
    expect(one.fields[0]).toEqual(reply.items[0]?.fields?.[0]);
    expect(one.fields[0]).toEqual({
      label: 'may ask for access',
      value:
        'acme-ml: any space in Acme ML: read-only or member for up to 8h, approved by 1 of arize:space-admins; ' +
        'research: experiments in Research Lab: read-only for up to 4h, approved by 1 of arize:org-admins, S0ADMINS1',
    });
    expect(one.fields.map((f) => f.label)).toContain('usage');
  });

  it('tells someone no rule admits, and leaves other help topics alone', async () => {
    const eve = await help({ topic: ['request', 'space'] }, ctxOf('U0EVE0001'));
    const space = await help({ topic: ['space', 'list'] }, ctxOf('U0EVE0001'));
    const without = await help({ topic: ['request', 'space'] }, ctxOf('U0EVE0001', false));

    expect(eve.kind === 'detail' && eve.fields[0]?.value).toBe(
      'nothing: no self-service rule admits you',
    );
    expect(space.kind === 'detail' && space.fields[0]?.label).toBe('what it does');
    expect(without.kind === 'detail' && without.fields[0]?.label).toBe('what it does');
  });
});
