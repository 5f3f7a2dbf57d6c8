import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackFileSharer } from '../../src/adapters/slack/slack-file-sharer.ts';
import { BOT_TOKEN, manualClock, type RunningStandin, startStandin } from './start-standin.ts';

const clock = manualClock();
let running: RunningStandin;
let slack: WebClient;

const slackError = async (call: Promise<unknown>): Promise<string> => {
  try {
    await call;
  } catch (error: unknown) {
    return (error as { data?: { error?: string } }).data?.error ?? `unexpected: ${String(error)}`;
  }
  return 'no error';
};

beforeAll(async () => {
  running = await startStandin({ now: clock.now });
  slack = new WebClient(BOT_TOKEN, {
    slackApiUrl: running.slackApiUrl,
    retryConfig: { retries: 0 },
  });
});
afterAll(() => running.close());
beforeEach(() => running.standin.reset());

const upload = (url: string, body: string) => fetch(url, { method: 'POST', body });

describe('Slack stand-in: external file uploads', () => {
  it('issues an upload URL, takes the bytes, and shares the file in a channel', async () => {
    const content = 'a,b\r\n1,2\r\n';
    const target = await slack.files.getUploadURLExternal({
      filename: 'x.csv',
      length: content.length,
    });
    const uploaded = await upload(target.upload_url as string, content);
    const done = await slack.files.completeUploadExternal({
      files: [{ id: target.file_id as string, title: 'X' }],
      channel_id: 'C0GENERAL1',
      initial_comment: 'here',
    });

    expect(uploaded.status).toBe(200);
    expect(done.ok).toBe(true);
    expect(running.standin.files()).toEqual([
      expect.objectContaining({
        id: target.file_id,
        filename: 'x.csv',
        title: 'X',
        content,
        channel: 'C0GENERAL1',
        initialComment: 'here',
        state: 'complete',
      }),
    ]);
    expect(running.standin.messages().at(-1)).toMatchObject({
      channel: 'C0GENERAL1',
      text: 'here',
      source: 'files.completeUploadExternal',
    });
  });

  it.each([
    ['no filename', { length: 3 }],
    ['no length', { filename: 'x.csv' }],
    ['a zero length', { filename: 'x.csv', length: 0 }],
  ])('refuses an upload URL with %s', async (_case, args) => {
    expect(
      await slackError(
        slack.apiCall('files.getUploadURLExternal', args as Record<string, unknown>),
      ),
    ).toBe('invalid_arguments');
  });

  it('refuses bytes of another length, a second upload, and an unknown file', async () => {
    const target = await slack.files.getUploadURLExternal({ filename: 'x.csv', length: 3 });
    const url = target.upload_url as string;

    expect((await upload(url, 'abcd')).status).toBe(400);
    expect((await upload(url, 'abc')).status).toBe(200);
    expect((await upload(url, 'abc')).status).toBe(404);
    expect((await upload(url.replace(/F0\w+$/, 'F0NOPE'), 'abc')).status).toBe(404);
  });

  it('refuses to complete a file never uploaded, twice, into an unknown channel, or without files', async () => {
    const target = await slack.files.getUploadURLExternal({ filename: 'x.csv', length: 3 });
    const files: [{ id: string }] = [{ id: target.file_id as string }];

    expect(
      await slackError(slack.files.completeUploadExternal({ files, channel_id: 'C0GENERAL1' })),
    ).toBe('invalid_arguments');
    await upload(target.upload_url as string, 'abc');
    expect(
      await slackError(slack.files.completeUploadExternal({ files, channel_id: 'C0NOWHERE' })),
    ).toBe('channel_not_found');
    await slack.files.completeUploadExternal({ files, channel_id: 'C0GENERAL1' });
    expect(
      await slackError(slack.files.completeUploadExternal({ files, channel_id: 'C0GENERAL1' })),
    ).toBe('file_not_found');
    expect(
      await slackError(slack.apiCall('files.completeUploadExternal', { channel_id: 'C0GENERAL1' })),
    ).toBe('invalid_arguments');
  });

  it('expires an upload URL that was not used in time', async () => {
    const target = await slack.files.getUploadURLExternal({ filename: 'x.csv', length: 3 });
    clock.advance(11 * 60_000);

    expect((await upload(target.upload_url as string, 'abc')).status).toBe(404);
  });
});

describe('SlackFileSharer on the stand-in', () => {
  const sharer = () => new SlackFileSharer(slack, async () => BOT_TOKEN);

  it('shares a file in a direct message, non-ASCII content byte-exact', async () => {
    const content = 'name\r\nZoë 🚀\r\n';

    const shared = await sharer().share(
      { filename: 'audit.csv', title: 'Audit', content },
      { kind: 'direct', userId: 'U0ALICE01' },
      'Your export',
    );

    expect(shared.channel).toBe('D0ALICE01');
    expect(running.standin.files()).toEqual([
      expect.objectContaining({
        id: shared.fileId,
        content,
        channel: 'D0ALICE01',
        state: 'complete',
      }),
    ]);
  });

  it('throws when Slack refuses the channel, leaving the file unshared', async () => {
    await expect(
      sharer().share(
        { filename: 'a.csv', title: 'A', content: 'x' },
        { kind: 'channel', channel: 'C0NOWHERE' },
      ),
    ).rejects.toThrow('channel_not_found');
    expect(running.standin.files()[0]?.state).toBe('uploaded');
  });

  it('shares a file as a reply in a thread, and refuses a thread that is not there', async () => {
    const parent = await slack.chat.postMessage({
      channel: 'C0APPROVE1',
      text: 'Approval request',
    });

    const shared = await sharer().share(
      { filename: 'plan.csv', title: 'Plan', content: 'a\r\n' },
      { kind: 'thread', channel: 'C0APPROVE1', threadTs: parent.ts as string },
      'The plan',
    );
    const reply = running.standin.messages().find((m) => m.text === 'The plan');

    expect(running.standin.files().find((f) => f.id === shared.fileId)).toMatchObject({
      channel: 'C0APPROVE1',
      threadTs: parent.ts,
      state: 'complete',
    });
    expect(reply?.thread_ts).toBe(parent.ts);
    await expect(
      sharer().share(
        { filename: 'b.csv', title: 'B', content: 'b' },
        { kind: 'thread', channel: 'C0APPROVE1', threadTs: '1.000001' },
      ),
    ).rejects.toThrow('invalid_thread_ts');
  });
});
