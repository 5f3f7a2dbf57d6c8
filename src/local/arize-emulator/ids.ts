/**
 * Global ids as Arize issues them: base64 of `Type:n:salt` (reference §1.2). Every SDK detects an id
 * by strict base64 decoding that yields a string containing ':', so the shape matters.
 */
const SALT_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECODED = /^([A-Za-z]+):(\d{1,12})(?::([A-Za-z0-9]{1,16}))?$/;

export const ID_TYPES = {
  organization: 'Organization',
  space: 'Space',
  user: 'User',
  apiKey: 'ApiKey',
  orgMembership: 'AccountOrganizationMember',
  spaceMembership: 'SpaceMember',
  role: 'Role',
  auditLog: 'AuditLog',
} as const;
export type IdType = (typeof ID_TYPES)[keyof typeof ID_TYPES];

export interface DecodedId {
  type: string;
  n: number;
  salt: string | undefined;
}

function hash(text: string, round: number): number {
  let h = 2166136261 ^ round;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Deterministic id; the salt is chosen so the base64 has no '+' or '/' (safe in paths). */
export function encodeId(type: IdType, n: number): string {
  for (let round = 0; ; round += 1) {
    let h = hash(`${type}:${n}`, round);
    let salt = '';
    for (let i = 0; i < 2; i += 1) {
      salt += SALT_ALPHABET[h % SALT_ALPHABET.length];
      h = Math.floor(h / SALT_ALPHABET.length);
    }
    const id = Buffer.from(`${type}:${n}:${salt}`, 'utf8').toString('base64');
    if (!id.includes('+') && !id.includes('/')) return id;
  }
}

/** Strict decode; undefined when the value is not a well-formed global id (→ 400). */
export function decodeId(value: string): DecodedId | undefined {
  if (value.length === 0 || value.length > 200 || !BASE64.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64');
  const canonical = bytes.toString('base64').replace(/=+$/, '');
  if (canonical !== value.replace(/=+$/, '')) return undefined;
  const match = DECODED.exec(bytes.toString('utf8'));
  if (!match) return undefined;
  return { type: match[1] ?? '', n: Number(match[2]), salt: match[3] };
}

/** True when `value` names entity `n` of `type` exactly (type, number and salt). */
export function idMatches(decoded: DecodedId, type: IdType, n: number): boolean {
  return decoded.type === type && decoded.n === n && encodeId(type, n) === canonicalId(decoded);
}

function canonicalId(decoded: DecodedId): string {
  const text =
    decoded.salt === undefined
      ? `${decoded.type}:${decoded.n}`
      : `${decoded.type}:${decoded.n}:${decoded.salt}`;
  return Buffer.from(text, 'utf8').toString('base64');
}
