import { computeSlackSignature } from '../../adapters/slack/verify-slack-signature.ts';

/** The headers Slack adds to a request it sends an app. */
export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/**
 * Signs a request body as Slack does, over the exact bytes that will be sent. The recipe is the
 * bot's own (`computeSlackSignature`); `test/local` checks it against Bolt's verifier.
 */
export const signSlackRequest = (
  signingSecret: string,
  body: string | Buffer,
  timestampSeconds: number,
): SlackSignatureHeaders => {
  const timestamp = String(Math.floor(timestampSeconds));
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    'x-slack-signature': computeSlackSignature(signingSecret, timestamp, bytes),
    'x-slack-request-timestamp': timestamp,
  };
};
