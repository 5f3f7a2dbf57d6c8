import type { SecretSource } from '../../app/ports.ts';

/** The secrets the bot reads, by name (an env var locally, a Secrets Manager ARN in AWS). */
export const SecretNames = {
  slackSigningSecret: 'SLACK_SIGNING_SECRET',
  slackBotToken: 'SLACK_BOT_TOKEN',
  arizeApiKey: 'ARIZE_API_KEY',
  arizeDeveloperKey: 'ARIZE_DEVELOPER_KEY',
} as const;

/**
 * The signing secrets to try, current first. In Secrets Manager the value is either the secret
 * itself or `{"current": "...", "previous": "..."}` while a rotation is under way. `reread` bypasses
 * the source's cache (Secrets Manager allows that at most once a minute per container).
 */
export async function readSigningSecrets(
  source: SecretSource,
  previousFromEnvironment?: string,
  options: { reread?: boolean } = {},
): Promise<string[]> {
  const value = await source.get(SecretNames.slackSigningSecret, {
    forceFetch: options.reread === true,
  });
  if (value.trimStart().startsWith('{')) {
    const parsed = JSON.parse(value) as { current?: unknown; previous?: unknown };
    return [parsed.current, parsed.previous].filter(
      (s): s is string => typeof s === 'string' && s !== '',
    );
  }
  return previousFromEnvironment ? [value, previousFromEnvironment] : [value];
}
