/** Keys whose values are secrets or bearer capabilities: never logged, whatever their shape. */
const secretKeys = new Set(
  [
    'token',
    'botToken',
    'bot_token',
    'response_url',
    'responseUrl',
    'trigger_id',
    'triggerId',
    'key',
    'apiKey',
    'api_key',
    'authorization',
    'x-api-key',
    'x-slack-signature',
    'signature',
    'secret',
    'signingSecret',
    'password',
    'temporaryPassword',
    'temporary_password',
  ].map((k) => k.toLowerCase()),
);

/** Values that look like credentials even under an innocent key. */
const secretPatterns: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /https?:\/\/[^\s"']*\/(?:slack-response|commands|actions)\/[^\s"']*/g,
  /https:\/\/hooks\.slack\.com\/[^\s"']*/g,
  /\bak-[A-Za-z0-9._-]{8,}/g,
  /v0=[a-f0-9]{64}/g,
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
        secretKeys.has(k.toLowerCase()) ? redacted : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}
