import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import {
  buildBlockActionsBody,
  buildBlockActionsPayload,
  buildSlashCommandBody,
} from '../../src/local/slack-standin/slack-payloads.ts';

const SECRET = 'local-signing-secret';
const NOW_S = 1_772_366_400;

const verifies = (body: string, headers: ReturnType<typeof signSlackRequest>, secret = SECRET) =>
  isValidSlackRequest({
    signingSecret: secret,
    body,
    headers: {
      'x-slack-signature': headers['x-slack-signature'],
      'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
    },
    nowMilliseconds: NOW_S * 1000,
  });

const command = {
  userId: 'U0CAROL01',
  channelId: 'C0GENERAL1',
  text: 'space list --org "ML Platform"',
  responseUrl: 'http://127.0.0.1:3000/slack-response/T0LOCAL01/1/abc',
  triggerId: '1772366400.1001.abc',
};

const action = {
  userId: 'U0BOB0001',
  channelId: 'C0APPROVE1',
  message: { ts: '1772366400.000100', text: 'Approve?', blocks: [{ type: 'divider' }] },
  action: { actionId: 'approval.approve', blockId: 'approval', value: 'req-1', text: 'Approve' },
  responseUrl: 'http://127.0.0.1:3000/slack-response/T0LOCAL01/2/def',
  triggerId: '1772366400.1002.def',
  actionTs: '1772366401.000200',
};

describe('signSlackRequest', () => {
  it('matches the v0 HMAC-SHA256 of v0:<ts>:<body>', () => {
    const headers = signSlackRequest(SECRET, 'a=b', NOW_S);
    const expected = createHmac('sha256', SECRET).update(`v0:${NOW_S}:a=b`).digest('hex');
    expect(headers).toEqual({
      'x-slack-signature': `v0=${expected}`,
      'x-slack-request-timestamp': String(NOW_S),
    });
  });

  it('produces signatures Bolt accepts, for any body, and Bolt rejects with another secret', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (body) => {
        const headers = signSlackRequest(SECRET, body, NOW_S);
        expect(verifies(body, headers)).toBe(true);
        expect(verifies(body, headers, 'another-secret')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('slash command body', () => {
  it('carries the fields Slack sends, in Slack order, and verifies when signed', () => {
    const body = buildSlashCommandBody(command);
    expect([...new URLSearchParams(body).entries()]).toEqual([
      ['token', expect.any(String)],
      ['team_id', 'T0LOCAL01'],
      ['team_domain', 'arize-ops-local'],
      ['channel_id', 'C0GENERAL1'],
      ['channel_name', 'general'],
      ['user_id', 'U0CAROL01'],
      ['user_name', 'carol'],
      ['command', '/arize'],
      ['text', 'space list --org "ML Platform"'],
      ['api_app_id', 'A0ARIZEOPS'],
      ['is_enterprise_install', 'false'],
      ['response_url', command.responseUrl],
      ['trigger_id', command.triggerId],
    ]);
    expect(verifies(body, signSlackRequest(SECRET, body, NOW_S))).toBe(true);
    expect(verifies(`${body}x`, signSlackRequest(SECRET, body, NOW_S))).toBe(false);
  });

  it('sends a user of another workspace with that workspace team_id', () => {
    const fields = new URLSearchParams(buildSlashCommandBody({ ...command, userId: 'U0OTHER01' }));
    expect(fields.get('team_id')).toBe('T0OTHER01');
  });
});

describe('block_actions payload', () => {
  it('is shaped as Slack sends a button click', () => {
    expect(buildBlockActionsPayload(action)).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB0001', username: 'bob', team_id: 'T0LOCAL01' },
      team: { id: 'T0LOCAL01', domain: 'arize-ops-local' },
      api_app_id: 'A0ARIZEOPS',
      container: {
        type: 'message',
        message_ts: action.message.ts,
        channel_id: 'C0APPROVE1',
        is_ephemeral: false,
      },
      trigger_id: action.triggerId,
      channel: { id: 'C0APPROVE1', name: 'arize-approvals' },
      message: {
        ts: action.message.ts,
        text: 'Approve?',
        blocks: [{ type: 'divider' }],
        bot_id: 'B0ARIZEBOT',
      },
      response_url: action.responseUrl,
      actions: [
        {
          action_id: 'approval.approve',
          block_id: 'approval',
          value: 'req-1',
          type: 'button',
          action_ts: '1772366401.000200',
          text: { type: 'plain_text', text: 'Approve' },
        },
      ],
    });
  });

  it('leaves out the message for a click on an ephemeral message, as Slack does', () => {
    const payload = buildBlockActionsPayload({
      ...action,
      message: { ...action.message, ephemeral: true },
    });
    expect(payload).not.toHaveProperty('message');
    expect(payload.container).toMatchObject({ is_ephemeral: true });
  });

  it('puts the JSON in the payload form field, and verifies when signed', () => {
    const body = buildBlockActionsBody(action);
    expect(JSON.parse(new URLSearchParams(body).get('payload') ?? '{}')).toEqual(
      buildBlockActionsPayload(action),
    );
    expect(verifies(body, signSlackRequest(SECRET, body, NOW_S))).toBe(true);
  });
});
