import { describe, expect, it } from 'vitest';
import type { ArizeGateway, ReplyTarget, TargetResolver } from '../../../src/app/ports.ts';
import { makeRunJob, type RunJobDeps } from '../../../src/app/run-job.ts';
import { AppError } from '../../../src/domain/errors.ts';
import type { ExecuteApprovalJob, PrepareApprovalJob } from '../../../src/domain/job.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import { policySchema } from '../../../src/domain/policy/policy.ts';
import type { Reply } from '../../../src/domain/reply.ts';
import { InMemoryJobLedger } from '../../support/in-memory-stores.ts';
import { silentLog } from '../../support/silent-log.ts';

const base = {
  operationId: 'space.delete',
  args: { space: 'staging' },
  commandText: 'space delete staging',
  public: false,
  requester: { teamId: 'T0LOCAL01', userId: 'U0ALICE01' },
  channelId: 'C0GENERAL1',
  responseUrl: 'https://hooks.slack.test/r/1',
  enqueuedAt: '2026-11-22T06:00:00Z',
};
const prepareJob: PrepareApprovalJob = {
  ...base,
  id: 'j1',
  kind: 'prepare-approval',
  requestId: 'R1',
};
const executeJob: ExecuteApprovalJob = {
  ...base,
  id: 'execute-R1',
  kind: 'execute-approval',
  requestId: 'R1',
};

function setup(overrides: Partial<RunJobDeps> = {}) {
  const sent: { target: ReplyTarget; reply: Reply }[] = [];
  const clock = { now: () => new Date('2026-11-22T06:00:00Z') };
  const ledger = new InMemoryJobLedger(clock);
  const runJob = makeRunJob({
    catalogue,
    executors: {},
    ledger,
    notifier: { reply: async (target, reply) => void sent.push({ target, reply }) },
    contexts: { get: async () => ({}), set: async () => undefined },
    gateway: {} as ArizeGateway,
    newResolver: () => ({}) as TargetResolver,
    appUrl: 'http://app.local',
    clock,
    log: silentLog,
    directory: { person: async () => undefined },
    policy: policySchema.parse({ version: 1, teamId: 'T0LOCAL01', requesters: {} }),
    ...overrides,
  });
  /** The job ids that went through the ledger. */
  const claims = () => [...ledger.jobs.keys()];
  return { runJob, sent, claims };
}

describe('the worker routes approval jobs', () => {
  it('prepares through the ledger and replaces the "Preparing…" ack with the answer', async () => {
    const answer: Reply = { kind: 'text', text: 'posted' };
    const { runJob, sent, claims } = setup({ prepareApproval: async () => answer });

    expect(await runJob(prepareJob)).toBe('done');
    expect(claims()).toEqual(['j1']);
    expect(sent).toEqual([
      {
        target: {
          kind: 'response-url',
          url: base.responseUrl,
          replaceOriginal: true,
          public: false,
        },
        reply: answer,
      },
    ]);
  });

  it('answers an expected prepare refusal as an error reply', async () => {
    const { runJob, sent } = setup({
      prepareApproval: async () => {
        throw new AppError('IDENTITY.REFUSED', 'Refused: guests cannot.');
      },
    });

    await runJob(prepareJob);

    expect(sent[0]?.reply).toEqual({
      kind: 'error',
      code: 'IDENTITY.REFUSED',
      message: 'Refused: guests cannot.',
    });
  });

  it('executes without the ledger: the request’s own EXECUTING lease guards it', async () => {
    const executed: string[] = [];
    const { runJob, claims, sent } = setup({
      executeApproval: async (job) => void executed.push(job.requestId),
    });

    expect(await runJob(executeJob)).toBe('done');
    expect(executed).toEqual(['R1']);
    expect(claims()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('throws for approval jobs when approvals are not wired', async () => {
    const { runJob } = setup();

    await expect(runJob(executeJob)).rejects.toThrow('Approvals are not enabled.');
    await expect(runJob(prepareJob)).rejects.toThrow('Approvals are not enabled.');
  });
});
