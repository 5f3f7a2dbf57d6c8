import { createArizeGateway } from '../../../src/adapters/arize/arize-gateway.ts';
import { createTargetResolver } from '../../../src/adapters/arize/target-resolver.ts';
import { makeRunDoctor } from '../../../src/app/doctor/run-doctor.ts';
import type { ExecutionContext } from '../../../src/app/operations/executor.ts';
import { executors } from '../../../src/app/operations/executors.ts';
import type { ActiveContext, SlackBotProbe } from '../../../src/app/ports.ts';
import { makeSendAccessReport } from '../../../src/app/reports/send-access-report.ts';
import { parseCommand } from '../../../src/domain/grammar/parse-command.ts';
import type { Grant } from '../../../src/domain/grants/grant.ts';
import type { Requester } from '../../../src/domain/job.ts';
import { schedulesWith } from '../../../src/domain/jobs/scheduled-jobs.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import { parsePolicy, policySha } from '../../../src/domain/policy/policy.ts';
import type { Field, Reply } from '../../../src/domain/reply.ts';
import { type ArizeEmulator, DEMO_ADMIN_API_KEY } from '../../../src/local/arize-emulator/index.ts';
import { localScheduleDirectory } from '../../../src/local/local-doctor-sources.ts';
import { approvalRequest, emptyPlan } from '../../support/approval-request.ts';
import { InMemoryContextStore } from '../../support/in-memory-stores.ts';
import { MemoryReportStore } from '../../support/memory-report-store.ts';

export const appUrl = 'https://app.arize.test';
/** The emulator and the executors share one clock, so key expiry dates are exact. */
export const fixedNow = new Date('2026-01-01T00:00:00.000Z');
export const requester: Requester = { teamId: 'T0DEMO', userId: 'UALICE' };

/** Slack ids of the demo people, as the Slack stand-in knows them. */
export const slackEmails: Record<string, string> = {
  UALICE: 'alice@example.com',
  UBOB: 'bob@example.com',
  UERIN: 'erin@example.com',
};

export interface RunOptions {
  context?: ActiveContext;
  slack?: boolean;
}

/** Parses `text` with the real parser and runs its executor on the real gateway and resolver. */
export async function runCommand(
  emulator: ArizeEmulator,
  text: string,
  options: RunOptions = {},
): Promise<{ id: string; reply: Reply; store: InMemoryContextStore }> {
  const parsed = parseCommand(text, catalogue);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  const gateway = createArizeGateway({
    baseUrl: emulator.url,
    appUrl: emulator.url,
    apiKey: async () => DEMO_ADMIN_API_KEY,
    developerKey: async () => DEMO_ADMIN_API_KEY,
    maxRps: 500,
    maxConcurrency: 8,
    timeoutMs: 2_000,
    baseDelayMs: 10,
    maxDelayMs: 100,
  });
  const store = new InMemoryContextStore();
  const ctx: ExecutionContext = {
    gateway,
    resolver: createTargetResolver(gateway),
    requester,
    context: options.context ?? {},
    appUrl,
    catalogue,
    contextStore: store,
    clock: { now: () => fixedNow },
    approvals: fakeApprovals,
    auditTrail: fakeAuditTrail,
    grants: fakeGrants,
    grantExtension: fakeGrantExtension,
    accessReport: makeSendAccessReport({
      gateway,
      grants: fakeGrants,
      reports: new MemoryReportStore(),
      clock: { now: () => fixedNow },
      notifier: { post: async (channel) => ({ channel: `D-${channel}`, ts: '1.000001' }) },
      files: { share: async (_file, to) => ({ fileId: 'F1', channel: JSON.stringify(to) }) },
    }),
    doctor: makeRunDoctor({
      slack: healthySlack,
      requiredScopes: ['commands'],
      arize: gateway.keys,
      policy: { policy: doctorPolicy, sha: policySha(doctorPolicy) },
      schedules: localScheduleDirectory(schedulesWith({})),
      deadLetters: { count: async () => 0 },
    }),
    ...(options.slack === false
      ? {}
      : {
          slackEmailOf: async (id: string) => {
            const email = slackEmails[id];
            if (!email) throw new Error(`no Slack user ${id}`);
            return email;
          },
        }),
  };
  const id = parsed.command.operation.id;
  const executor = executors[id];
  if (!executor) throw new Error(`no executor for ${id}`);
  return { id, reply: await executor(parsed.command.args, ctx), store };
}

const doctorPolicy = (() => {
  const parsed = parsePolicy({ version: 1, teamId: requester.teamId, requesters: {} });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();

/** Slack as a healthy installation answers: this team's bot, with the scopes asked for. */
const healthySlack: SlackBotProbe = {
  auth: async () => ({
    ok: true,
    value: { botUserId: 'UBOT', teamId: requester.teamId, scopes: ['commands'] },
  }),
  channel: async () => ({ ok: true, value: { name: 'arize-approvals', isMember: true } }),
};

/** One pending request of the requester's, as the approvals store would list it. */
export const pendingRequestId = 'R0A1B2C3D4E5F';

const fakeApprovals: NonNullable<ExecutionContext['approvals']> = {
  listPending: async (query) =>
    [
      approvalRequest({
        id: pendingRequestId,
        args: {},
        reason: 'cleanup',
        requester,
        plan: emptyPlan({ effect: '' }),
        createdAt: '2025-12-31T23:00:00.000Z',
        expiresAt: '2026-01-01T00:30:00.000Z',
      }),
    ].filter((r) => !query.requesterUserId || r.requester.userId === query.requesterUserId),
  cancel: async (requestId, who) =>
    requestId === pendingRequestId && who.userId === requester.userId
      ? { ok: true, value: 'Cancelled: nothing will run.' }
      : { ok: false, error: { message: 'Only the requester can cancel it.' } },
};

const grantOf = (id: string, email: string, requesterUserId: string): Grant => ({
  id,
  status: 'ACTIVE',
  version: 1,
  subject: { arizeUserId: 'VXNlcjo5', email },
  spaceId: 'U3BhY2U6MQ==',
  spaceName: 'production',
  role: 'MEMBER',
  previous: { kind: 'role', role: 'READ_ONLY' },
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: '2026-01-01T08:00:00.000Z',
  requestId: pendingRequestId,
  requesterUserId,
  history: [],
});

const fakeGrants: NonNullable<ExecutionContext['grants']> = {
  listActive: async () => [
    grantOf('G0123456789ABCDEF0123', 'dave@example.com', requester.userId),
    grantOf('G99999999999999999999', 'erin@example.com', 'UBOB'),
  ],
};

/** Extends only the first fake grant, from its end (what an approved extension pins). */
const fakeGrantExtension: NonNullable<ExecutionContext['grantExtension']> = {
  get: async (id) => (await fakeGrants.listActive()).find((g) => g.id === id),
  extend: async ({ grantId, from, seconds }) => {
    const grant = await fakeGrantExtension.get(grantId);
    if (!grant || grant.endsAt !== from)
      return { ok: false, error: 'The grant changed meanwhile.' };
    return {
      ok: true,
      value: { ...grant, endsAt: new Date(Date.parse(from) + seconds * 1000).toISOString() },
    };
  },
};

const fakeAuditTrail: NonNullable<ExecutionContext['auditTrail']> = {
  list: async (query) => ({
    items: [
      {
        id: `${pendingRequestId}#requested`,
        requestId: pendingRequestId,
        event: 'requested' as const,
        at: '2025-12-31T23:00:00.000Z',
        actor: requester.userId,
        detail: { command: 'space delete staging' },
      },
    ].filter((r) => r.at >= query.since.toISOString() && (!query.actor || r.actor === query.actor)),
  }),
};

/** Every string a reply shows, for "the reply says X" checks. */
/** `expires: 2026-01-31T00:00:00.000Z (in 30 days)` for a moment, `label: value` otherwise. */
const fieldLine = (f: Field): string =>
  f.at ? `${f.label}: ${f.at} (${f.value})` : `${f.label}: ${f.value}`;

export function replyText(reply: Reply): string {
  switch (reply.kind) {
    case 'text':
    case 'progress':
      return reply.text;
    case 'error':
      return [reply.message, reply.hint ?? ''].join('\n');
    case 'detail':
      return [
        reply.title,
        reply.context ?? '',
        reply.url ?? '',
        ...reply.fields.map(fieldLine),
      ].join('\n');
    case 'list':
      return [
        reply.title,
        reply.context ?? '',
        ...reply.items.flatMap((i) => [
          i.group ? `organization: ${i.group}` : '',
          i.title,
          i.id ?? '',
          i.url ?? '',
          ...(i.fields ?? []).map(fieldLine),
        ]),
        reply.more?.command ?? '',
      ].join('\n');
  }
}
