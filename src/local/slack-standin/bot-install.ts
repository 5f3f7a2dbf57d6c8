import { botScopes, slackMethodScopes } from '../../adapters/slack/slack-scopes.ts';
import { DEMO_WORKSPACE } from './demo-workspace.ts';
import { type ApiResult, apiError } from './web-api-chat.ts';

/**
 * The app's installation in the stand-in workspace: the scopes granted to its bot token, the
 * channels the bot is in, and whether the token was revoked. Tests change it to break the bot
 * the way a workspace admin would.
 */
export interface BotInstall {
  scopes: string[];
  channels: Set<string>;
  revoked: boolean;
}

/** Installed as the manifest asks: every bot scope, in every channel of the workspace. */
export const createBotInstall = (): BotInstall => ({
  scopes: Object.keys(botScopes),
  channels: new Set(DEMO_WORKSPACE.channels.map((channel) => channel.id)),
  revoked: false,
});

/** Slack's `missing_scope` when the token holds none of the scopes the method accepts. */
export function missingScope(install: BotInstall, method: string): ApiResult | undefined {
  const accepted: readonly string[] | undefined =
    slackMethodScopes[method as keyof typeof slackMethodScopes];
  if (!accepted || accepted.length === 0) return undefined;
  if (accepted.some((scope) => install.scopes.includes(scope))) return undefined;
  return {
    ...apiError('missing_scope'),
    needed: accepted.join(','),
    provided: install.scopes.join(','),
  };
}
