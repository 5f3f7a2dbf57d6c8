import { channelName, DEMO_WORKSPACE, findUser } from './demo-workspace.ts';

/** The legacy verification token Slack still sends in `token`; apps must not rely on it. */
export const SANDBOX_VERIFICATION_TOKEN = 'sandbox-verification-token';

const userOf = (userId: string): { name: string; teamId: string } => {
  const user = findUser(userId);
  return {
    name: user?.name ?? userId.toLowerCase(),
    teamId: user?.team_id ?? DEMO_WORKSPACE.teamId,
  };
};

export interface SlashCommandInput {
  userId: string;
  channelId: string;
  text: string;
  responseUrl: string;
  triggerId: string;
  command?: string;
  /** Defaults to the user's own team (so a user of another workspace arrives as such). */
  teamId?: string;
  apiAppId?: string;
}

/** The form fields of a slash command, in the order Slack sends them. */
export const buildSlashCommandFields = (input: SlashCommandInput): [string, string][] => {
  const user = userOf(input.userId);
  return [
    ['token', SANDBOX_VERIFICATION_TOKEN],
    ['team_id', input.teamId ?? user.teamId],
    ['team_domain', DEMO_WORKSPACE.teamDomain],
    ['channel_id', input.channelId],
    ['channel_name', channelName(input.channelId)],
    ['user_id', input.userId],
    ['user_name', user.name],
    ['command', input.command ?? '/arize'],
    ['text', input.text],
    ['api_app_id', input.apiAppId ?? DEMO_WORKSPACE.appId],
    ['is_enterprise_install', 'false'],
    ['response_url', input.responseUrl],
    ['trigger_id', input.triggerId],
  ];
};

/** A slash command request body (`application/x-www-form-urlencoded`) as Slack sends it. */
export const buildSlashCommandBody = (input: SlashCommandInput): string =>
  new URLSearchParams(buildSlashCommandFields(input)).toString();

export interface BlockActionInput {
  userId: string;
  channelId: string;
  /** The message holding the button. */
  message: { ts: string; text: string; blocks: unknown[]; ephemeral?: boolean; threadTs?: string };
  action: { actionId: string; blockId: string; value?: string; text?: string };
  responseUrl: string;
  triggerId: string;
  /** Defaults to now; Slack's shape is "<seconds>.<micros>". */
  actionTs?: string;
  teamId?: string;
  apiAppId?: string;
}

/** A `block_actions` payload for a button click, shaped as Slack sends it. */
export const buildBlockActionsPayload = (input: BlockActionInput): Record<string, unknown> => {
  const user = userOf(input.userId);
  const teamId = input.teamId ?? user.teamId;
  const ephemeral = input.message.ephemeral === true;
  return {
    type: 'block_actions',
    user: { id: input.userId, username: user.name, name: user.name, team_id: teamId },
    api_app_id: input.apiAppId ?? DEMO_WORKSPACE.appId,
    token: SANDBOX_VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: input.message.ts,
      channel_id: input.channelId,
      is_ephemeral: ephemeral,
    },
    trigger_id: input.triggerId,
    team: { id: teamId, domain: DEMO_WORKSPACE.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channelId, name: channelName(input.channelId) },
    // Slack leaves `message` out for clicks on ephemeral messages; the container still names it.
    ...(ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: DEMO_WORKSPACE.botUserId,
            bot_id: DEMO_WORKSPACE.botId,
            app_id: DEMO_WORKSPACE.appId,
            team: DEMO_WORKSPACE.teamId,
            ts: input.message.ts,
            text: input.message.text,
            blocks: input.message.blocks,
            ...(input.message.threadTs === undefined ? {} : { thread_ts: input.message.threadTs }),
          },
        }),
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: input.action.actionId,
        block_id: input.action.blockId,
        text: { type: 'plain_text', text: input.action.text ?? '', emoji: true },
        ...(input.action.value === undefined ? {} : { value: input.action.value }),
        type: 'button',
        action_ts: input.actionTs ?? (Date.now() / 1000).toFixed(6),
      },
    ],
  };
};

/** An interactivity request body: the JSON payload in the `payload` form field. */
export const buildBlockActionsBody = (input: BlockActionInput): string =>
  new URLSearchParams({ payload: JSON.stringify(buildBlockActionsPayload(input)) }).toString();

export interface ViewSubmissionInput {
  userId: string;
  /** The view as Slack returns it from views.open (id, hash, callback_id, private_metadata, …). */
  view: Record<string, unknown>;
  /**
   * Values of the input blocks: block_id → action_id → typed text (null: an empty optional
   * input), or the option picked in a select.
   */
  values: Record<string, Record<string, string | null | PickedOption>>;
  triggerId: string;
  teamId?: string;
  apiAppId?: string;
}

/** The option picked in a select of a modal. */
export interface PickedOption {
  select: 'external_select' | 'static_select';
  value: string;
  text: string;
}

const stateOf = (value: string | null | PickedOption) =>
  value !== null && typeof value === 'object'
    ? {
        type: value.select,
        selected_option: {
          text: { type: 'plain_text', text: value.text, emoji: false },
          value: value.value,
        },
      }
    : { type: 'plain_text_input', value };

/** A `view_submission` payload for a modal with text inputs and selects, as Slack sends it. */
export const buildViewSubmissionPayload = (input: ViewSubmissionInput): Record<string, unknown> => {
  const user = userOf(input.userId);
  const teamId = input.teamId ?? user.teamId;
  const values = Object.fromEntries(
    Object.entries(input.values).map(([blockId, actions]) => [
      blockId,
      Object.fromEntries(
        Object.entries(actions).map(([actionId, value]) => [actionId, stateOf(value)]),
      ),
    ]),
  );
  return {
    type: 'view_submission',
    team: { id: teamId, domain: DEMO_WORKSPACE.teamDomain },
    user: { id: input.userId, username: user.name, name: user.name, team_id: teamId },
    api_app_id: input.apiAppId ?? DEMO_WORKSPACE.appId,
    token: SANDBOX_VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    view: { ...input.view, state: { values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
};

/** An interactivity body carrying a view_submission payload. */
export const buildViewSubmissionBody = (input: ViewSubmissionInput): string =>
  new URLSearchParams({ payload: JSON.stringify(buildViewSubmissionPayload(input)) }).toString();

export interface BlockSuggestionInput {
  userId: string;
  /** The modal as Slack holds it (id, hash, blocks, private_metadata, …). */
  view: Record<string, unknown>;
  blockId: string;
  actionId: string;
  /** What the person typed in the select so far. */
  value: string;
  teamId?: string;
  apiAppId?: string;
}

/**
 * A `block_suggestion` payload, as Slack sends it to the options load URL while someone types in
 * an external_select of a modal: the view comes with it (its state does not hold the other
 * selects' picks, so an app narrows by what the view's metadata says).
 */
export const buildBlockSuggestionPayload = (
  input: BlockSuggestionInput,
): Record<string, unknown> => {
  const user = userOf(input.userId);
  const teamId = input.teamId ?? user.teamId;
  return {
    type: 'block_suggestion',
    user: { id: input.userId, username: user.name, name: user.name, team_id: teamId },
    container: { type: 'view', view_id: input.view.id },
    api_app_id: input.apiAppId ?? DEMO_WORKSPACE.appId,
    token: SANDBOX_VERIFICATION_TOKEN,
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    team: { id: teamId, domain: DEMO_WORKSPACE.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: { ...input.view, state: { values: {} } },
  };
};

export interface ViewSelectInput {
  userId: string;
  view: Record<string, unknown>;
  blockId: string;
  actionId: string;
  /** The option picked in an external_select or static_select of the view. */
  selected: { value: string; text: string };
  selectType: 'external_select' | 'static_select';
  triggerId: string;
  teamId?: string;
  apiAppId?: string;
}

/** A `block_actions` payload for a pick in a select of a modal (an input with dispatch_action). */
export const buildViewSelectPayload = (input: ViewSelectInput): Record<string, unknown> => {
  const user = userOf(input.userId);
  const teamId = input.teamId ?? user.teamId;
  const selected = {
    text: { type: 'plain_text', text: input.selected.text, emoji: false },
    value: input.selected.value,
  };
  return {
    type: 'block_actions',
    user: { id: input.userId, username: user.name, name: user.name, team_id: teamId },
    api_app_id: input.apiAppId ?? DEMO_WORKSPACE.appId,
    token: SANDBOX_VERIFICATION_TOKEN,
    container: { type: 'view', view_id: input.view.id },
    trigger_id: input.triggerId,
    team: { id: teamId, domain: DEMO_WORKSPACE.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: {
      ...input.view,
      state: {
        values: {
          [input.blockId]: {
            [input.actionId]: { type: input.selectType, selected_option: selected },
          },
        },
      },
    },
    actions: [
      {
        type: input.selectType,
        action_id: input.actionId,
        block_id: input.blockId,
        selected_option: selected,
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
};
