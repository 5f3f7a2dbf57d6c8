import { fileURLToPath } from 'node:url';

/** The stub that stands in for Bolt's unused receivers' packages in every Lambda bundle. */
export const unbundledReceiverStub = fileURLToPath(
  new URL('./unbundled-receiver.cjs', import.meta.url),
);

/** esbuild aliases: the packages of the receivers a Lambda never constructs. */
export const receiverAliases: Record<string, string> = {
  express: unbundledReceiverStub,
  '@slack/socket-mode': unbundledReceiverStub,
};
