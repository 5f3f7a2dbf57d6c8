import { WebClient } from '@slack/web-api';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackHandler } from '../../functions/slack.ts';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { DynamoAuditLog } from '../../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { fixedPolicySource } from '../../src/adapters/policy/fixed-policy-source.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import { SlackApprovalMessenger } from '../../src/adapters/slack/slack-approval-messenger.ts';
import { makePrepareApproval } from '../../src/app/approvals/prepare-approval.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import type { Job } from '../../src/domain/job.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import { type Policy, parsePolicy, policySchema } from '../../src/domain/policy/policy.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import {
  buildBlockActionsBody,
  buildViewSubmissionBody,
} from '../../src/local/slack-standin/slack-payloads.ts';
import {
  contextOf,
  directory,
  type Harness,
  prepareJob,
  silentLog,
  useHarness,
} from '../approvals/approval-harness.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from '../local/start-standin.ts';
import { signedEvent } from '../support/signed-events.ts';

const secret = 'view-submission-signing-secret';
const repoPolicy = (() => {
  const parsed = parsePolicy(policyDocument);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();
/** The repo policy after Bob was removed from the approvers (a redeploy while a modal was open). */
const bobRemoved: Policy = policySchema.parse({
  ...policyDocument,
  approvers: {
    privilege: ['U0ALICE01', 'U0APPR001'],
    destructive: ['U0ALICE01', 'U0APPR001'],
    secret: ['U0ALICE01', 'U0APPR001'],
  },
});

let h: Harness;
let slack: RunningStandin;
let jobs: Job[];
let seq = 0;
useHarness((harness) => {
  h = harness;
});
beforeAll(async () => {
  slack = await startStandin({ now: () => h.clock.now() });
});
afterAll(() => slack.close());
beforeEach(() => {
  slack.standin.reset();
  jobs = [];
});

type Result = APIGatewayProxyStructuredResultV2;

function handlerFor(policy: Policy = repoPolicy) {
  const handler = createSlackHandler({
    teamId: 'T0LOCAL01',
    appId: 'A0ARIZEOPS',
    slackApiUrl: slack.slackApiUrl,
    secrets: new StaticSecretSource({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: BOT_TOKEN }),
    queue: { enqueue: async (job) => void jobs.push(job) },
    replayGuard: new DynamoReplayGuard(h.table, h.clock),
    approvals: { store: h.store, audit: new DynamoAuditLog(h.table) },
    policies: fixedPolicySource(policy),
    clock: h.clock,
    logging: createLog({ service: 'test', level: 'SILENT' }),
  });
  const context = localLambdaContext('arize-ops-slack', 10_000);
  return async (body: string, signing: { secret?: string; timestamp?: number } = {}) =>
    (await handler(
      signedEvent({
        path: '/slack/interactions',
        body,
        secret: signing.secret ?? secret,
        timestamp: signing.timestamp ?? Math.floor(h.clock.now().getTime() / 1000),
      }),
      context,
    )) as Result;
}

/** Carol asks for `org delete "Research Lab"`; the request is posted to the stand-in. */
async function orgDeleteRequest(): Promise<ApprovalRequest> {
  const web = new WebClient(undefined, {
    slackApiUrl: slack.slackApiUrl,
    retryConfig: { retries: 0 },
  });
  const prepare = makePrepareApproval({
    catalogue,
    store: h.store,
    audit: new DynamoAuditLog(h.table),
    messenger: new SlackApprovalMessenger(web, async () => BOT_TOKEN),
    directory,
    policy: repoPolicy,
    clock: h.clock,
    log: silentLog,
  });
  const job = prepareJob(h, 'org delete "Research Lab"', 'U0CAROL01');
  await prepare(job, contextOf(h, 'U0CAROL01'));
  const stored = await h.store.get(job.requestId);
  if (!stored) throw new Error('the request was not stored');
  return stored;
}

/** A click on one of the request's buttons (Approve by default) by `userId`, with a fresh trigger_id and response URL. */
function buttonClick(request: ApprovalRequest, userId: string, actionId = 'approval-approve') {
  const message = slack.standin.messages().find((m) => m.ts === request.ts);
  if (!message) throw new Error('the approval message was not posted');
  return buildBlockActionsBody({
    userId,
    channelId: 'C0APPROVE1',
    message: { ts: message.ts, text: message.text, blocks: message.blocks },
    action: { actionId, blockId: 'approval', value: request.id },
    responseUrl: slack.standin.newResponseUrl('C0APPROVE1', userId),
    triggerId: slack.standin.newTriggerId(userId),
  });
}

/** The modal the stand-in holds for `userId` (as Slack returns it from views.open). */
function openModal(userId: string): Record<string, unknown> {
  const view = slack.standin
    .views()
    .filter((v) => v.user === userId)
    .at(-1);
  if (!view) throw new Error(`no modal was opened for ${userId}`);
  return view.view;
}

const submission = (
  userId: string,
  view: Record<string, unknown>,
  typed: string,
  origin: { teamId?: string; apiAppId?: string } = {},
) =>
  buildViewSubmissionBody({
    userId,
    view,
    values: { 'typed-confirmation': { 'typed-confirmation-input': typed } },
    triggerId: `${Math.floor(Date.now() / 1000)}.${++seq}.abc`,
    ...origin,
  });

/** A view as our modal would be, for a crafted submission naming any request. */
const craftedView = (requestId: string) => ({
  id: 'V0CRAFTED1',
  type: 'modal',
  callback_id: 'approval-confirm',
  private_metadata: requestId,
  hash: '1.abc',
  title: { type: 'plain_text', text: 'Confirm approval' },
  blocks: [],
});

const bodyOf = (result: Result) => JSON.parse(result.body || '{}') as Record<string, unknown>;
const shown = (value: unknown) => JSON.stringify(value);
const ephemeralTo = (userId: string) =>
  slack.standin.messages().filter((m) => m.ephemeral && m.user === userId);

describe('Approve on an org delete opens a typed-name modal', () => {
  it('opens the modal for an eligible approver, recording nothing yet', async () => {
    const request = await orgDeleteRequest();
    const send = handlerFor();

    const result = await send(buttonClick(request, 'U0BOB0001'));
    const view = openModal('U0BOB0001');

    expect(result.statusCode).toBe(200);
    expect(view).toMatchObject({ callback_id: 'approval-confirm', private_metadata: request.id });
    expect(shown(view.blocks)).toContain('Type the organization name “Research Lab” to approve.');
    expect(shown(view.blocks)).toContain('Delete organization Research Lab');
    expect(shown(view.blocks)).toContain('0 of 2 approvals so far.');
    expect(view.submit).toMatchObject({ text: 'Approve' });
    expect((await h.store.get(request.id))?.approvals).toEqual([]);
    expect(ephemeralTo('U0BOB0001')).toEqual([]);
  });

  it.each([
    ['the requester', 'Approve…', 'approval-approve', 'U0CAROL01', 'you asked for this change'],
    ['an outsider', 'Approve…', 'approval-approve', 'U0EVE0001', 'not an approver'],
    ['the requester', 'Reject…', 'approval-reject', 'U0CAROL01', 'you asked for this change'],
    ['an outsider', 'Reject…', 'approval-reject', 'U0EVE0001', 'not an approver'],
  ])(
    'refuses %s clicking %s with an ephemeral message and no modal',
    async (_l, _b, actionId, user, says) => {
      const request = await orgDeleteRequest();

      await handlerFor()(buttonClick(request, user, actionId));

      expect(slack.standin.views()).toEqual([]);
      expect(
        ephemeralTo(user)
          .map((m) => m.text)
          .join(' '),
      ).toContain(says);
    },
  );

  it('says the confirmation could not open when the trigger_id expired, recording nothing', async () => {
    const request = await orgDeleteRequest();
    const click = buttonClick(request, 'U0BOB0001');
    h.clock.set(new Date(h.clock.now().getTime() + 3_000));

    await handlerFor()(click);

    expect(slack.standin.views()).toEqual([]);
    expect(
      ephemeralTo('U0BOB0001')
        .map((m) => m.text)
        .join(' '),
    ).toContain('Click Approve again');
    expect((await h.store.get(request.id))?.approvals).toEqual([]);
  });
});

describe('the view_submission of the typed-name modal', () => {
  it('records the vote on the right name, answers with an update, and redraws the message', async () => {
    const request = await orgDeleteRequest();
    const send = handlerFor();
    await send(buttonClick(request, 'U0BOB0001'));

    const result = await send(submission('U0BOB0001', openModal('U0BOB0001'), 'Research Lab'));

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
    expect(shown(bodyOf(result))).toContain('Your approval counts: 1 of 2.');
    const stored = await h.store.get(request.id);
    expect(stored?.approvals).toEqual(['U0BOB0001']);
    expect(stored?.status).toBe('PENDING');
    const message = slack.standin.messages().find((m) => m.ts === request.ts);
    expect(shown(message?.blocks)).toContain('(1 of 2 approvals)');
    expect(jobs).toEqual([]);
  });

  it('approves after the second typed confirmation and enqueues the execution once', async () => {
    const request = await orgDeleteRequest();
    const send = handlerFor();
    for (const user of ['U0BOB0001', 'U0ALICE01']) {
      await send(buttonClick(request, user));
      await send(submission(user, openModal(user), 'Research Lab'));
    }

    const stored = await h.store.get(request.id);
    expect(stored?.status).toBe('APPROVED');
    expect(stored?.approvals).toEqual(['U0BOB0001', 'U0ALICE01']);
    expect(jobs.filter((j) => j.kind === 'execute-approval')).toHaveLength(1);
  });

  it.each([
    ['another org’s name', 'Acme ML', 'type “Research Lab” exactly.'],
    ['the wrong letter case', 'research lab', '(letter case counts)'],
    ['spaces around it', ' Research Lab ', '(without the spaces around it)'],
    ['nothing', '', 'Type the organization name to approve.'],
  ])(
    'keeps the modal open with an error under the input for %s, recording nothing',
    async (_l, typed, says) => {
      const request = await orgDeleteRequest();
      const send = handlerFor();
      await send(buttonClick(request, 'U0BOB0001'));

      const result = await send(submission('U0BOB0001', openModal('U0BOB0001'), typed));

      expect(bodyOf(result)).toEqual({
        response_action: 'errors',
        errors: { 'typed-confirmation': expect.stringContaining(says) },
      });
      expect((await h.store.get(request.id))?.approvals).toEqual([]);
    },
  );

  it('refuses an approver removed from the policy while the modal was open', async () => {
    const request = await orgDeleteRequest();
    await handlerFor(repoPolicy)(buttonClick(request, 'U0BOB0001'));

    const result = await handlerFor(bobRemoved)(
      submission('U0BOB0001', openModal('U0BOB0001'), 'Research Lab'),
    );

    expect(bodyOf(result)).toMatchObject({ response_action: 'update' });
    expect(shown(bodyOf(result))).toContain(
      'not an approver for this operation under the current policy',
    );
    expect((await h.store.get(request.id))?.approvals).toEqual([]);
  });

  it('refuses a request that expired while the modal was open, and marks it EXPIRED', async () => {
    const request = await orgDeleteRequest();
    const send = handlerFor();
    await send(buttonClick(request, 'U0BOB0001'));
    h.clock.set(new Date(Date.parse(request.expiresAt) + 1_000));

    const result = await send(submission('U0BOB0001', openModal('U0BOB0001'), 'Research Lab'));

    expect(shown(bodyOf(result))).toContain('this request has expired');
    const stored = await h.store.get(request.id);
    expect(stored?.status).toBe('EXPIRED');
    expect(stored?.approvals).toEqual([]);
  });

  it.each([
    ['the requester', 'U0CAROL01', 'you asked for this change'],
    ['an outsider', 'U0EVE0001', 'not an approver'],
  ])(
    'refuses a crafted submission by %s naming the request in private_metadata',
    async (_l, user, says) => {
      const request = await orgDeleteRequest();

      const result = await handlerFor()(submission(user, craftedView(request.id), 'Research Lab'));

      expect(bodyOf(result)).toMatchObject({ response_action: 'update' });
      expect(shown(bodyOf(result))).toContain(says);
      expect((await h.store.get(request.id))?.approvals).toEqual([]);
    },
  );

  it.each([
    ['no known request', 'R0NOPE'],
    ['no request id at all (3,000 characters)', 'x'.repeat(3000)],
  ])('answers a submission naming %s with a clear notice', async (_label, metadata) => {
    const result = await handlerFor()(submission('U0BOB0001', craftedView(metadata), 'x'));

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ response_action: 'update' });
    expect(shown(bodyOf(result))).toContain('No such approval request.');
  });

  it('refuses a bad signature with 401 and records nothing', async () => {
    const request = await orgDeleteRequest();

    const result = await handlerFor()(
      submission('U0BOB0001', craftedView(request.id), 'Research Lab'),
      {
        secret: 'not-the-secret',
      },
    );

    expect(result.statusCode).toBe(401);
    expect((await h.store.get(request.id))?.approvals).toEqual([]);
  });

  it.each([
    ['another workspace', { teamId: 'T0OTHER01' }],
    ['another app', { apiAppId: 'A0SOMEONE' }],
  ])('refuses a correctly signed submission from %s with 403', async (_label, origin) => {
    const request = await orgDeleteRequest();

    const result = await handlerFor()(
      submission('U0BOB0001', craftedView(request.id), 'Research Lab', origin),
    );

    expect(result.statusCode).toBe(403);
    expect((await h.store.get(request.id))?.approvals).toEqual([]);
  });

  it('refuses a replayed submission with 401; the vote counts once', async () => {
    const request = await orgDeleteRequest();
    const send = handlerFor();
    await send(buttonClick(request, 'U0BOB0001'));
    const body = submission('U0BOB0001', openModal('U0BOB0001'), 'Research Lab');

    const first = await send(body);
    const replay = await send(body);

    expect([first.statusCode, replay.statusCode]).toEqual([200, 401]);
    expect((await h.store.get(request.id))?.approvals).toEqual(['U0BOB0001']);
  });

  it('counts a second submission by the same approver once', async () => {
    const request = await orgDeleteRequest();
    const send = handlerFor();
    await send(buttonClick(request, 'U0BOB0001'));
    const view = openModal('U0BOB0001');
    await send(submission('U0BOB0001', view, 'Research Lab'));

    const again = await send(submission('U0BOB0001', view, 'Research Lab'));

    expect(shown(bodyOf(again))).toContain('already');
    expect((await h.store.get(request.id))?.approvals).toEqual(['U0BOB0001']);
  });
});

describe('Reject asks for an optional reason in a modal', () => {
  const rejectClick = (request: ApprovalRequest, userId: string) =>
    buttonClick(request, userId, 'approval-reject');
  const rejection = (userId: string, view: Record<string, unknown>, reason?: string) =>
    buildViewSubmissionBody({
      userId,
      view,
      values: { 'reject-reason': { 'reject-reason-input': reason ?? null } },
      triggerId: `${Math.floor(Date.now() / 1000)}.${++seq}.abc`,
    });

  it('opens the reason modal for an approver, recording nothing yet', async () => {
    const request = await orgDeleteRequest();

    const result = await handlerFor()(rejectClick(request, 'U0BOB0001'));
    const view = openModal('U0BOB0001');

    expect(result.statusCode).toBe(200);
    expect(view).toMatchObject({ callback_id: 'approval-reject', private_metadata: request.id });
    expect(view.submit).toMatchObject({ text: 'Reject' });
    expect(shown(view.blocks)).toContain('"optional":true');
    expect((await h.store.get(request.id))?.status).toBe('PENDING');
  });

  it('rejects with the reason: stored, audited and shown as plain text on the message', async () => {
    const request = await orgDeleteRequest();
    const send = handlerFor();
    await send(rejectClick(request, 'U0BOB0001'));
    const reason = '  <!channel> not during the *freeze* ';

    const result = await send(rejection('U0BOB0001', openModal('U0BOB0001'), reason));

    expect(bodyOf(result)).toMatchObject({ response_action: 'update' });
    expect(shown(bodyOf(result))).toContain('Rejected: nothing will run.');
    const stored = await h.store.get(request.id);
    expect(stored).toMatchObject({
      status: 'REJECTED',
      rejectedBy: 'U0BOB0001',
      rejectReason: '<!channel> not during the *freeze*',
    });
    const trail = await new DynamoAuditLog(h.table).list({ since: new Date(0), limit: 100 });
    expect(
      trail.items.find((r) => r.requestId === request.id && r.event === 'rejected')?.detail,
    ).toEqual({ reason: '<!channel> not during the *freeze*' });
    const message = slack.standin.messages().find((m) => m.ts === request.ts);
    const why = (message?.blocks ?? []).find((b) => shown(b).includes('Why: '));
    expect(why).toMatchObject({
      type: 'section',
      text: { type: 'plain_text', text: 'Why: <!channel> not during the *freeze*' },
    });
    expect(jobs).toEqual([]);
  });

  it('rejects without a reason when none is typed', async () => {
    const request = await orgDeleteRequest();
    const send = handlerFor();
    await send(rejectClick(request, 'U0BOB0001'));

    await send(rejection('U0BOB0001', openModal('U0BOB0001')));

    const stored = await h.store.get(request.id);
    expect(stored?.status).toBe('REJECTED');
    expect(stored?.rejectReason).toBeUndefined();
  });

  it('refuses a crafted rejection by the requester and one after the approver was removed', async () => {
    const request = await orgDeleteRequest();
    const view = { ...craftedView(request.id), callback_id: 'approval-reject' };

    const own = await handlerFor()(rejection('U0CAROL01', view, 'mine'));
    const removed = await handlerFor(bobRemoved)(rejection('U0BOB0001', view, 'gone'));

    expect(shown(bodyOf(own))).toContain('you asked for this change');
    expect(shown(bodyOf(removed))).toContain('not an approver');
    expect((await h.store.get(request.id))?.status).toBe('PENDING');
  });
});
