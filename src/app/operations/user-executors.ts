import type { User } from '../../domain/arize.ts';
import { formatCommand } from '../../domain/grammar/format-command.ts';
import { momentField } from '../../domain/moments.ts';
import {
  inviteModes,
  userInvite,
  userResendInvite,
  userResetPassword,
} from '../../domain/operations/user-invite-operations.ts';
import {
  userDelete,
  userFind,
  userGet,
  userList,
  userUpdate,
} from '../../domain/operations/user-operations.ts';
import type { ListItem } from '../../domain/reply.ts';
import { defineExecutor } from './executor.ts';
import { listAll, pageSize } from './paging.ts';
import { roleText, statusText, userFields, userLabel } from './reply-parts.ts';
import { resolveUser } from './targets.ts';

const userItem = (user: User): ListItem => ({
  title: user.name,
  id: user.id,
  fields: [
    { label: 'e-mail', value: user.email },
    { label: 'status', value: statusText(user.status) },
    { label: 'role', value: roleText(user.role) },
  ],
});

/** How many matches `user find` shows. */
const findLimit = 25;

export const userExecutors = {
  [userList.id]: defineExecutor(userList, async (args, { gateway }) => {
    const status = args.status?.map((s) => s.toUpperCase() as 'ACTIVE' | 'INVITED' | 'EXPIRED');
    const page = await gateway.listUsers({
      email: args.email,
      status,
      cursor: args.cursor,
      limit: pageSize,
    });
    const scope = [
      args.email ? `e-mail contains "${args.email}"` : '',
      args.status ? `status ${args.status.join(' or ')}` : '',
    ].filter(Boolean);
    return {
      kind: 'list',
      title: 'Users',
      context: scope.length > 0 ? scope.join(', ') : 'oldest first',
      empty: 'No users found.',
      items: page.items.map(userItem),
      ...(page.nextCursor
        ? {
            more: {
              label: 'More users',
              command: formatCommand(userList, { ...args, cursor: page.nextCursor }),
            },
          }
        : {}),
    };
  }),

  [userFind.id]: defineExecutor(userFind, async (args, { gateway }) => {
    const needle = args.text.toLowerCase();
    const all = await listAll((cursor) => gateway.listUsers({ cursor, limit: 100 }));
    const found = all.items.filter(
      (u) => u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle),
    );
    const notes = [
      found.length > findLimit ? `${found.length} matches; the first ${findLimit} are shown` : '',
      all.complete ? '' : `searched the first ${all.items.length} users only`,
    ].filter(Boolean);
    return {
      kind: 'list',
      title: `Users matching "${args.text}"`,
      ...(notes.length > 0 ? { context: notes.join('; ') } : {}),
      empty: `No user's name or e-mail contains "${args.text}".`,
      items: found.slice(0, findLimit).map(userItem),
    };
  }),

  [userGet.id]: defineExecutor(userGet, async (args, ctx) => {
    const user = await resolveUser(ctx, args.user);
    return {
      kind: 'detail',
      title: user.name,
      fields: [...userFields(user), momentField('created', user.createdAt, ctx.clock.now())],
    };
  }),

  [userInvite.id]: defineExecutor(userInvite, async (args, { gateway }) => {
    const result = await gateway.createUser({
      name: args.name,
      email: args.email,
      role: args.role,
      inviteMode: inviteModes[args.mode],
      // Arize turns developer access on for admins and members by default; the risk of this
      // command was judged on --developer, so say exactly that.
      isDeveloper: args.developer ?? false,
    });
    const { user, created, temporaryPassword } = result;
    const how =
      args.mode === 'email'
        ? 'An invitation e-mail was sent.'
        : args.mode === 'password'
          ? 'Give them the temporary password below through a private channel.'
          : 'They are active at once; they sign in through your identity provider.';
    return {
      kind: 'detail',
      title: created ? `Invited ${userLabel(user)}` : `${userLabel(user)} was already invited`,
      context: created ? how : 'No new e-mail was sent: use user resend-invite to send one.',
      fields: [
        ...userFields(user),
        ...(temporaryPassword !== undefined
          ? [{ label: 'temporary password (shown once)', value: temporaryPassword }]
          : []),
      ],
    };
  }),

  [userUpdate.id]: defineExecutor(userUpdate, async (args, ctx) => {
    const user = await resolveUser(ctx, args.user);
    const updated = await ctx.gateway.updateUser(user.id, {
      name: args.name,
      isDeveloper: args.developer,
    });
    return {
      kind: 'detail',
      title: `Updated ${userLabel(updated)}`,
      fields: [
        ...(args.name !== undefined
          ? [{ label: 'name', value: `${user.name} → ${updated.name}` }]
          : []),
        ...(args.developer !== undefined
          ? [
              {
                label: 'developer access',
                value: `${user.isDeveloper ? 'yes' : 'no'} → ${updated.isDeveloper ? 'yes' : 'no'}`,
              },
            ]
          : []),
        { label: 'id', value: updated.id },
      ],
    };
  }),

  [userDelete.id]: defineExecutor(userDelete, async (args, ctx) => {
    const user = await resolveUser(ctx, args.user);
    await ctx.gateway.deleteUser(user.id);
    return {
      kind: 'detail',
      title: `Deleted ${userLabel(user)}`,
      context: `${user.email} can never be invited again: Arize keeps deleted e-mails blocked.`,
      fields: [
        { label: 'id', value: user.id },
        {
          label: 'also removed',
          value: 'all organization and space memberships, and their API keys',
        },
      ],
    };
  }),

  [userResendInvite.id]: defineExecutor(userResendInvite, async (args, ctx) => {
    const user = await resolveUser(ctx, args.user);
    await ctx.gateway.resendInvitation(user.id);
    return { kind: 'text', text: `Sent ${userLabel(user)} a new invitation e-mail.` };
  }),

  [userResetPassword.id]: defineExecutor(userResetPassword, async (args, ctx) => {
    const user = await resolveUser(ctx, args.user);
    await ctx.gateway.resetPassword(user.id);
    return {
      kind: 'text',
      text: `Sent ${userLabel(user)} a link to set a new password; it works for 30 minutes.`,
    };
  }),
};
