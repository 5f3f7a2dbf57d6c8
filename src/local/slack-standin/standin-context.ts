import type { BotInstall } from './bot-install.ts';
import type { MessageStore } from './message-store.ts';
import type { TriggerRegistry } from './trigger-registry.ts';
import type { FileStore } from './web-api-files.ts';

/** State shared by the stand-in's Web API, response URLs and sandbox API. */
export interface StandinContext {
  store: MessageStore;
  triggers: TriggerRegistry;
  /** Files uploaded with files.getUploadURLExternal / files.completeUploadExternal. */
  files: FileStore;
  now: () => Date;
  /** The bot token's scopes, the bot's channels, a revoked token. */
  install: BotInstall;
  publicBaseUrl: string;
  /** A message ts unique within the stand-in and increasing, shaped like Slack's "1712345678.000100". */
  mintTs(): string;
}

export const createTsMinter = (now: () => Date): (() => string) => {
  let lastMicros = 0;
  return () => {
    lastMicros = Math.max(now().getTime() * 1000, lastMicros + 1);
    const seconds = Math.floor(lastMicros / 1_000_000);
    const micros = String(lastMicros % 1_000_000).padStart(6, '0');
    return `${seconds}.${micros}`;
  };
};
