import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack allows 5 minutes of clock skew; we refuse as far into the future as into the past. */
export const signatureWindowSeconds = 300;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing-headers' | 'stale' | 'future' | 'mismatch' };

export interface SignatureInput {
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  /** The current signing secret first; the previous one too while a rotation is under way. */
  secrets: readonly string[];
  nowSeconds: number;
}

/** Verifies `X-Slack-Signature` over the exact raw bytes, in constant time, with every secret. */
export function verifySlackSignature(input: SignatureInput): SignatureCheck {
  const { rawBody, signature, timestamp, secrets, nowSeconds } = input;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'missing-headers' };
  }
  const age = nowSeconds - Number(timestamp);
  if (age > signatureWindowSeconds) return { ok: false, reason: 'stale' };
  if (age < -signatureWindowSeconds) return { ok: false, reason: 'future' };
  const given = Buffer.from(signature, 'utf8');
  for (const secret of secrets) {
    const expected = Buffer.from(computeSlackSignature(secret, timestamp, rawBody), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given)) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`, as Slack signs requests. */
export function computeSlackSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}
