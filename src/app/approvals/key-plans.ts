import { AppError, ErrorCodes } from '../../domain/errors.ts';
import { resolveSpace } from '../operations/targets.ts';
import type { PlanBuilder } from './plan-builder.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * `key revoke`: the key found in its space's list (type, status, name). `last_used_at` is left out
 * of the projection: a key being used does not make a revoke stale. --space is required here:
 * only a space's key list tells a SERVICE key from a USER key.
 */
export const keyRevokePlan: PlanBuilder = async (args, ctx) => {
  const ref = str(args.key) ?? '';
  const spaceRef = str(args.space);
  if (spaceRef === undefined) {
    // Only a space's key list says a key's type: without it a USER key could not be refused.
    throw new AppError(ErrorCodes.usage, 'Name the key’s space with --space SPACE.', {
      hint: 'The key must be read before approval, to check it is a service key.',
    });
  }
  const space = await resolveSpace(ctx, spaceRef, str(args.org), 'destructive');
  const keys = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.gateway.listApiKeys({ spaceId: space.value.id, cursor, limit: 100 });
    keys.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
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
  return {
    args: { key: key.id, space: space.value.id },
    plan: {
      effect: `Revoke ${key.keyType.toLowerCase()} API key ${key.name} (${key.id}) of space ${space.value.name}. It stops working at once. Irreversible.`,
      targets: [
        { label: 'API key', value: `${key.name} (${key.id})` },
        { label: 'space', value: `${space.value.name} (${space.value.id})` },
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
      projection: {
        key: { id: key.id, name: key.name, keyType: key.keyType, status: key.status },
        space: space.value.id,
      },
    },
  };
};
