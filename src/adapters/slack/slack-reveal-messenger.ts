import type { WebClient } from '@slack/web-api';
import type { MessageRef, RevealMessenger } from '../../app/ports.ts';
import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import { renderRevealOffer, renderRevealSettled } from './render-reveal.ts';

/** The Reveal direct message: chat.postMessage to the requester's user id, then chat.update. */
export class SlackRevealMessenger implements RevealMessenger {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async offer(request: ApprovalRequest): Promise<MessageRef> {
    const token = await this.botToken();
    const result = await this.web.chat.postMessage({
      token,
      channel: request.requester.userId,
      ...renderRevealOffer(request),
    });
    if (!result.ts || !result.channel) throw new Error('chat.postMessage returned no ts');
    return { channel: result.channel, ts: result.ts };
  }

  async settle(message: MessageRef, request: ApprovalRequest): Promise<void> {
    const token = await this.botToken();
    await this.web.chat.update({ token, ...message, ...renderRevealSettled(request) });
  }
}
