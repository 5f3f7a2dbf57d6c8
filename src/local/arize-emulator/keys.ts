import { randomBytes } from 'node:crypto';
import { ID_TYPES } from './ids.ts';
import type {
  AccountRole,
  ApiKeyRec,
  ApiKeyType,
  KeyBinding,
  OrgRole,
  RoleAssignment,
  SpaceRole,
  UserRec,
} from './model.ts';
import type { AccountStore } from './store.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh raw key: `ak-` and 40 base62 characters (format unconfirmed; see choices.ts). */
export function generateSecret(): string {
  const bytes = randomBytes(40);
  let out = 'ak-';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export interface NewKeyInput {
  name: string;
  description: string | undefined;
  keyType: ApiKeyType;
  secret: string;
  createdBy: UserRec;
  ms: number;
  expiresMs: number | undefined;
  accountRole?: AccountRole;
  bindings?: Array<{
    orgN: number;
    orgRole: OrgRole;
    spaces: Array<{ spaceN: number; role: RoleAssignment<SpaceRole> }>;
  }>;
}

/**
 * Creates a key. A SERVICE key gets its own bot user, made a member of each bound org and space
 * with the requested roles; a USER key authenticates as its creator.
 */
export function createKey(
  store: AccountStore,
  input: NewKeyInput,
): { key: ApiKeyRec; bot?: UserRec } {
  const { n, id } = store.next(ID_TYPES.apiKey);
  const bindings: KeyBinding[] = input.bindings ?? [];
  let bot: UserRec | undefined;
  if (input.keyType === 'SERVICE') {
    bot = store.addUser({
      name: input.name,
      email: `service-key-${n}@bots.arize.local`,
      role: input.accountRole ?? 'MEMBER',
      status: 'ACTIVE',
      isDeveloper: true,
      kind: 'bot',
      ms: input.ms,
    });
    for (const binding of bindings) {
      store.upsertOrgMember(bot.n, binding.orgN, { type: 'PREDEFINED', name: binding.orgRole });
      for (const space of binding.spaces) store.upsertSpaceMember(bot.n, space.spaceN, space.role);
    }
  }
  const key: ApiKeyRec = {
    n,
    id,
    ms: input.ms,
    name: input.name,
    description: input.description,
    keyType: input.keyType,
    status: 'ACTIVE',
    secret: input.secret,
    expiresMs: input.expiresMs,
    createdByN: input.createdBy.n,
    lastUsedMs: undefined,
    actorN: bot ? bot.n : input.createdBy.n,
    accountRole: bot ? bot.role : input.createdBy.role,
    bindings,
  };
  store.addKey(key);
  return bot ? { key, bot } : { key };
}
