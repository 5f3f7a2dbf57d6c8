import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackHandler } from '../../functions/slack.ts';
import policyDocument from '../../policy/policy.json' with { type: 'json' };
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { fixedPolicySource } from '../../src/adapters/policy/fixed-policy-source.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import type { Job } from '../../src/domain/job.ts';
import { parsePolicy } from '../../src/domain/policy/policy.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import {
  buildSlashCommandBody,
  buildViewSubmissionPayload,
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

let dynamo: LocalDynamo;
let slack: RunningStandin;
let jobs: Job[];
let seq = 0;
type Result = APIGatewayProxyStructuredResultV2;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  slack = await startStandin({ now: () => now });
});
afterAll(async () => {
  await slack.close();
  await dynamo.close();
});
beforeEach(() => {
  slack.standin.reset();
  jobs = [];
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
    policies: fixedPolicySource(policy),
    clock,
    logging: createLog({ service: 'test', level: 'SILENT' }),
  });
  const event = signedEvent({ path, body, secret, timestamp: Math.floor(now.getTime() / 1000) });
  return (await handler(event, localLambdaContext('arize-ops-slack', 10_000))) as Result;
}

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
  send(
    '/slack/interactions',
    new URLSearchParams({
      payload: JSON.stringify({
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
      }),
    }).toString(),
  );

function openedModal(userId: string): Record<string, unknown> {
  const view = slack.standin
    .views()
    .filter((v) => v.user === userId)
    .at(-1);
  if (!view) throw new Error(`no modal was opened for ${userId}`);
  return view.view;
}

/** The modal's submission: typed fields, and the conversation select's response_url. */
function submit(
  userId: string,
  view: Record<string, unknown>,
  fields: Partial<Record<'org' | 'space' | 'role' | 'duration' | 'reason', string>>,
  channel: string | null = 'C0GENERAL1',
) {
  const values: Record<string, Record<string, string | null>> = {};
  for (const [field, value] of Object.entries(fields)) {
    values[`request-${field}`] = { [`request-${field}-input`]: value ?? null };
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
  return send(
    '/slack/interactions',
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  );
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
  it('opens on /arize request with no arguments, acked with nothing to read', async () => {
    const result = await slash('request');

    const view = openedModal('U0DAVE001');
    expect(result.statusCode).toBe(200);
    expect(view).toMatchObject({ callback_id: 'request_access' });
    const blocks = JSON.stringify(view.blocks);
    for (const block of ['org', 'space', 'role', 'duration', 'reason', 'channel']) {
      expect(blocks).toContain(`"request-${block}"`);
    }
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

  it('submits the same typed operation as the command, through the same path', async () => {
    await slash(
      'request space production --org "Acme ML" --role member --for 4h --reason "debug drift"',
    );
    const typed = jobs[0];
    await slash('request');

    const result = await submit('U0DAVE001', openedModal('U0DAVE001'), {
      org: 'Acme ML',
      space: 'production',
      role: 'member',
      duration: '4h',
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
        'request-space': 'Name the space (its name or id).',
        'request-role': 'Name the role you ask for, e.g. read-only.',
        'request-duration': 'Say how long, e.g. 4h.',
      },
    });
    expect(jobs).toEqual([]);
  });

  it.each([
    ['role', { role: 'owner', duration: '4h' }, 'request-role', 'is not an Arize role'],
    ['duration', { role: 'member', duration: '40d' }, 'request-duration', '30d'],
  ])('shows a bad %s under its field, as the command words it', async (_l, fields, block, says) => {
    await slash('request');

    const result = await submit('U0DAVE001', openedModal('U0DAVE001'), {
      space: 'production',
      ...fields,
    });

    const body = bodyOf(result) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([block]);
    expect(body.errors[block]).toContain(says);
    expect(jobs).toEqual([]);
  });

  it('asks for the conversation to post in when Slack gave no response_url', async () => {
    await slash('request');

    const result = await submit(
      'U0DAVE001',
      openedModal('U0DAVE001'),
      { space: 'production', role: 'member', duration: '4h' },
      null,
    );

    expect(bodyOf(result)).toEqual({
      response_action: 'errors',
      errors: { 'request-channel': 'Pick the conversation to post updates in.' },
    });
  });
});
