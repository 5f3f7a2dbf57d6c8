import type { ApiKey, Space } from '../../domain/arize.ts';
import { AppError, ErrorCodes } from '../../domain/errors.ts';
import type { ApprovalOperationId } from '../../domain/operations/catalogue.ts';
import { durationInWords } from '../../domain/words.ts';
import type { ExecutionContext } from '../operations/executor.ts';
import { roleText } from '../operations/reply-parts.ts';
import { orgIdOfSpace, resolveSpace } from '../operations/targets.ts';
import { type ApprovalSteps, type PlanBuilder, spaceProjection } from './plan-builder.ts';
import { cannotTell, keyRevoked } from './post-states.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Every key of a space (any status). */
async function spaceKeys(ctx: ExecutionContext, spaceId: string): Promise<ApiKey[]> {
  const keys: ApiKey[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.gateway.listApiKeys({ spaceId, cursor, limit: 100 });
    keys.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return keys;
}

/**
 * The one active key named by id or exact name in an explicit space. --space is required: only a
 * space's key list says a key's type, so a USER key (or the bot's own) can be refused.
 */
async function findSpaceKey(
  args: Record<string, unknown>,
  ctx: ExecutionContext,
): Promise<{ key: ApiKey; space: Space }> {
  const ref = str(args.key) ?? '';
  const spaceRef = str(args.space);
  if (spaceRef === undefined) {
    throw new AppError(ErrorCodes.usage, 'Name the key’s space with --space SPACE.', {
      hint: 'The key must be read before approval, to check it is a service key.',
    });
  }
  const space = await resolveSpace(ctx, spaceRef, str(args.org), 'destructive');
  const keys = await spaceKeys(ctx, space.value.id);
  const matches = keys.filter((k) => k.status === 'ACTIVE' && (k.id === ref || k.name === ref));
  const [key] = matches;
  if (matches.length !== 1 || !key) {
    throw new AppError(
      matches.length > 1 ? ErrorCodes.arizeAmbiguous : ErrorCodes.arizeNotFound,
      matches.length > 1
        ? `Several active keys in ${space.value.name} are named '${ref}'.`
        : `No active API key '${ref}' in space ${space.value.name}.`,
    );
  }
  return { key, space: space.value };
}

const keyProjection = (key: ApiKey) => ({
  id: key.id,
  name: key.name,
  keyType: key.keyType,
  status: key.status,
});

/**
 * `key revoke`: the key found in its space's list (type, status, name). `last_used_at` is left out
 * of the projection: a key being used does not make a revoke stale.
 */
export const keyRevokePlan: PlanBuilder = async (args, ctx) => {
  const { key, space } = await findSpaceKey(args, ctx);
  return {
    args: { key: key.id, space: space.id },
    plan: {
      effect: `Revoke ${key.keyType.toLowerCase()} API key ${key.name} (${key.id}) of space ${space.name}. It stops working at once. Irreversible.`,
      targets: [
        { label: 'API key', value: `${key.name} (${key.id})` },
        { label: 'space', value: `${space.name} (${space.id})` },
      ],
      preState: [
        { label: 'type', value: key.keyType.toLowerCase() },
        { label: 'last used', value: key.lastUsedAt ?? 'never' },
        { label: 'expires', value: key.expiresAt ?? 'never' },
      ],
      cascades: [],
      notes: [],
      subjects: [],
      apiKeys: [{ id: key.id, keyType: key.keyType }],
      projection: { key: keyProjection(key), space: space.id },
    },
  };
};

const revealNote =
  'secret: created only when the requester clicks Reveal in a direct message, shown once to them in a private window, never stored';

/**
 * `key refresh`: the key as for a revoke, plus its expiry (the new secret keeps it unless
 * --expires says otherwise, so a changed expiry makes the approval stale).
 */
export const keyRefreshPlan: PlanBuilder = async (args, ctx) => {
  const { key, space } = await findSpaceKey(args, ctx);
  const grace = typeof args.grace === 'number' ? args.grace : undefined;
  return {
    args: { ...args, key: key.id, space: space.id },
    plan: {
      effect: `Refresh ${key.keyType.toLowerCase()} API key ${key.name} (${key.id}) of space ${space.name}: a new secret for the requester; the old one stops working ${grace ? `after ${durationInWords(grace)}` : 'at once'}.`,
      targets: [
        { label: 'API key', value: `${key.name} (${key.id})` },
        { label: 'space', value: `${space.name} (${space.id})` },
      ],
      preState: [
        { label: 'type', value: key.keyType.toLowerCase() },
        { label: 'expires', value: key.expiresAt ?? 'never' },
        { label: 'last used', value: key.lastUsedAt ?? 'never' },
      ],
      cascades: [],
      notes: [revealNote],
      subjects: [],
      apiKeys: [{ id: key.id, keyType: key.keyType }],
      projection: {
        key: { ...keyProjection(key), expiresAt: key.expiresAt ?? null },
        space: space.id,
      },
    },
  };
};

/**
 * `key create`: the space by id and its organization (a service key is bound to both), and the
 * active keys of the same name already there (a second one is allowed, but the approver sees it).
 */
export const keyCreatePlan: PlanBuilder = async (args, ctx) => {
  const found = await resolveSpace(ctx, str(args.space), str(args.org), 'secret');
  const space = found.value;
  const orgId = await orgIdOfSpace(ctx, space);
  const name = str(args.name) ?? '';
  const sameName = (await spaceKeys(ctx, space.id)).filter(
    (k) => k.status === 'ACTIVE' && k.name === name,
  );
  const lifetime = typeof args.expires === 'number' ? durationInWords(args.expires) : 'default';
  return {
    args: { ...args, space: space.id, org: orgId },
    plan: {
      effect: `Create service API key ${name} for space ${space.name} with ${roleText(str(args.role) ?? 'ADMIN')} role, expiring in ${lifetime}.`,
      targets: [
        { label: 'space', value: `${space.name} (${space.id})` },
        { label: 'organization', value: orgId },
      ],
      preState: [
        {
          label: `active keys named ${name}`,
          value: sameName.length > 0 ? sameName.map((k) => k.id).join(', ') : 'none',
        },
      ],
      cascades: [],
      notes: [revealNote],
      subjects: [],
      projection: { space: spaceProjection(space), orgId },
    },
  };
};

/** The plan and post-state of each key operation (all can need approval). */
export const keySteps = {
  'key.revoke': { plan: keyRevokePlan, postState: keyRevoked },
  'key.create': {
    plan: keyCreatePlan,
    postState: cannotTell('a new key is a secret shown once: nothing readable says it was made'),
  },
  'key.refresh': {
    plan: keyRefreshPlan,
    postState: cannotTell('a refreshed key keeps its id: only its unreadable secret changes'),
  },
} as const satisfies Partial<Record<ApprovalOperationId, ApprovalSteps>>;
