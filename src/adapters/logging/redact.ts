/**
 * Keys whose values are secrets or bearer capabilities, matched by suffix so `accessToken`,
 * `clientSecret` or `x-api-key` are caught too.
 */
const secretKey =
  /(token|secret|password|signature|authorization|api[-_]?key|^key|response[-_]?url|trigger[-_]?id)$/i;

/** Values that look like credentials even under an innocent key. */
const secretPatterns: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /https?:\/\/[^\s"']*\/(?:slack-response|commands|actions)\/[^\s"']*/g,
  /https:\/\/hooks\.slack\.com\/[^\s"']*/g,
  /\bak-[A-Za-z0-9._-]{8,}/g,
  /v0=[a-f0-9]{64}/g,
  // Form-encoded and JSON bodies carry them under their Slack field names.
  /\b(response_url|trigger_id|token)=[^&\s"']*/g,
  /"(response_url|trigger_id|token)"\s*:\s*"[^"]*"/g,
];

export const redacted = '[redacted]';

/** A deep copy of `value` with secret keys and credential-looking strings replaced. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[too deep]';
  if (typeof value === 'string') {
    return secretPatterns.reduce((text, pattern) => text.replace(pattern, redacted), value);
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`, depth + 1);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        secretKey.test(k) ? redacted : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}
