import { SecretNames } from '../../src/adapters/secrets/secret-names.ts';
import { SecretsManagerSecretSource } from '../../src/adapters/secrets/secrets-manager-secret-source.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import type { InstrumentClient } from '../../src/adapters/tracing/tracing.ts';
import type { Clock, SecretSource } from '../../src/app/ports.ts';

type SecretSettings = Partial<
  Record<`${(typeof SecretNames)[keyof typeof SecretNames]}${'' | '_ARN'}`, string>
>;

/** Secrets Manager when ARNs are configured (AWS), else the raw values (local runs, tests). */
export function secretSourceFrom(
  settings: SecretSettings,
  clock: Clock,
  instrument?: InstrumentClient,
): SecretSource {
  const names = Object.values(SecretNames);
  const arns = Object.fromEntries(names.map((name) => [name, settings[`${name}_ARN`]]));
  if (names.some((name) => arns[name]))
    return new SecretsManagerSecretSource(arns, clock, instrument);
  return new StaticSecretSource(Object.fromEntries(names.map((name) => [name, settings[name]])));
}
