import type { Reply } from '../../domain/reply.ts';
import { actions, button } from './block-kit.ts';
import { renderReply, type SlackMessage } from './render-reply.ts';

/** The buttons under a running grant's messages; the value is the grant id (checked on click). */
export const GrantActions = { endNow: 'grant-end-now', extend: 'grant-extend' } as const;

/** A grant message: the reply, and while the grant runs, End access now and Extend. */
export function renderGrantMessage(reply: Reply, grantId?: string): SlackMessage {
  const message = renderReply(reply);
  if (!grantId) return message;
  return {
    ...message,
    blocks: [
      ...message.blocks,
      actions([
        button('End access now', GrantActions.endNow, grantId, 'danger'),
        button('Extend', GrantActions.extend, grantId),
      ]),
    ],
  };
}
