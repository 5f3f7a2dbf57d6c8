import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, manualClock, type RunningStandin, startStandin } from './start-standin.ts';

const clock = manualClock();
let running: RunningStandin;
let slack: WebClient;

const modal = (title: string) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Creating your key…' } }],
});

const slackError = async (call: Promise<unknown>): Promise<string> =>
  call.then(
    () => 'no error',
    (error: { data?: { error?: string } }) => error.data?.error ?? 'unexpected',
  );

beforeAll(async () => {
  running = await startStandin({ now: clock.now });
  slack = new WebClient(BOT_TOKEN, {
    slackApiUrl: running.slackApiUrl,
    retryConfig: { retries: 0 },
  });
});
afterAll(() => running.close());
beforeEach(() => running.standin.reset());

describe('views', () => {
  it('opens a modal with a fresh trigger_id and records it with its user', async () => {
    const triggerId = running.standin.newTriggerId('U0ALICE01');
    const result = await slack.views.open({ trigger_id: triggerId, view: modal('Reveal key') });
    expect(result.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      type: 'modal',
      hash: expect.any(String),
    });
    expect(running.standin.views()).toEqual([
      expect.objectContaining({ id: result.view?.id, source: 'views.open', user: 'U0ALICE01' }),
    ]);
  });

  it('refuses a trigger_id 3 seconds old with expired_trigger_id', async () => {
    const triggerId = running.standin.newTriggerId();
    clock.advance(3000);
    expect(await slackError(slack.views.open({ trigger_id: triggerId, view: modal('Late') }))).toBe(
      'expired_trigger_id',
    );
  });

  it('accepts a trigger_id just under 3 seconds old, once', async () => {
    const triggerId = running.standin.newTriggerId();
    clock.advance(2999);
    await expect(
      slack.views.open({ trigger_id: triggerId, view: modal('Quick') }),
    ).resolves.toMatchObject({ ok: true });
    expect(
      await slackError(slack.views.open({ trigger_id: triggerId, view: modal('Again') })),
    ).toBe('exchanged_trigger_id');
  });

  it('refuses a trigger_id it never issued', async () => {
    expect(await slackError(slack.views.open({ trigger_id: '1.2.3', view: modal('Forged') }))).toBe(
      'expired_trigger_id',
    );
  });

  it('refuses a title over 24 characters with invalid_arguments', async () => {
    const triggerId = running.standin.newTriggerId();
    expect(
      await slackError(slack.views.open({ trigger_id: triggerId, view: modal('x'.repeat(25)) })),
    ).toBe('invalid_arguments');
  });

  it('updates a view, keeping earlier versions, and checks the hash', async () => {
    const opened = await slack.views.open({
      trigger_id: running.standin.newTriggerId(),
      view: modal('Reveal key'),
    });
    const id = opened.view?.id ?? '';
    expect(
      await slackError(slack.views.update({ view_id: id, hash: 'stale', view: modal('Nope') })),
    ).toBe('hash_conflict');
    const updated = await slack.views.update({
      view_id: id,
      hash: opened.view?.hash,
      view: modal('Your key'),
    });
    expect(updated.view?.title).toEqual({ type: 'plain_text', text: 'Your key' });
    const [view] = running.standin.views();
    expect(view?.view.title).toEqual({ type: 'plain_text', text: 'Your key' });
    expect(view?.versions.map((v) => v.title)).toEqual([
      { type: 'plain_text', text: 'Reveal key' },
    ]);
    expect(await slackError(slack.views.update({ view_id: 'V0NOPE', view: modal('x') }))).toBe(
      'not_found',
    );
  });

  it('pushes up to two views on a modal, then answers push_limit_reached', async () => {
    const root = await slack.views.open({
      trigger_id: running.standin.newTriggerId('U0BOB0001'),
      view: modal('Root'),
    });
    const pushed = await slack.views.push({
      trigger_id: running.standin.newTriggerId('U0BOB0001'),
      view: modal('Two'),
    });
    expect(pushed.view).toMatchObject({
      root_view_id: root.view?.id,
      previous_view_id: root.view?.id,
    });
    await slack.views.push({
      trigger_id: running.standin.newTriggerId('U0BOB0001'),
      view: modal('Three'),
    });
    expect(
      await slackError(
        slack.views.push({
          trigger_id: running.standin.newTriggerId('U0BOB0001'),
          view: modal('Four'),
        }),
      ),
    ).toBe('push_limit_reached');
  });
});
