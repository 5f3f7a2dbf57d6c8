import type { WebClient } from '@slack/web-api';
import type { DriftMessenger, MessageRef } from '../../app/ports.ts';
import type { DriftReport } from '../../domain/drift/drift-fix.ts';
import { renderDrift } from './render-drift.ts';

/** Drift messages: chat.postMessage to the reports channel, then chat.update. */
export class SlackDriftMessenger implements DriftMessenger {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async post(channel: string, report: DriftReport): Promise<MessageRef> {
    const token = await this.botToken();
    const result = await this.web.chat.postMessage({ token, channel, ...renderDrift(report) });
    if (!result.ts || !result.channel) throw new Error('chat.postMessage returned no ts');
    return { channel: result.channel, ts: result.ts };
  }

  async update(message: MessageRef, report: DriftReport): Promise<void> {
    const token = await this.botToken();
    await this.web.chat.update({
      token,
      channel: message.channel,
      ts: message.ts,
      ...renderDrift(report),
    });
  }
}
