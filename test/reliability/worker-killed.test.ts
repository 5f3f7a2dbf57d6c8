/**
 * A worker killed at each step of an execution (claim → re-read → apply → record → redraw): the
 * real execute-approval runs on dynalite and the emulator until its n-th port call has completed,
 * then every further call never settles, as if the Lambda died there. SQS delivers the job again
 * and the scheduled sweep runs; the request must end SUCCEEDED with exactly one mutation in the
 * emulator's log and its message redrawn.
 *
 * It found a real gap: killed after storing the outcome and before drawing it (steps 15-17), the
 * message said "Running" for good (the redelivery stopped at "not runnable", the sweep lists no
 * finished request). A delivery of an ended request now redraws it (`refreshMessage` `again`).
 *
 * Mutations tried (each made this file fail):
 * - that redraw removed from execute-approval → steps 15-17 end with the message still EXECUTING.
 * - recover-execution ignoring a reached post-state → steps 13-14 re-run the delete: FAILED.
 * - the sweep's lease 500 min instead of 5 → steps 3-12 stay EXECUTING.
 */
import { describe, expect, it } from 'vitest';
import { createTargetResolver } from '../../src/adapters/arize/target-resolver.ts';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { makeExecuteApproval } from '../../src/app/approvals/execute-approval.ts';
import { executors } from '../../src/app/operations/executors.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import type { ExecuteApprovalJob } from '../../src/domain/job.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import {
  contextOf,
  executeJobs,
  type Harness,
  messengerOf,
  silentLog,
  useHarness,
} from '../approvals/approval-harness.ts';
import {
  approvedRequest,
  minutesFromNow,
  settleLeftovers,
  sweepOf,
} from '../approvals/sweep-harness.ts';

let h: Harness;
useHarness((harness) => {
  h = harness;
});

/** Ports whose calls stop settling once `killAfter` of them completed: the process is gone. */
function killSwitch(killAfter: number) {
  const steps: string[] = [];
  const wrap = <T extends object>(name: string, port: T): T =>
    new Proxy(port, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (steps.length >= killAfter) return new Promise(() => undefined);
          const result = value.apply(target, args);
          if (!(result instanceof Promise)) return result;
          return result.then((settled: unknown) => {
            steps.push(`${name}.${String(key)}`);
            return settled;
          });
        };
      },
    });
  return { steps, wrap };
}

/** execute-approval as the worker builds it, every port behind the kill switch. */
function workerOf(kill: ReturnType<typeof killSwitch>) {
  const gateway = kill.wrap('gateway', h.gateway);
  const execute = makeExecuteApproval({
    catalogue,
    executors,
    store: kill.wrap('store', h.store),
    audit: kill.wrap('audit', new DynamoAuditLog(h.table)),
    messenger: kill.wrap('messenger', messengerOf(h)),
    notifier: kill.wrap('notifier', {
      reply: async (target, reply) => void h.replies.push({ target, reply }),
    }),
    clock: h.clock,
    log: silentLog,
  });
  return (job: ExecuteApprovalJob, request: ApprovalRequest) =>
    execute(job, {
      ...contextOf(h, request.requester.userId),
      gateway,
      resolver: createTargetResolver(gateway),
    });
}

const alive = () => killSwitch(Number.POSITIVE_INFINITY);

async function approvedDelete() {
  await settleLeftovers(h);
  const approved = await approvedRequest(h, 'space delete staging');
  const [job] = executeJobs(h);
  if (!job) throw new Error('no execute job queued');
  return { approved, job, before: h.emulator.mutations().length };
}

/** The steps of one whole execution, found by running it unkilled. */
async function stepsOfAnExecution(): Promise<string[]> {
  const { approved, job } = await approvedDelete();
  const kill = alive();
  await workerOf(kill)(job, approved);
  return kill.steps;
}

describe('a worker killed at each step of an execution', () => {
  const reads = Array.from({ length: 6 }, (): [string, string] => [
    'gateway.read',
    're-read the pre-state',
  ]);
  const steps: [string, string][] = [
    ['store.get', 'read the request'],
    ['audit.append', 'audit the execution'],
    ['store.update', 'claim the EXECUTING lease'],
    ['store.get', 'read it for the running redraw'],
    ['store.claimRender', 'claim the running redraw'],
    ['messenger.update', 'redraw it running'],
    ...reads,
    ['gateway.deleteSpace', 'apply the change'],
    ['audit.append', 'audit the result'],
    ['store.update', 'record the outcome'],
    ['store.get', 'read it for the final redraw'],
    ['store.claimRender', 'claim the final redraw'],
    ['messenger.update', 'redraw it final'],
    ['notifier.reply', 'tell the requester'],
  ];

  it('runs the steps this file kills after, in this order', async () => {
    // The pre-state reads run partly at once: which of them ends first varies.
    const named = (await stepsOfAnExecution()).map((step) =>
      /^gateway\.(get|list)/.test(step) ? 'gateway.read' : step,
    );
    expect(named).toEqual(steps.map(([step]) => step));
  });

  it.each(steps.map(([step, what], i) => [i + 1, what, step] as const))(
    'recovers a worker killed after step %i (%s: %s) with one mutation',
    async (n) => {
      const { approved, job, before } = await approvedDelete();
      void workerOf(killSwitch(n))(job, approved);
      // Give the dead worker's last completed call time to land; nothing after it ever runs.
      await new Promise((resolve) => setTimeout(resolve, 200));

      await workerOf(alive())(job, approved); // SQS delivers the job again
      await sweepOf(h)(minutesFromNow(6)); // the lease is past its time
      await sweepOf(h)(minutesFromNow(12)); // an APPROVED request no worker started
      for (const again of executeJobs(h).slice(1)) await workerOf(alive())(again, approved);

      const stored = await h.store.get(approved.id);
      expect(stored?.status).toBe('SUCCEEDED');
      expect(
        h.emulator
          .mutations()
          .slice(before)
          .map((m) => `${m.method} ${m.path}`),
      ).toEqual([expect.stringMatching(/^DELETE \/v2\/spaces\//)]);
      expect(h.renders.at(-1)?.request.status).toBe('SUCCEEDED');
    },
    30_000,
  );
});
