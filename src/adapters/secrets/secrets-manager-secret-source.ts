import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { Clock, SecretSource } from '../../app/ports.ts';

const cacheSeconds = 300;
const minimumRefreshMs = 60_000;

/**
 * Secrets from Secrets Manager through Powertools (cached per container). A forced refresh, asked
 * for after an authentication failure, happens at most once a minute per secret.
 */
export class SecretsManagerSecretSource implements SecretSource {
  private readonly lastForced = new Map<string, number>();

  constructor(
    private readonly arns: Readonly<Record<string, string | undefined>>,
    private readonly clock: Clock,
  ) {}

  async get(name: string, options: { forceFetch?: boolean } = {}): Promise<string> {
    const arn = this.arns[name];
    if (!arn) throw new Error(`no secret is configured for ${name}`);
    const now = this.clock.now().getTime();
    const forceFetch =
      options.forceFetch === true && now - (this.lastForced.get(name) ?? 0) >= minimumRefreshMs;
    if (forceFetch) this.lastForced.set(name, now);
    const value = await getSecret<string>(arn, { maxAge: cacheSeconds, forceFetch });
    if (typeof value !== 'string' || value === '') throw new Error(`secret ${name} is empty`);
    return value;
  }
}
