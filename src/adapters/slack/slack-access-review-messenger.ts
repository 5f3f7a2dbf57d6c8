import type { WebClient } from '@slack/web-api';
import type { AccessReviewMessenger, MessageRef } from '../../app/ports.ts';
import type { AccessReview, ReviewMember } from '../../domain/reviews/access-review.ts';
import { renderAccessReview } from './render-access-review.ts';

/** Reviewers' messages: chat.postMessage to the reviewer's user id (a DM), then chat.update. */
export class SlackAccessReviewMessenger implements AccessReviewMessenger {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async post(
    reviewer: string,
    review: AccessReview,
    members: readonly ReviewMember[],
    page: number,
  ): Promise<MessageRef> {
    const token = await this.botToken();
    const result = await this.web.chat.postMessage({
      token,
      channel: reviewer,
      ...renderAccessReview(review, members, page),
    });
    if (!result.ts || !result.channel) throw new Error('chat.postMessage returned no ts');
    return { channel: result.channel, ts: result.ts };
  }

  async update(
    message: MessageRef,
    review: AccessReview,
    members: readonly ReviewMember[],
    page: number,
  ): Promise<void> {
    const token = await this.botToken();
    await this.web.chat.update({
      token,
      channel: message.channel,
      ts: message.ts,
      ...renderAccessReview(review, members, page),
    });
  }
}
