import { fileURLToPath } from 'node:url';

/** The stub that stands in for Bolt's unused receivers' packages in every Lambda bundle. */
export const unbundledReceiverStub = fileURLToPath(
  new URL('./unbundled-receiver.cjs', import.meta.url),
);

/**
 * esbuild aliases: the packages that only the receivers a Lambda never constructs use. Bolt's
 * `index.js` and `App.js` require every receiver at load, and with them these packages:
 * - `express` (ExpressReceiver) and `@slack/socket-mode` (SocketModeReceiver);
 * - `raw-body` (HTTPReceiver's and ExpressReceiver's body reader), which brings iconv-lite's
 *   encoding tables (~480 KiB);
 * - `@slack/oauth` (the OAuth installer of the HTTP, Express and Socket Mode receivers, re-exported
 *   by Bolt's index), which brings jsonwebtoken and semver, evaluated at load;
 * - `path-to-regexp` (custom routes of the HTTP and Socket Mode receivers).
 * The AwsLambdaReceiver and `App` with a receiver given use none of them.
 */
export const receiverAliases: Record<string, string> = {
  express: unbundledReceiverStub,
  '@slack/socket-mode': unbundledReceiverStub,
  'raw-body': unbundledReceiverStub,
  '@slack/oauth': unbundledReceiverStub,
  'path-to-regexp': unbundledReceiverStub,
};
