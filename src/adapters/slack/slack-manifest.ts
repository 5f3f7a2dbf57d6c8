import { RequestModalIds } from './render-request-modal.ts';
import { type BotScope, botScopes } from './slack-scopes.ts';

/** The paths of the two Slack endpoints on the deployed HTTP API. */
export const slackEndpointPaths = {
  commands: '/slack/commands',
  interactions: '/slack/interactions',
} as const;

/** A Slack app manifest ("Create an app → From a manifest"), the parts arize-ops sets. */
export interface SlackAppManifest {
  _metadata: { major_version: 1; minor_version: 1 };
  display_information: { name: string; description: string; long_description: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: {
      command: string;
      url: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }[];
    shortcuts: { name: string; type: 'global'; callback_id: string; description: string }[];
  };
  oauth_config: { scopes: { bot: BotScope[] } };
  settings: {
    interactivity: {
      is_enabled: true;
      request_url: string;
      /** Where Slack asks for the options of an external_select (block_suggestion). */
      message_menu_options_url: string;
    };
    org_deploy_enabled: boolean;
    socket_mode_enabled: false;
    token_rotation_enabled: false;
  };
}

/** The API's base URL (the stack's `ApiUrl` output): https, no query or fragment. */
export function parseApiUrl(
  text: string,
): { ok: true; url: string } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: `--url ${text} is not a URL; pass the stack's ApiUrl output` };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, error: `--url must be https (Slack calls only https URLs): ${text}` };
  }
  if (url.search || url.hash) {
    return { ok: false, error: `--url must have no query or fragment: ${text}` };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

/**
 * The manifest for a deployment at `apiUrl`: the /arize command (Slack escapes mentions and
 * e-mails, which the grammar decodes), interactivity (buttons, modals), the bot user and every
 * bot scope in `botScopes`.
 */
export function buildSlackManifest(apiUrl: string, name = 'arize-ops'): SlackAppManifest {
  const base = apiUrl.replace(/\/+$/, '');
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Administer Arize AX from Slack, with two-person approvals',
      long_description:
        'arize-ops lets an ML platform team administer its Arize AX account from Slack: ' +
        'organizations, spaces, users, memberships and service API keys. Destructive and ' +
        'privilege-changing operations run only after a second person approves the exact plan ' +
        'in the approvals channel; secrets are shown once, to the requester only, in a private ' +
        'window. Type /arize help to start.',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command: '/arize',
          url: `${base}${slackEndpointPaths.commands}`,
          description: 'Administer Arize AX: orgs, spaces, users, keys, approvals',
          usage_hint: 'help | space list | user find TEXT | approvals',
          should_escape: true,
        },
      ],
      shortcuts: [
        {
          name: 'Request Arize access',
          type: 'global',
          callback_id: RequestModalIds.callbackId,
          description: 'Ask for time-bound access to an Arize space, approved by its owners',
        },
      ],
    },
    oauth_config: { scopes: { bot: Object.keys(botScopes) as BotScope[] } },
    settings: {
      // block_suggestion payloads go to the same route: the request modal's org and space selects.
      interactivity: {
        is_enabled: true,
        request_url: `${base}${slackEndpointPaths.interactions}`,
        message_menu_options_url: `${base}${slackEndpointPaths.interactions}`,
      },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
