import type { WebClient } from '@slack/web-api';
import type { FileDestination, FileSharer, SharedFile } from '../../app/ports.ts';

/**
 * Shares a file the current Slack way: `files.getUploadURLExternal`, a POST of the bytes to the
 * upload URL, then `files.completeUploadExternal` into the channel (a direct message is opened
 * with `conversations.open`). The upload URL is a capability: it is never logged.
 */
export class SlackFileSharer implements FileSharer {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async share(
    file: SharedFile,
    destination: FileDestination,
    comment?: string,
  ): Promise<{ fileId: string; channel: string }> {
    const token = await this.botToken();
    const channel = await this.channelOf(token, destination);
    const bytes = Buffer.from(file.content, 'utf8');
    const target = await this.web.files.getUploadURLExternal({
      token,
      filename: file.filename,
      length: bytes.length,
    });
    if (!target.upload_url || !target.file_id) throw new Error('Slack gave no upload URL');
    const uploaded = await this.fetchImpl(target.upload_url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
      signal: AbortSignal.timeout(10_000),
    });
    if (!uploaded.ok) throw new Error(`Slack refused the file upload: HTTP ${uploaded.status}`);
    await this.web.files.completeUploadExternal({
      token,
      files: [{ id: target.file_id, title: file.title }],
      channel_id: channel,
      ...(destination.kind === 'thread' ? { thread_ts: destination.threadTs } : {}),
      ...(comment ? { initial_comment: comment } : {}),
    });
    return { fileId: target.file_id, channel };
  }

  private async channelOf(token: string, destination: FileDestination): Promise<string> {
    if (destination.kind !== 'direct') return destination.channel;
    const opened = await this.web.conversations.open({ token, users: destination.userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('Slack opened no direct message channel');
    return id;
  }
}
