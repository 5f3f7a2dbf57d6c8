import {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  resendInvitation,
  resetPassword,
  updateUser,
} from '@arizeai/ax-client';
import type { ArizeGateway } from '../../app/ports.ts';
import type { User } from '../../domain/arize.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import type { GatewayContext } from './gateway-context.ts';
import { iterateAll } from './iterate-all.ts';
import { reconcileCreate } from './reconcile-create.ts';
import { predefinedRole, toPage, toUser } from './wire-mapping.ts';

type UserCalls = Pick<
  ArizeGateway,
  | 'listUsers'
  | 'getUser'
  | 'createUser'
  | 'updateUser'
  | 'deleteUser'
  | 'resendInvitation'
  | 'resetPassword'
>;

/** How far a found user's creation time may precede our create and still count as ours. */
const CLOCK_SKEW_MS = 60_000;

/** User calls (REST) on ax-client with our client. */
export function createUserCalls(ctx: GatewayContext): UserCalls {
  const { client } = ctx;
  const user = (id: string) => `user ${id}`;

  const findByEmail = async (email: string): Promise<User | undefined> => {
    const wanted = email.toLowerCase();
    for await (const u of iterateAll((cursor) =>
      calls.listUsers({ email, ...(cursor ? { cursor } : {}) }),
    )) {
      if (u.email.toLowerCase() === wanted) return u;
    }
    return undefined;
  };

  const calls: UserCalls = {
    listUsers: (query = {}) =>
      ctx.call({ action: 'list users' }, async () =>
        toPage(
          await listUsers({
            client,
            ...(query.email !== undefined ? { email: query.email } : {}),
            ...(query.status?.length ? { status: query.status } : {}),
            limit: query.limit ?? 100,
            ...(query.cursor ? { cursor: query.cursor } : {}),
          }),
          toUser,
        ),
      ),

    getUser: (userId) =>
      ctx.call({ action: 'read the user', target: user(userId) }, async () =>
        toUser(await getUser({ client, userId: ctx.requireId('user', userId) })),
      ),

    createUser: (input) => {
      const startedAt = ctx.transport.policy.now();
      type Created = { user: User; created: boolean; temporaryPassword?: string };
      return ctx.call({ action: `invite ${input.email}` }, () =>
        reconcileCreate<Created>({
          create: async () => {
            const result = await createUser({
              client,
              name: input.name,
              email: input.email,
              role: predefinedRole(input.role),
              inviteMode: input.inviteMode,
              ...(input.isDeveloper !== undefined ? { isDeveloper: input.isDeveloper } : {}),
            });
            const created: Created = { user: toUser(result), created: 'inviteMode' in result };
            if ('temporaryPassword' in result && result.temporaryPassword) {
              created.temporaryPassword = result.temporaryPassword;
            }
            return created;
          },
          find: async () => {
            const found = await findByEmail(input.email);
            if (!found) return undefined;
            const ours = Date.parse(found.createdAt) >= startedAt - CLOCK_SKEW_MS;
            if (ours && input.inviteMode === 'TEMPORARY_PASSWORD') {
              throw new AppError(
                ErrorCodes.arizeUnavailable,
                `Arize created the user ${input.email}, but its temporary password was lost in a network failure.`,
                { hint: 'Send a password reset to the user instead of inviting again.' },
              );
            }
            return { user: found, created: ours };
          },
          settle: ctx.settle,
          onReconciled: (how) => ctx.warn('arize create reconciled', { entity: 'user', how }),
        }),
      );
    },

    updateUser: (userId, input) =>
      ctx.call({ action: 'update the user', target: user(userId) }, async () =>
        toUser(await updateUser({ client, userId: ctx.requireId('user', userId), ...input })),
      ),

    deleteUser: (userId) =>
      ctx.call({ action: 'delete the user', target: user(userId) }, () =>
        deleteUser({ client, userId: ctx.requireId('user', userId) }),
      ),

    resendInvitation: (userId) =>
      ctx.call({ action: 'resend the invitation', target: user(userId) }, () =>
        resendInvitation({ client, userId: ctx.requireId('user', userId) }),
      ),

    resetPassword: (userId) =>
      ctx.call({ action: 'send a password reset', target: user(userId) }, () =>
        resetPassword({ client, userId: ctx.requireId('user', userId) }),
      ),
  };
  return calls;
}
