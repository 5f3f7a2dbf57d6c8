import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerSecretSource } from '../../../src/adapters/secrets/secrets-manager-secret-source.ts';

const secretsManager = mockClient(SecretsManagerClient);
let now = new Date('2026-11-22T10:00:00Z');
let seq = 0;
const arn = () => `arn:aws:secretsmanager:us-east-1:000000000000:secret:arize-key-${seq}`;

beforeEach(() => {
  seq += 1;
  now = new Date('2026-11-22T10:00:00Z');
  secretsManager.reset();
  let version = 0;
  secretsManager
    .on(GetSecretValueCommand)
    .callsFake(() => ({ SecretString: `ak-key-v${++version}` }));
});
afterEach(() => secretsManager.reset());

const calls = () => secretsManager.commandCalls(GetSecretValueCommand).length;
const source = () => new SecretsManagerSecretSource({ ARIZE_API_KEY: arn() }, { now: () => now });

describe('SecretsManagerSecretSource', () => {
  it('reads a secret once and serves it from the cache afterwards', async () => {
    const secrets = source();

    expect(await secrets.get('ARIZE_API_KEY')).toBe('ak-key-v1');
    expect(await secrets.get('ARIZE_API_KEY')).toBe('ak-key-v1');
    expect(calls()).toBe(1);
  });

  it('refreshes on demand at most once a minute, however many authentication failures ask', async () => {
    const secrets = source();
    await secrets.get('ARIZE_API_KEY');

    expect(await secrets.get('ARIZE_API_KEY', { forceFetch: true })).toBe('ak-key-v2');
    expect(await secrets.get('ARIZE_API_KEY', { forceFetch: true })).toBe('ak-key-v2');
    now = new Date(now.getTime() + 59_000);
    expect(await secrets.get('ARIZE_API_KEY', { forceFetch: true })).toBe('ak-key-v2');
    expect(calls()).toBe(2);

    now = new Date(now.getTime() + 2_000);
    expect(await secrets.get('ARIZE_API_KEY', { forceFetch: true })).toBe('ak-key-v3');
    expect(calls()).toBe(3);
  });

  it('names a secret that has no ARN configured, and refuses an empty one', async () => {
    const secrets = source();
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: '' });

    await expect(secrets.get('SLACK_BOT_TOKEN')).rejects.toThrow(
      'no secret is configured for SLACK_BOT_TOKEN',
    );
    await expect(secrets.get('ARIZE_API_KEY')).rejects.toThrow('secret ARIZE_API_KEY is empty');
  });
});
