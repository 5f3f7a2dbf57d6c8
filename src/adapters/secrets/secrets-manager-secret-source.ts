import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Clock, SecretSource } from '../../app/ports.ts';
import type { InstrumentClient } from '../tracing/tracing.ts';

const cacheSeconds = 300;
const minimumRefreshMs = 60_000;

/**
 * Secrets from Secrets Manager through Powertools (cached per container). A forced refresh, asked
 * for after an authentication failure, happens at most once a minute per secret.
 */
export class SecretsManagerSecretSource implements SecretSource {
  private readonly lastForced = new Map<string, number>();
  private readonly provider: SecretsProvider;

  constructor(
    private readonly arns: Readonly<Record<string, string | undefined>>,
    private readonly clock: Clock,
    instrument: InstrumentClient = (client) => client,
  ) {
    this.provider = new SecretsProvider({ awsSdkV3Client: instrument(new SecretsManagerClient()) });
  }

  async get(name: string, options: { forceFetch?: boolean } = {}): Promise<string> {
    const arn = this.arns[name];
    if (!arn) throw new Error(`no secret is configured for ${name}`);
    const now = this.clock.now().getTime();
    const forceFetch =
      options.forceFetch === true && now - (this.lastForced.get(name) ?? 0) >= minimumRefreshMs;
    if (forceFetch) this.lastForced.set(name, now);
    const value = await this.provider.get(arn, { maxAge: cacheSeconds, forceFetch });
    if (typeof value !== 'string' || value === '') throw new Error(`secret ${name} is empty`);
    return value;
  }
}
