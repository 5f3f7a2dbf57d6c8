import type { ApiKey, ApiKeyWithSecret } from '../../domain/arize.ts';
import { AppError, ErrorCodes, isAppError } from '../../domain/errors.ts';
import { formatCommand } from '../../domain/grammar/format-command.ts';
import { momentField } from '../../domain/moments.ts';
import {
  keyCreate,
  keyList,
  keyRefresh,
  keyRevoke,
} from '../../domain/operations/key-operations.ts';
import { decodeResourceId } from '../../domain/operations/resource-ids.ts';
import type { Field } from '../../domain/reply.ts';
import { durationInWords } from '../../domain/words.ts';
import { defineExecutor, type ExecutionContext } from './executor.ts';
import { listAll, pageSize } from './paging.ts';
import { roleText, scoped } from './reply-parts.ts';
import { orgIdOfSpace, resolveSpace } from './targets.ts';

/** A moment of a key (`expires`, `last used`), or `never`. */
const keyMoment = (label: string, at: string | undefined, now: Date): Field =>
  at ? momentField(label, at, now) : { label, value: 'never' };

const keyFields = (key: ApiKey, now: Date): Field[] => [
  { label: 'id', value: key.id },
  { label: 'status', value: key.status.toLowerCase() },
  { label: 'key', value: key.redactedKey },
  keyMoment('expires', key.expiresAt, now),
  keyMoment('last used', key.lastUsedAt, now),
];

const secretNote =
  'Shown once, only to you: store it in your secret manager now. arize-ops keeps no copy.';

const secretFields = (key: ApiKeyWithSecret, now: Date): Field[] => [
  { label: 'secret (shown once)', value: key.key },
  { label: 'id', value: key.id },
  keyMoment('expires', key.expiresAt, now),
];

const inSeconds = (ctx: ExecutionContext, seconds: number): string =>
  new Date(ctx.clock.now().getTime() + seconds * 1000).toISOString();

/** A key by id, or by exact name among the active keys of an explicit space. */
async function findKey(
  ctx: ExecutionContext,
  ref: string,
  spaceRef: string | undefined,
  orgRef: string | undefined,
): Promise<{ id: string; known?: ApiKey }> {
  if (spaceRef === undefined) {
    if (decodeResourceId(ref)) return { id: ref };
    throw new AppError(ErrorCodes.usage, 'A key name needs --space SPACE to find it.');
  }
  const space = await resolveSpace(ctx, spaceRef, orgRef, 'destructive');
  const { items } = await listAll((cursor) =>
    ctx.gateway.listApiKeys({ spaceId: space.value.id, status: 'ACTIVE', cursor, limit: 100 }),
  );
  const matches = items.filter((k) => k.id === ref || k.name === ref);
  const [only] = matches;
  if (matches.length === 1 && only) return { id: only.id, known: only };
  if (matches.length > 1) {
    throw new AppError(
      ErrorCodes.arizeAmbiguous,
      `Several active keys in ${space.value.name} are named '${ref}'.`,
      { hint: 'Use the key id from `key list`.' },
    );
  }
  throw new AppError(
    ErrorCodes.arizeNotFound,
    `No active API key '${ref}' in space ${space.value.name}.`,
    { hint: `\`key list --space ${space.value.name}\` shows them.` },
  );
}

export const keyExecutors = {
  [keyList.id]: defineExecutor(keyList, async (args, ctx) => {
    const space = await resolveSpace(
      ctx,
      args.space,
      args.org,
      keyList.risk(args),
      '--space SPACE',
    );
    const page = await ctx.gateway.listApiKeys({
      spaceId: space.value.id,
      status: args.status === 'revoked' ? 'REVOKED' : 'ACTIVE',
      cursor: args.cursor,
      limit: pageSize,
    });
    return {
      kind: 'list',
      title: `${args.status === 'revoked' ? 'Revoked' : 'Active'} service API keys`,
      context: `in ${scoped(space.value.name, space.fromContext)}`,
      empty: 'No keys.',
      items: page.items.map((key) => ({
        title: key.name,
        id: key.id,
        fields: keyFields(key, ctx.clock.now()),
      })),
      ...(page.nextCursor
        ? {
            more: {
              label: 'More keys',
              command: formatCommand(keyList, { ...args, cursor: page.nextCursor }),
            },
          }
        : {}),
    };
  }),

  [keyCreate.id]: defineExecutor(keyCreate, async (args, ctx) => {
    const space = await resolveSpace(ctx, args.space, args.org, keyCreate.risk(args));
    const orgId = await orgIdOfSpace(ctx, space.value);
    const key = await ctx.gateway.createServiceApiKey({
      name: args.name,
      description: args.description,
      orgId,
      spaceId: space.value.id,
      spaceRole: args.role,
      expiresAt: inSeconds(ctx, args.expires),
    });
    return {
      kind: 'detail',
      title: `Service API key ${key.name} for ${space.value.name}`,
      context: secretNote,
      fields: [
        ...secretFields(key, ctx.clock.now()),
        { label: 'space role', value: roleText(args.role) },
        { label: 'lifetime', value: durationInWords(args.expires) },
      ],
    };
  }),

  [keyRefresh.id]: defineExecutor(keyRefresh, async (args, ctx) => {
    const target = await findKey(ctx, args.key, args.space, args.org);
    const oldExpiry = target.known?.expiresAt;
    const wanted = args.expires !== undefined ? inSeconds(ctx, args.expires) : undefined;
    if (wanted && oldExpiry && wanted > oldExpiry) {
      throw new AppError(
        ErrorCodes.usage,
        `A refreshed key cannot outlive the old one, which expires ${oldExpiry}.`,
        { hint: 'Use a shorter --expires, or leave it out to keep the old expiry.' },
      );
    }
    const key = await ctx.gateway
      .refreshApiKey(target.id, { expiresAt: wanted ?? oldExpiry, gracePeriodSeconds: args.grace })
      .catch((error: unknown) => {
        // Arize needs expires_at for a key that expires, and only a space's list shows it.
        const unknownExpiry = !target.known && wanted === undefined;
        if (!unknownExpiry || !isAppError(error) || error.code !== ErrorCodes.arizeInvalid) {
          throw error;
        }
        throw new AppError(ErrorCodes.usage, `${error.message}`, {
          cause: error,
          hint: 'Add --space SPACE so the bot keeps the old expiry, or --expires DURATION.',
        });
      });
    return {
      kind: 'detail',
      title: `Refreshed service API key ${key.name}`,
      context: secretNote,
      fields: [
        ...secretFields(key, ctx.clock.now()),
        {
          label: 'old secret',
          value: args.grace
            ? `keeps working for ${durationInWords(args.grace)}`
            : 'stopped working',
        },
      ],
    };
  }),

  [keyRevoke.id]: defineExecutor(keyRevoke, async (args, ctx) => {
    const target = await findKey(ctx, args.key, args.space, args.org);
    await ctx.gateway.revokeApiKey(target.id);
    return {
      kind: 'detail',
      title: `Revoked API key ${target.known?.name ?? target.id}`,
      context: 'It stopped working now. This cannot be undone.',
      fields: [{ label: 'id', value: target.id }],
    };
  }),
};
