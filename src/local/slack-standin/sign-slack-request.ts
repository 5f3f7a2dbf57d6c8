import { createHmac } from 'node:crypto';

/** The headers Slack adds to a request it sends an app. */
export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/**
 * Signs a request body as Slack does: `v0=` + hex(HMAC-SHA256(secret, `v0:<ts>:<body>`)), over
 * the exact bytes that will be sent.
 */
export const signSlackRequest = (
  signingSecret: string,
  body: string | Buffer,
  timestampSeconds: number,
): SlackSignatureHeaders => {
  const timestamp = String(Math.floor(timestampSeconds));
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(body);
  return {
    'x-slack-signature': `v0=${hmac.digest('hex')}`,
    'x-slack-request-timestamp': timestamp,
  };
};
