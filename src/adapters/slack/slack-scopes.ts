/**
 * The bot token scopes arize-ops asks for, each with why, and the scopes each Slack Web API
 * method the code calls needs (Slack's method reference, "Required scopes"). A test scans `src`
 * and `functions` for `web.<method>(` / `client.<method>(` calls and fails when a method is missing
 * here or its scope is missing from the manifest.
 */
export const botScopes = {
  commands: 'the /arize slash command',
  'chat:write':
    'post approval requests in the approvals channel, redraw them, and send direct messages (chat.postMessage, chat.update)',
  'im:write':
    'open the direct message that carries Reveal buttons and results (conversations.open)',
  'users:read':
    'check at each click that a person is a full, active member of the workspace (users.info)',
  'users:read.email':
    'map a Slack user to their Arize user by e-mail, and resolve e-mails to Slack users (users.info, users.lookupByEmail)',
  'channels:read':
    'let /arize doctor check that the bot is in a public approvals channel (conversations.info)',
  'groups:read':
    'let /arize doctor check that the bot is in a private approvals channel (conversations.info)',
  'usergroups:read':
    "read approver user groups' members live at each click (usergroups.users.list)",
  'files:write':
    'attach the per-item CSV of a bulk request and send audit exports (files.getUploadURLExternal, files.completeUploadExternal)',
} as const satisfies Record<string, string>;

/** A bot token scope arize-ops requests. */
export type BotScope = keyof typeof botScopes;

/** The scopes a Web API method needs; `[]` where Slack requires none (views, permalinks). */
export const slackMethodScopes = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.open': ['im:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read', 'users:read.email'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.update': [],
} as const satisfies Record<string, readonly BotScope[]>;
