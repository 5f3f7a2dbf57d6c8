import { timingSafeEqual } from 'node:crypto';
import { missingScope } from './bot-install.ts';
import { DEMO_WORKSPACE, dmChannelFor, findUser } from './demo-workspace.ts';
import type { StandinContext } from './standin-context.ts';
import {
  type ApiMethod,
  type ApiParams,
  type ApiResult,
  apiError,
  CHAT_METHODS,
  param,
} from './web-api-chat.ts';
import { FILE_METHODS } from './web-api-files.ts';
import { VIEW_METHODS } from './web-api-views.ts';

const authTest: ApiMethod = () => ({
  ok: true,
  url: `https://${DEMO_WORKSPACE.teamDomain}.slack.com/`,
  team: DEMO_WORKSPACE.teamDomain,
  user: 'arize-ops',
  team_id: DEMO_WORKSPACE.teamId,
  user_id: DEMO_WORKSPACE.botUserId,
  bot_id: DEMO_WORKSPACE.botId,
  is_enterprise_install: false,
});

const conversationsInfo: ApiMethod = (ctx, params) => {
  const channel = DEMO_WORKSPACE.channels.find((c) => c.id === param(params, 'channel'));
  if (!channel) return apiError('channel_not_found');
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: true,
      is_private: false,
      is_archived: false,
      is_member: ctx.install.channels.has(channel.id),
    },
  };
};

const usersInfo: ApiMethod = (_ctx, params) => {
  const id = param(params, 'user');
  const user = id === undefined ? undefined : findUser(id);
  return user ? { ok: true, user: structuredClone(user) } : apiError('user_not_found');
};

const usersLookupByEmail: ApiMethod = (_ctx, params) => {
  const email = param(params, 'email')?.toLowerCase();
  const user = DEMO_WORKSPACE.users.find((u) => u.profile.email?.toLowerCase() === email);
  return user && email ? { ok: true, user: structuredClone(user) } : apiError('users_not_found');
};

const usergroupUsers: ApiMethod = (_ctx, params) => {
  const id = param(params, 'usergroup');
  const group = DEMO_WORKSPACE.userGroups.find((g) => g.id === id);
  return group ? { ok: true, users: [...group.users] } : apiError('no_such_subteam');
};

const conversationsOpen: ApiMethod = (ctx, params) => {
  const users = (param(params, 'users') ?? '').split(',').filter((u) => u !== '');
  const channel = param(params, 'channel');
  let userId: string | undefined;
  if (users.length === 1) userId = users[0];
  else if (users.length === 0 && channel?.startsWith('D')) userId = `U${channel.slice(1)}`;
  else if (users.length > 1) {
    return apiError('invalid_arguments', ['[ERROR] the stand-in opens DMs with one user only']);
  } else return apiError('invalid_arguments', ['[ERROR] users or channel is required']);
  const user = userId === undefined ? undefined : findUser(userId);
  if (!user) return apiError(channel === undefined ? 'user_not_found' : 'channel_not_found');
  if (user.is_bot) return apiError('cannot_dm_bot');
  if (user.deleted) return apiError('user_disabled');
  const id = dmChannelFor(user.id);
  const returnIm = ['true', '1'].includes(param(params, 'return_im') ?? '');
  return {
    ok: true,
    no_op: true,
    already_open: true,
    channel: returnIm
      ? { id, is_im: true, user: user.id, created: Math.floor(ctx.now().getTime() / 1000) }
      : { id },
  };
};

const METHODS: Record<string, ApiMethod> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'users.lookupByEmail': usersLookupByEmail,
  'usergroups.users.list': usergroupUsers,
  'conversations.info': conversationsInfo,
  'conversations.open': conversationsOpen,
  ...CHAT_METHODS,
  ...VIEW_METHODS,
  ...FILE_METHODS,
};

export const SUPPORTED_METHODS: readonly string[] = Object.keys(METHODS);

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export interface WebApiCall {
  method: string;
  /** The request's parameters, or undefined when its JSON body did not parse. */
  params: ApiParams | undefined;
  authorization: string | undefined;
}

/** Runs one Web API call as Slack would: auth first, then the method; errors are `{ok:false}`. */
export const callWebApi = (ctx: StandinContext, botToken: string, call: WebApiCall): ApiResult => {
  if (call.params === undefined) return apiError('invalid_json');
  // Slack accepts the token as a Bearer header, or as a `token` field of a form-encoded body.
  const bearer = /^Bearer\s+(.+)$/i.exec(call.authorization ?? '')?.[1];
  const token = bearer ?? param(call.params, 'token');
  if (token === undefined || token === '') return apiError('not_authed');
  if (!sameSecret(token, botToken)) return apiError('invalid_auth');
  if (ctx.install.revoked) return apiError('token_revoked');
  const method = METHODS[call.method];
  if (!method) return apiError('unknown_method');
  return missingScope(ctx.install, call.method) ?? method(ctx, call.params);
};
