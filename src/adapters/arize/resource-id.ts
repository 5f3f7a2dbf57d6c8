const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * True when `value` is an Arize global id: strict base64 that decodes to text containing ':'
 * (how the official SDKs tell ids from names).
 */
export function isResourceId(value: string): boolean {
  if (value.length === 0 || !BASE64.test(value)) return false;
  const decoded = Buffer.from(value, 'base64');
  if (decoded.toString('base64') !== value) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(decoded);
  return text.includes(':') && !text.includes('\uFFFD');
}

/** The type part of an id ("Space" for `U3BhY2U6MQ==`), or undefined for a non-id. */
export function resourceIdType(value: string): string | undefined {
  if (!isResourceId(value)) return undefined;
  return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
}
