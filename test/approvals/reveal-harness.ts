import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { makeDecideApproval } from '../../src/app/approvals/decide-approval.ts';
import { makeExecuteApproval } from '../../src/app/approvals/execute-approval.ts';
import { makeOfferReveal } from '../../src/app/approvals/offer-reveal.ts';
import { makeRevealSecret } from '../../src/app/approvals/reveal-secret.ts';
import { makeStartReveal } from '../../src/app/approvals/start-reveal.ts';
import type { WindowView } from '../../src/app/modal-view.ts';
import { executors } from '../../src/app/operations/executors.ts';
import type {
  ChatNotifier,
  Log,
  MessageRef,
  ModalPresenter,
  ModalView,
  RevealMessenger,
} from '../../src/app/ports.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import type { RevealSecretJob } from '../../src/domain/job.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import type { Policy } from '../../src/domain/policy/policy.ts';
import {
  contextOf,
  directory,
  executeJobs,
  groupsOf,
  type Harness,
  makePolicy,
  messengerOf,
  request,
  voter,
} from './approval-harness.ts';

/** The demo policy of the approvals tests, with Carol allowed to ask for secrets. */
export const revealPolicy = (): Policy =>
  makePolicy({
    requesters: {
      read: ['U0ALICE01', 'U0CAROL01'],
      write: ['U0ALICE01', 'U0CAROL01'],
      secret: ['U0ALICE01', 'U0CAROL01'],
    },
  });

/** A modal presenter that records what each window showed, and can be made to fail. */
export interface FakeModals extends ModalPresenter {
  opened: { triggerId: string; viewId: string; view: WindowView }[];
  updates: { viewId: string; view: WindowView }[];
  failOpen: boolean;
  failUpdate: boolean;
}

/** The Reveal flow only ever shows windows; anything else is a bug the test should see. */
function windowOf(view: ModalView): WindowView {
  if (view.kind !== 'window') throw new Error(`the Reveal flow showed a ${view.kind} modal`);
  return view;
}

export function fakeModals(): FakeModals {
  let seq = 0;
  const modals: FakeModals = {
    opened: [],
    updates: [],
    failOpen: false,
    failUpdate: false,
    open: async (triggerId, view) => {
      if (modals.failOpen) throw new Error('An API error occurred: expired_trigger_id');
      const viewId = `V${++seq}`;
      modals.opened.push({ triggerId, viewId, view: windowOf(view) });
      return { viewId };
    },
    update: async (viewId, view) => {
      if (modals.failUpdate) throw new Error('An API error occurred: not_found');
      modals.updates.push({ viewId, view: windowOf(view) });
    },
  };
  return modals;
}

/** Records the Reveal direct messages. */
export function fakeReveals(): RevealMessenger & {
  offers: ApprovalRequest[];
  settled: { message: MessageRef; request: ApprovalRequest }[];
} {
  const offers: ApprovalRequest[] = [];
  const settled: { message: MessageRef; request: ApprovalRequest }[] = [];
  return {
    offers,
    settled,
    offer: async (request) => {
      offers.push(request);
      return {
        channel: `D${request.requester.userId.slice(1)}`,
        ts: `1700000100.00000${offers.length}`,
      };
    },
    settle: async (message, request) => void settled.push({ message, request }),
  };
}

/** A log that keeps every line, as JSON, to search for secrets. */
export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string, data?: Record<string, unknown>) =>
    void lines.push(JSON.stringify({ level, message, ...data }));
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Every item of the table, as JSON text. */
export async function scanTable(h: Harness): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await h.table.client.send(
      new ScanCommand({ TableName: h.table.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items);
}

/** The Reveal flow's use cases on the harness, with fakes for Slack. */
export function revealCases(h: Harness, policy: Policy = revealPolicy()) {
  const modals = fakeModals();
  const reveals = fakeReveals();
  const log = recordingLog();
  const jobs: RevealSecretJob[] = [];
  const notifier: Pick<ChatNotifier, 'reply'> & { replies: unknown[] } = {
    replies: [],
    reply: async (target, reply) => void notifier.replies.push({ target, reply }),
  };
  const common = {
    store: h.store,
    audit: new DynamoAuditLog(h.table),
    messenger: messengerOf(h),
    clock: h.clock,
    log,
  };
  const decide = makeDecideApproval({
    ...common,
    queue: { enqueue: async (job) => void h.queued.push(job) },
    policy,
    directory,
    groups: groupsOf(h),
  });
  const execute = makeExecuteApproval({
    ...common,
    catalogue,
    executors,
    notifier,
    offerReveal: makeOfferReveal({ ...common, notifier, reveals }),
  });
  const start = makeStartReveal({
    ...common,
    policy,
    directory,
    queue: {
      enqueue: async (job) => {
        if (job.kind === 'reveal-secret') jobs.push(job);
      },
    },
    modals,
  });
  const reveal = makeRevealSecret({ ...common, catalogue, executors, notifier, reveals, modals });

  /** Prepares, approves (Bob) and executes a command of Carol's: it waits for her Reveal click. */
  async function approved(text: string): Promise<ApprovalRequest> {
    const { request: prepared } = await request(h, text, policy, 'U0CAROL01');
    const decided = await decide({
      requestId: prepared.id,
      decision: 'approve',
      voter: voter('U0BOB0001'),
    });
    if (!decided.ok) throw new Error(decided.error.message);
    const job = executeJobs(h).find((j) => j.requestId === prepared.id);
    if (!job) throw new Error('no execute job');
    await execute(job, contextOf(h, 'U0CAROL01'));
    const stored = await h.store.get(prepared.id);
    if (!stored) throw new Error('request gone');
    return stored;
  }

  let trigger = 0;
  const click = (requestId: string, userId = 'U0CAROL01', teamId = 'T0LOCAL01') =>
    start({
      requestId,
      clicker: { teamId, userId },
      triggerId: `trigger.${++trigger}`,
      responseUrl: 'http://localhost:9/response/dm',
    });
  const runReveal = (job: RevealSecretJob) => reveal(job, contextOf(h, 'U0CAROL01'));

  return {
    modals,
    reveals,
    log,
    jobs,
    notifier,
    decide,
    execute,
    approved,
    click,
    runReveal,
    /** The click use case under another policy (e.g. the requester removed since approval). */
    startUnder: (other: Policy) =>
      makeStartReveal({
        ...common,
        policy: other,
        directory,
        queue: { enqueue: async () => undefined },
        modals,
      }),
  };
}

/** Key creations and refreshes the emulator performed since `before`. */
export const secretMutations = (h: Harness, before: number) =>
  h.emulator
    .mutations()
    .slice(before)
    .filter((m) => ['createApiKey', 'refreshApiKey', 'createUser'].includes(m.operation));
