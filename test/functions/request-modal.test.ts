import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackHandler } from '../../functions/slack.ts';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { DynamoNameDirectory } from '../../src/adapters/dynamodb/dynamo-name-directory.ts';
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { fixedPolicySource } from '../../src/adapters/policy/fixed-policy-source.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import type { Directory } from '../../src/domain/directory/name-directory.ts';
import type { Job } from '../../src/domain/job.ts';
import { parsePolicy } from '../../src/domain/policy/policy.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import {
  clearLocalTable,
  type LocalDynamo,
  localTable,
  startLocalDynamo,
} from '../../src/local/dynalite.ts';
import {
  buildBlockSuggestionPayload,
  buildSlashCommandBody,
  buildViewSelectPayload,
  buildViewSubmissionPayload,
  type PickedOption,
} from '../../src/local/slack-standin/slack-payloads.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from '../local/start-standin.ts';
import { signedEvent } from '../support/signed-events.ts';

const secret = 'request-modal-signing-secret';
const now = new Date('2026-11-22T10:00:00Z');
const policy = (() => {
  const parsed = parsePolicy(policyDocument);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();

/** The demo account's names, as the worker or the directory-refresh job would have written them. */
const demo: Directory = {
  orgs: [
    { id: 'org-acme', name: 'Acme ML' },
    { id: 'org-research', name: 'Research Lab' },
  ],
  spaces: [
    { id: 'space-acme-prod', name: 'production', orgId: 'org-acme' },
    { id: 'space-staging', name: 'staging', orgId: 'org-acme' },
    { id: 'space-fraud', name: 'fraud-detection', orgId: 'org-acme' },
    { id: 'space-experiments', name: 'experiments', orgId: 'org-research' },
    { id: 'space-research-prod', name: 'production', orgId: 'org-research' },
  ],
};

let dynamo: LocalDynamo;
let directory: DynamoNameDirectory;
let slack: RunningStandin;
let jobs: Job[];
let seq = 0;
type Result = APIGatewayProxyStructuredResultV2;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  directory = new DynamoNameDirectory(localTable(dynamo));
  slack = await startStandin({ now: () => now });
});
afterAll(async () => {
  await slack.close();
  await dynamo.close();
});
beforeEach(async () => {
  slack.standin.reset();
  jobs = [];
  await clearLocalTable(localTable(dynamo));
  await directory.record(demo, now);
});

/** The whole Slack function chain: signature, replay guard, Bolt, the command's own path. */
async function send(path: '/slack/commands' | '/slack/interactions', body: string) {
  const clock = { now: () => now };
  const handler = createSlackHandler({
    teamId: 'T0LOCAL01',
    appId: 'A0ARIZEOPS',
    slackApiUrl: slack.slackApiUrl,
    secrets: new StaticSecretSource({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: BOT_TOKEN }),
    queue: { enqueue: async (job) => void jobs.push(job) },
    replayGuard: new DynamoReplayGuard(localTable(dynamo), clock),
    directory,
    policies: fixedPolicySource(policy),
    clock,
    logging: createLog({ service: 'test', level: 'SILENT' }),
  });
  const event = signedEvent({ path, body, secret, timestamp: Math.floor(now.getTime() / 1000) });
  return (await handler(event, localLambdaContext('arize-ops-slack', 10_000))) as Result;
}

const interaction = (payload: Record<string, unknown>) =>
  send('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

const slash = (text: string, userId = 'U0DAVE001') =>
  send(
    '/slack/commands',
    buildSlashCommandBody({
      userId,
      channelId: 'C0GENERAL1',
      text,
      responseUrl: slack.standin.newResponseUrl('C0GENERAL1', userId),
      triggerId: slack.standin.newTriggerId(userId),
    }),
  );

/** A global shortcut's payload, as Slack sends it when "Request Arize access" is picked. */
const shortcut = (userId: string) =>
  interaction({
    type: 'shortcut',
    api_app_id: 'A0ARIZEOPS',
    token: 'sandbox-verification-token',
    action_ts: `${Math.floor(now.getTime() / 1000)}.${++seq}`,
    team: { id: 'T0LOCAL01', domain: 'arize-ops-sandbox' },
    user: { id: userId, username: 'dave', team_id: 'T0LOCAL01' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'request_access',
    trigger_id: slack.standin.newTriggerId(userId),
  });

function openedModal(userId: string): Record<string, unknown> {
  const view = slack.standin
    .views()
    .filter((v) => v.user === userId)
    .at(-1);
  if (!view) throw new Error(`no modal was opened for ${userId}`);
  return view.view;
}

type Block = { block_id?: string; element?: Record<string, unknown>; type: string };
const blockOf = (view: Record<string, unknown>, id: string) =>
  (view.blocks as Block[]).find((b) => b.block_id === id);
const optionTexts = (view: Record<string, unknown>, id: string) =>
  ((blockOf(view, id)?.element?.options ?? []) as { text: { text: string } }[]).map(
    (o) => o.text.text,
  );

type Option = { text: { type: string; text: string; emoji: boolean }; value: string };

/** What the modal's org or space select is offered while the person types `value`. */
async function suggest(
  view: Record<string, unknown>,
  field: 'org' | 'space',
  value: string,
  userId = 'U0DAVE001',
): Promise<Option[]> {
  const result = await interaction(
    buildBlockSuggestionPayload({
      userId,
      view,
      blockId: `request-${field}`,
      actionId: `request-${field}-input`,
      value,
    }),
  );
  expect(result.statusCode).toBe(200);
  return (JSON.parse(result.body || '{}') as { options: Option[] }).options;
}

/** Picks an org in the modal's select (dispatch_action): the modal is redrawn for it. */
async function pickOrg(userId: string, org: { id: string; name: string }) {
  const result = await interaction(
    buildViewSelectPayload({
      userId,
      view: openedModal(userId),
      blockId: 'request-org',
      actionId: 'request-org-input',
      selected: { value: org.id, text: org.name },
      selectType: 'external_select',
      triggerId: `${Math.floor(now.getTime() / 1000)}.${++seq}.pick`,
    }),
  );
  expect(result.statusCode).toBe(200);
  return openedModal(userId);
}

const picked = (select: PickedOption['select'], value: string, text = value): PickedOption => ({
  select,
  value,
  text,
});

/** The modal's submission: the picks, and the conversation select's response_url. */
function submit(
  userId: string,
  view: Record<string, unknown>,
  fields: Partial<Record<'org' | 'space' | 'role' | 'duration' | 'reason', string>>,
  channel: string | null = 'C0GENERAL1',
) {
  const values: Record<string, Record<string, string | null | PickedOption>> = {};
  for (const [field, value] of Object.entries(fields)) {
    const select = field === 'org' || field === 'space' ? 'external_select' : 'static_select';
    values[`request-${field}`] = {
      [`request-${field}-input`]: field === 'reason' ? value : picked(select, value),
    };
  }
  const payload = buildViewSubmissionPayload({
    userId,
    view,
    values,
    triggerId: `${Math.floor(now.getTime() / 1000)}.${++seq}.modal`,
  });
  const state = payload.view as { state: { values: Record<string, unknown> } };
  state.state.values['request-channel'] = {
    'request-channel-input': {
      type: 'conversations_select',
      selected_conversation: channel ?? null,
    },
  };
  payload.response_urls = channel
    ? [
        {
          block_id: 'request-channel',
          action_id: 'request-channel-input',
          channel_id: channel,
          response_url: slack.standin.newResponseUrl(channel, userId),
        },
      ]
    : [];
  return interaction(payload);
}

const bodyOf = (result: Result) => JSON.parse(result.body || '{}') as Record<string, unknown>;

/** What a job asks for, without what differs per Slack trigger (ids, URLs, times). */
const asked = (job: Job | undefined) => {
  if (!job) throw new Error('no job was enqueued');
  const {
    id: _id,
    responseUrl: _url,
    enqueuedAt: _at,
    ...rest
  } = job as Job & {
    id: string;
    responseUrl: string;
    enqueuedAt: string;
  };
  return { ...rest, requestId: undefined };
};

describe('the request modal', () => {
  it('opens on /arize request with selects: org and space live, role and duration per policy', async () => {
    const result = await slash('request');

    const view = openedModal('U0DAVE001');
    expect(result.statusCode).toBe(200);
    expect(view).toMatchObject({ callback_id: 'request_access' });
    expect(blockOf(view, 'request-org')).toMatchObject({
      optional: true,
      dispatch_action: true,
      element: { type: 'external_select', action_id: 'request-org-input', min_query_length: 0 },
    });
    expect(blockOf(view, 'request-space')?.element).toMatchObject({ type: 'external_select' });
    // Dave's rules: read-only or member in Acme ML for up to 8h; read-only in Research Lab, 4h.
    expect(optionTexts(view, 'request-role')).toEqual(['member', 'read-only']);
    expect(optionTexts(view, 'request-duration')).toEqual([
      '30 minutes',
      '1 hour',
      '2 hours',
      '4 hours',
      '8 hours',
    ]);
    expect(jobs).toEqual([]);
  });

  it('opens from the global shortcut "Request Arize access"', async () => {
    const result = await shortcut('U0CAROL01');

    expect(result.statusCode).toBe(200);
    expect(openedModal('U0CAROL01')).toMatchObject({
      callback_id: 'request_access',
      title: { text: 'Request Arize access' },
    });
  });

  it('tells someone no self-service rule admits so, with nothing to submit', async () => {
    await slash('request', 'U0EVE0001');

    const view = openedModal('U0EVE0001');
    expect(view.submit).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain('No self-service rule of the policy admits you');
  });

  it('suggests organizations by any part of the name, in any case', async () => {
    await slash('request');
    const view = openedModal('U0DAVE001');

    expect(await suggest(view, 'org', 'LAB')).toEqual([
      { text: { type: 'plain_text', text: 'Research Lab', emoji: false }, value: 'org-research' },
    ]);
    expect((await suggest(view, 'org', '')).map((o) => o.value)).toEqual([
      'org-acme',
      'org-research',
    ]);
  });

  it('labels spaces with their organization until one is picked, then offers only its spaces', async () => {
    await slash('request');

    const all = await suggest(openedModal('U0DAVE001'), 'space', 'prod');
    expect(all.map((o) => [o.value, o.text.text])).toEqual([
      ['space-acme-prod', 'production (Acme ML)'],
      ['space-research-prod', 'production (Research Lab)'],
    ]);

    const view = await pickOrg('U0DAVE001', { id: 'org-research', name: 'Research Lab' });
    const narrowed = await suggest(view, 'space', '');
    expect(narrowed.map((o) => [o.value, o.text.text])).toEqual([
      ['space-experiments', 'experiments'],
      ['space-research-prod', 'production'],
    ]);
    // The rules of Research Lab: read-only, up to 4h.
    expect(optionTexts(view, 'request-role')).toEqual(['read-only']);
    expect(optionTexts(view, 'request-duration').at(-1)).toBe('4 hours');
    expect(blockOf(view, 'request-org')?.element?.initial_option).toMatchObject({
      value: 'org-research',
    });
  });

  it('answers the same suggestion again when it comes twice in one second (it only reads)', async () => {
    await slash('request');
    const view = openedModal('U0DAVE001');

    const first = await suggest(view, 'org', 'acme');
    expect(await suggest(view, 'org', 'acme')).toEqual(first);
  });

  it('answers with at most 100 options from a directory of 1,000 spaces', async () => {
    await directory.record(
      {
        spaces: Array.from({ length: 1000 }, (_, i) => ({
          id: `space-bulk-${i}`,
          name: `model-${String(i).padStart(4, '0')}`,
          orgId: 'org-acme',
        })),
      },
      now,
    );
    await slash('request');

    const options = await suggest(openedModal('U0DAVE001'), 'space', 'MODEL-');
    expect(options).toHaveLength(100);
    expect(options[0]?.text.text).toBe('model-0000 (Acme ML)');
    expect(await suggest(openedModal('U0DAVE001'), 'space', 'model-0999')).toHaveLength(1);
  });

  it('says so when no names are known yet, in the modal and as the only option', async () => {
    await clearLocalTable(localTable(dynamo));
    await slash('request');
    const view = openedModal('U0DAVE001');

    expect(JSON.stringify(view.blocks)).toContain('No organization or space names are known yet');
    const options = await suggest(view, 'space', '');
    expect(options.map((o) => o.text.text)).toEqual([
      'No names known yet: try again in a few minutes',
    ]);
    const refused = await submit('U0DAVE001', view, {
      space: options[0]?.value ?? '',
      role: 'READ_ONLY',
      duration: '3600',
    });
    expect(bodyOf(refused)).toMatchObject({
      response_action: 'errors',
      errors: { 'request-space': 'Pick the space (type part of its name).' },
    });
  });

  it('keeps hostile names inert: plain text, cut to 75 characters, the id as the value', async () => {
    const hostile = '<!channel> *pwn* <https://evil.example|click> :skull: `x` &amp; '.repeat(2);
    await directory.record(
      { spaces: [{ id: 'space-hostile', name: hostile, orgId: 'org-acme' }] },
      now,
    );
    await slash('request');

    const [option] = await suggest(openedModal('U0DAVE001'), 'space', '<!channel>');
    expect(option?.value).toBe('space-hostile');
    expect(option?.text.type).toBe('plain_text');
    expect(option?.text.emoji).toBe(false);
    expect(option?.text.text.length).toBeLessThanOrEqual(75);
    expect(option?.text.text.startsWith('<!channel> *pwn* <https://evil.example|click>')).toBe(
      true,
    );
    expect(option?.text.text.endsWith('… (Acme ML)')).toBe(true);
  });

  it('submits the same typed operation as the command, through the same path', async () => {
    await slash(
      'request space production --org "Acme ML" --role member --for 4h --reason "debug drift"',
    );
    const typed = jobs[0];
    await slash('request');

    const result = await submit('U0DAVE001', openedModal('U0DAVE001'), {
      org: 'org-acme',
      space: 'space-acme-prod',
      role: 'MEMBER',
      duration: String(4 * 3600),
      reason: 'debug drift',
    });

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(bodyOf(result).view)).toContain(
      'Preparing an approval request for /arize request space production',
    );
    expect(jobs).toHaveLength(2);
    expect(asked(jobs[1])).toEqual(asked(typed));
    expect(jobs[1]).toMatchObject({ kind: 'prepare-approval', channelId: 'C0GENERAL1' });
  });

  it('names each empty required field under it, enqueuing nothing', async () => {
    await slash('request');

    const result = await submit('U0DAVE001', openedModal('U0DAVE001'), { reason: 'x' });

    expect(bodyOf(result)).toEqual({
      response_action: 'errors',
      errors: {
        'request-space': 'Pick the space (type part of its name).',
        'request-role': 'Pick the role you ask for.',
        'request-duration': 'Pick how long.',
      },
    });
    expect(jobs).toEqual([]);
  });

  it.each([
    [
      'a role the rule does not allow',
      { space: 'space-experiments', role: 'MEMBER', duration: '3600' },
      'request-role',
      'You may not ask for the member role in space experiments (Research Lab): ask for read-only.',
    ],
    [
      'a duration over the rule’s maximum',
      { space: 'space-experiments', role: 'READ_ONLY', duration: String(8 * 3600) },
      'request-duration',
      '--for 8h is longer than the 4h you may ask for as read-only in space experiments (Research Lab): ask for --for 4h or less.',
    ],
    [
      'a space outside every rule',
      { space: 'space-research-prod', role: 'READ_ONLY', duration: '3600' },
      'request-space',
      'No self-service rule lets you ask for access to space production (Research Lab).',
    ],
    [
      'a space not in the organization picked',
      { org: 'org-research', space: 'space-staging', role: 'READ_ONLY', duration: '3600' },
      'request-space',
      'Space staging is in Acme ML, not in Research Lab',
    ],
  ])(
    'refuses %s at submit, under its field, enqueuing nothing',
    async (_l, fields, block, says) => {
      await slash('request');

      const result = await submit('U0DAVE001', openedModal('U0DAVE001'), fields);

      const body = bodyOf(result) as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors)).toEqual([block]);
      expect(body.errors[block]).toContain(says);
      expect(jobs).toEqual([]);
    },
  );

  it('asks for the conversation to post in when Slack gave no response_url', async () => {
    await slash('request');

    const result = await submit(
      'U0DAVE001',
      openedModal('U0DAVE001'),
      { space: 'space-acme-prod', role: 'MEMBER', duration: '3600' },
      null,
    );

    expect(bodyOf(result)).toEqual({
      response_action: 'errors',
      errors: { 'request-channel': 'Pick the conversation to post updates in.' },
    });
  });
});
