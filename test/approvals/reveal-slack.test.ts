import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RevealActions,
  renderRevealOffer,
  renderRevealSettled,
  renderWindow,
} from '../../src/adapters/slack/render-reveal.ts';
import { SlackModalPresenter } from '../../src/adapters/slack/slack-modal-presenter.ts';
import { SlackRevealMessenger } from '../../src/adapters/slack/slack-reveal-messenger.ts';
import type { WindowView } from '../../src/app/modal-view.ts';
import type { ApprovalRequest } from '../../src/domain/approvals/approval.ts';
import { validateMessage, validateView } from '../../src/local/slack-standin/validate-blocks.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from '../local/start-standin.ts';
import { approvalRequest, emptyPlan } from '../support/approval-request.ts';

const request: ApprovalRequest = approvalRequest({
  id: 'R0A1B2C3D4E5F',
  status: 'APPROVED',
  version: 4,
  operationId: 'key.create',
  args: {},
  commandText: 'key create <!channel> --space fraud-detection',
  requester: { teamId: 'T0LOCAL01', userId: 'U0CAROL01' },
  responseUrl: 'http://localhost:9/r',
  plan: emptyPlan({ effect: 'Create service API key <!channel> for space *fraud*.' }),
  approvals: ['U0BOB0001'],
  createdAt: '2026-11-22T07:00:00.000Z',
  expiresAt: '2026-11-22T08:00:00.000Z',
  revealBy: '2026-11-22T07:30:00.000Z',
});

const secretView: WindowView = {
  kind: 'window',
  title: 'A title far longer than twenty-four characters',
  body: {
    kind: 'detail',
    title: 'Service API key <!here>',
    fields: [{ label: 'id', value: 'k1' }],
  },
  secret: { label: 'API key (shown once)', value: 'ak-<@U0BOB0001>*x*', warning: 'Store it now.' },
};

describe('rendering the Reveal flow for Slack', () => {
  it('renders a modal Slack accepts, with the secret as plain text and a title within 24 characters', () => {
    const view = renderWindow(secretView);

    expect(validateView(view)).toEqual([]);
    expect((view.title as { text: string }).text).toHaveLength(24);
    const blocks = view.blocks as {
      type: string;
      text?: { type: string; text: string; emoji?: boolean };
    }[];
    const secretBlock = blocks.find((b) => b.text?.text === 'ak-<@U0BOB0001>*x*');
    expect(secretBlock?.text).toEqual({
      type: 'plain_text',
      text: 'ak-<@U0BOB0001>*x*',
      emoji: false,
    });
    expect(JSON.stringify(view)).not.toContain('mrkdwn');
    expect(view.close).toEqual({ type: 'plain_text', text: 'Close', emoji: false });
  });

  it('offers a Reveal button valued with the request id, and drops it once settled', () => {
    const offer = renderRevealOffer(request);
    const settled = renderRevealSettled({
      ...request,
      status: 'FAILED',
      result: { kind: 'error', code: 'APPROVAL.FAILED', message: 'was revoked', hint: 'ask again' },
    });

    expect(validateMessage(offer.text, offer.blocks).ok).toBe(true);
    expect(JSON.stringify(offer.blocks)).toContain(
      `"action_id":"${RevealActions.reveal}","value":"${request.id}"`,
    );
    expect(JSON.stringify(offer.blocks)).not.toContain('mrkdwn');
    expect(validateMessage(settled.text, settled.blocks).ok).toBe(true);
    expect(JSON.stringify(settled.blocks)).toContain('Failed: was revoked');
    expect(JSON.stringify(settled.blocks)).toContain('ask again');
    expect(JSON.stringify(settled.blocks)).not.toContain(RevealActions.reveal);
    expect(
      JSON.stringify(renderRevealSettled({ ...request, status: 'SUCCEEDED' }).blocks),
    ).toContain('Revealed once');
    expect(
      JSON.stringify(
        renderRevealSettled({
          ...request,
          status: 'STALE',
          result: { kind: 'detail', title: 'changed', fields: [] },
        }).blocks,
      ),
    ).toContain('Stale: changed');
  });
});

describe('the Slack adapters on the Slack stand-in', () => {
  let slack: RunningStandin;
  let web: WebClient;
  beforeAll(async () => {
    slack = await startStandin();
    web = new WebClient(undefined, { slackApiUrl: slack.slackApiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => slack.close());
  const token = async () => BOT_TOKEN;

  it('opens a window with a fresh trigger, updates it, and fails once the person closed it', async () => {
    const modals = new SlackModalPresenter(web, token);
    const triggerId = slack.standin.newTriggerId('U0CAROL01');

    const { viewId } = await modals.open(triggerId, {
      kind: 'window',
      title: 'Your API key',
      body: { kind: 'progress', text: 'Creating…' },
    });
    await modals.update(viewId, secretView);
    const recorded = slack.standin.views().find((v) => v.id === viewId);
    expect(JSON.stringify(recorded?.view.blocks)).toContain('ak-<@U0BOB0001>*x*');

    await expect(modals.open(triggerId, secretView)).rejects.toThrow('exchanged_trigger_id');
    slack.standin.closeView(viewId);
    await expect(modals.update(viewId, secretView)).rejects.toThrow('not_found');
  });

  it('sends the requester the Reveal DM and redraws it', async () => {
    const reveals = new SlackRevealMessenger(web, token);

    const where = await reveals.offer(request);
    await reveals.settle(where, { ...request, status: 'SUCCEEDED' });

    expect(where.channel).toBe('D0CAROL01');
    const dm = slack.standin.messages().find((m) => m.ts === where.ts);
    expect(JSON.stringify(dm?.blocks)).toContain('Revealed once');
    expect(JSON.stringify(dm?.versions[0]?.blocks)).toContain(RevealActions.reveal);
  });
});
