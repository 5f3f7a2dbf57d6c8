import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderModalJson } from '../../src/adapters/slack/render-confirmation.ts';
import type { TypedConfirmationView } from '../../src/app/modal-view.ts';
import { type BotAnswer, type BotRequest, type FakeBot, startFakeBot } from './fake-bot.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from './start-standin.ts';

const SECRET = 'view-submission-standin-secret';
let bot: FakeBot;
let running: RunningStandin;
let slack: WebClient;
let answer: (request: BotRequest) => BotAnswer = () => ({});

const confirmation: TypedConfirmationView = {
  kind: 'typed-confirmation',
  requestId: 'R1ABC',
  effect: 'Delete organization Research Lab (T3JnOjI=) and all its spaces. Irreversible.',
  targets: [{ label: 'organization', value: 'Research Lab (T3JnOjI=)' }],
  cascades: ['deletes 1 space(s): production'],
  notes: [],
  approvals: { count: 0, quorum: 2 },
  confirmation: { label: 'organization name', expected: 'Research Lab' },
};

const slackError = async (call: Promise<unknown>): Promise<string> =>
  call.then(
    () => 'no error',
    (error: { data?: { error?: string } }) => error.data?.error ?? 'unexpected',
  );

const open = async (view: object, user = 'U0BOB0001') =>
  slack.views.open({ trigger_id: running.standin.newTriggerId(user), view: view as never });

const submit = async (body: unknown) => {
  const response = await fetch(`${running.baseUrl}/sandbox/api/view-submission`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};
const typed = (viewId: string, text: string, userId = 'U0BOB0001') =>
  submit({
    userId,
    viewId,
    values: { 'typed-confirmation': { 'typed-confirmation-input': text } },
  });

beforeAll(async () => {
  bot = await startFakeBot(SECRET, (request) => answer(request));
  running = await startStandin({
    sandbox: {
      commandsUrl: bot.commandsUrl,
      interactionsUrl: bot.interactionsUrl,
      signingSecret: SECRET,
      appId: 'A0ARIZEOPS',
    },
  });
  slack = new WebClient(BOT_TOKEN, {
    slackApiUrl: running.slackApiUrl,
    retryConfig: { retries: 0 },
  });
});
afterAll(async () => {
  await running.close();
  await bot.close();
});
beforeEach(() => {
  running.standin.reset();
  bot.requests.length = 0;
  answer = () => ({});
});

describe('modal validation', () => {
  it('accepts the typed-confirmation modal the bot renders', async () => {
    await expect(open(renderModalJson(confirmation))).resolves.toMatchObject({ ok: true });
  });

  const withInput = (input: object, extra: object = {}) => ({
    type: 'modal',
    title: { type: 'plain_text', text: 'Confirm' },
    submit: { type: 'plain_text', text: 'Approve' },
    blocks: [{ type: 'input', block_id: 'name', ...input }],
    ...extra,
  });
  const label = { type: 'plain_text', text: 'Name' };
  const textInput = { type: 'plain_text_input', action_id: 'value' };

  it.each([
    ['an input block without a label', withInput({ element: textInput })],
    [
      'an input block with a mrkdwn label',
      withInput({ label: { type: 'mrkdwn', text: 'x' }, element: textInput }),
    ],
    ['an input block without an element', withInput({ label })],
    ['a button in an input block', withInput({ label, element: { type: 'button', text: label } })],
    [
      'a placeholder over 150 characters',
      withInput({
        label,
        element: { ...textInput, placeholder: { type: 'plain_text', text: 'x'.repeat(151) } },
      }),
    ],
    ['a max_length of 0', withInput({ label, element: { ...textInput, max_length: 0 } })],
    ['a max_length over 3000', withInput({ label, element: { ...textInput, max_length: 3001 } })],
    [
      'an input block but no submit button',
      { ...withInput({ label, element: textInput }), submit: undefined },
    ],
    [
      'private_metadata over 3000 characters',
      withInput({ label, element: textInput }, { private_metadata: 'x'.repeat(3001) }),
    ],
  ])('refuses %s with invalid_arguments', async (_label, view) => {
    expect(await slackError(open(view))).toBe('invalid_arguments');
  });
});

describe('submitting a modal from the sandbox', () => {
  it('sends a signed view_submission with the typed value and shows the errors the app returns', async () => {
    answer = () => ({
      body: JSON.stringify({
        response_action: 'errors',
        errors: { 'typed-confirmation': 'That is not the organization name.' },
      }),
    });
    const opened = await open(renderModalJson(confirmation));

    const result = await typed(opened.view?.id ?? '', 'Acme ML');

    expect(result.json).toMatchObject({
      action: 'errors',
      errors: { 'typed-confirmation': 'That is not the organization name.' },
    });
    const [request] = bot.requests;
    expect(request?.verified).toBe(true);
    expect(request?.path).toBe('/slack/interactions');
    expect(request?.payloadJson).toMatchObject({
      type: 'view_submission',
      user: { id: 'U0BOB0001', team_id: 'T0LOCAL01' },
      team: { id: 'T0LOCAL01' },
      api_app_id: 'A0ARIZEOPS',
      view: {
        id: opened.view?.id,
        callback_id: 'approval-confirm',
        private_metadata: 'R1ABC',
        state: {
          values: {
            'typed-confirmation': {
              'typed-confirmation-input': { type: 'plain_text_input', value: 'Acme ML' },
            },
          },
        },
      },
    });
    expect(running.standin.views()[0]?.closed).toBeUndefined();
  });

  it('replaces the modal with the view of an update answer', async () => {
    answer = () => ({
      body: JSON.stringify({
        response_action: 'update',
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'Approval recorded' },
          blocks: [{ type: 'section', text: { type: 'plain_text', text: '1 of 2.' } }],
        },
      }),
    });
    const opened = await open(renderModalJson(confirmation));

    const result = await typed(opened.view?.id ?? '', 'Research Lab');

    expect(result.json).toMatchObject({ action: 'update' });
    const [view] = running.standin.views();
    expect(view?.view.title).toEqual({ type: 'plain_text', text: 'Approval recorded' });
    expect(view?.versions).toHaveLength(1);
  });

  it.each([
    ['an empty 200', {}, 'close'],
    ['response_action clear', { body: JSON.stringify({ response_action: 'clear' }) }, 'clear'],
  ])('closes the modal on %s', async (_label, reply, action) => {
    answer = () => reply;
    const opened = await open(renderModalJson(confirmation));

    const result = await typed(opened.view?.id ?? '', 'Research Lab');

    expect(result.json).toMatchObject({ action });
    expect(running.standin.views()[0]?.closed).toBe(true);
    expect((await typed(opened.view?.id ?? '', 'again')).status).toBe(404);
  });

  it.each([
    [
      'errors naming a block that is no input',
      { response_action: 'errors', errors: { nope: 'x' } },
    ],
    ['an update with an invalid view', { response_action: 'update', view: { type: 'modal' } }],
    ['an unknown response_action', { response_action: 'explode' }],
  ])('fails as Slack does on %s', async (_label, body) => {
    answer = () => ({ body: JSON.stringify(body) });
    const opened = await open(renderModalJson(confirmation));

    const result = await typed(opened.view?.id ?? '', 'Research Lab');

    expect(result.json).toMatchObject({ error: 'dispatch_failed' });
    expect(running.standin.views()[0]?.versions).toHaveLength(0);
  });

  it('checks a required field in the client and sends nothing', async () => {
    const opened = await open(renderModalJson(confirmation));

    const result = await typed(opened.view?.id ?? '', '');

    expect(result.json).toEqual({
      sent: false,
      errors: { 'typed-confirmation': 'Please complete this required field.' },
    });
    expect(bot.requests).toHaveLength(0);
  });

  it.each([
    ['another person’s modal', 'U0ALICE01', {}],
    ['an input the modal does not have', 'U0BOB0001', { values: { other: { x: 'y' } } }],
  ])('refuses to submit %s', async (_label, userId, override) => {
    const opened = await open(renderModalJson(confirmation));

    const result = await submit({
      userId,
      viewId: opened.view?.id ?? '',
      values: { 'typed-confirmation': { 'typed-confirmation-input': 'x' } },
      ...override,
    });

    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(bot.requests).toHaveLength(0);
  });
});
