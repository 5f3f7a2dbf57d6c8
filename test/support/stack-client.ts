import type { LocalStack } from '../../src/local/local-stack.ts';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';
import { buildSlashCommandBody } from '../../src/local/slack-standin/slack-payloads.ts';

/** A message as the Slack stand-in's messages API shows it. */
export interface StandinMessage {
  id: string;
  channel: string | null;
  ts: string;
  user?: string;
  ephemeral: boolean;
  text: string;
  blocks: {
    type: string;
    text?: { text: string };
    elements?: { text?: string; action_id?: string; value?: string }[];
  }[];
  source: string;
}

/** Drives a running local stack as Slack would: signed commands, and what the bot posted. */
export function stackClient(stack: LocalStack) {
  let seq = 0;
  const messages = async (): Promise<StandinMessage[]> => {
    const response = await fetch(`${stack.url}/sandbox/api/messages`);
    return ((await response.json()) as { messages: StandinMessage[] }).messages;
  };
  return {
    /** Sends `/arize text` as `userId` in #general; resolves with the ack and its response URL. */
    async command(text: string, userId: string, channelId = 'C0GENERAL1') {
      const responseUrl = stack.slack.newResponseUrl(channelId, userId);
      const body = buildSlashCommandBody({
        userId,
        channelId,
        text,
        responseUrl,
        triggerId: `client.${++seq}.${Date.now()}`,
      });
      const response = await fetch(stack.commandsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...signSlackRequest(stack.signingSecret, body, Date.now() / 1000),
        },
        body,
      });
      return {
        status: response.status,
        ack: (await response.json()) as { text: string },
        responseUrl,
      };
    },
    messages,
    /** Polls the messages until `find` returns something. */
    async waitFor<T>(find: (all: StandinMessage[]) => T | undefined, timeoutMs = 8000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = find(await messages());
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('timed out waiting for a message');
    },
  };
}

/** Everything a message shows, for "it says X" checks. */
export const shownText = (message: StandinMessage): string => JSON.stringify(message.blocks);
