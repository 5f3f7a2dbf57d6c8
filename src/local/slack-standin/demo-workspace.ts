/** A Slack user as `users.info` returns it (the subset the bot reads). */
export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  profile: { email?: string; real_name: string; display_name: string; bot_id?: string };
}

export interface SlackChannel {
  id: string;
  name: string;
}

export interface SlackUserGroup {
  id: string;
  handle: string;
  users: readonly string[];
}

const human = (
  id: string,
  name: string,
  realName: string,
  overrides: Partial<Omit<SlackUser, 'profile'>> = {},
): SlackUser => ({
  id,
  team_id: 'T0LOCAL01',
  name,
  real_name: realName,
  deleted: false,
  is_bot: false,
  is_restricted: false,
  is_ultra_restricted: false,
  ...overrides,
  profile: { email: `${name}@example.com`, real_name: realName, display_name: name },
});

/** The fixed workspace the stand-in serves; other tests and the demo policy depend on these ids. */
export const DEMO_WORKSPACE = {
  teamId: 'T0LOCAL01',
  teamDomain: 'arize-ops-local',
  appId: 'A0ARIZEOPS',
  botUserId: 'U0ARIZEBOT',
  botId: 'B0ARIZEBOT',
  users: [
    human('U0ALICE01', 'alice', 'Alice Admin'),
    human('U0BOB0001', 'bob', 'Bob Approver'),
    human('U0CAROL01', 'carol', 'Carol Operator'),
    human('U0DAVE001', 'dave', 'Dave Reader'),
    human('U0EVE0001', 'eve', 'Eve Outsider'),
    human('U0GUEST01', 'guest', 'Gina Guest', { is_restricted: true }),
    human('U0GONE001', 'gone', 'Gordon Gone', { deleted: true }),
    human('U0OTHER01', 'otto', 'Otto Other', { team_id: 'T0OTHER01' }),
    {
      id: 'U0ARIZEBOT',
      team_id: 'T0LOCAL01',
      name: 'arize-ops',
      real_name: 'Arize Ops',
      deleted: false,
      is_bot: true,
      is_restricted: false,
      is_ultra_restricted: false,
      profile: { real_name: 'Arize Ops', display_name: 'arize-ops', bot_id: 'B0ARIZEBOT' },
    },
  ] satisfies SlackUser[] as readonly SlackUser[],
  channels: [
    { id: 'C0GENERAL1', name: 'general' },
    { id: 'C0APPROVE1', name: 'arize-approvals' },
  ] satisfies SlackChannel[] as readonly SlackChannel[],
  userGroups: [
    { id: 'S0ADMINS1', handle: 'arize-admins', users: ['U0ALICE01', 'U0BOB0001'] },
  ] satisfies SlackUserGroup[] as readonly SlackUserGroup[],
} as const;

export const findUser = (id: string): SlackUser | undefined =>
  DEMO_WORKSPACE.users.find((user) => user.id === id);

/** The app's DM channel with a user: Slack gives it a `D…` id; ours is derived from the user id. */
export const dmChannelFor = (userId: string): string => `D${userId.slice(1)}`;

/** Resolves a channel id, a `#name`/`name`, a user id (DM) or a DM id to a postable channel id. */
export const resolveChannel = (channel: string): string | undefined => {
  const name = channel.replace(/^#/, '');
  const named = DEMO_WORKSPACE.channels.find((c) => c.id === channel || c.name === name);
  if (named) return named.id;
  const user = DEMO_WORKSPACE.users.find(
    (u) => !u.is_bot && (u.id === channel || dmChannelFor(u.id) === channel),
  );
  return user ? dmChannelFor(user.id) : undefined;
};

export const channelName = (id: string): string => {
  const named = DEMO_WORKSPACE.channels.find((c) => c.id === id);
  return named ? named.name : 'directmessage';
};
