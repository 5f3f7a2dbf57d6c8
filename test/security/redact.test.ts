import { describe, expect, it } from 'vitest';
import { redact, redacted } from '../../src/adapters/logging/redact.ts';

const signature = `v0=${'a1'.repeat(32)}`;
const responseUrl = 'https://hooks.slack.com/commands/T0LOCAL01/123/abcDEF';
const localResponseUrl = 'http://localhost:3000/slack-response/r-42';

describe('redact', () => {
  it.each([
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
    'Authorization',
    'X-API-Key',
    'x-slack-signature',
    'X-Slack-Signature',
    'signature',
    'secret',
    'signingSecret',
    'password',
    'temporaryPassword',
    'temporary_password',
  ])('hides the value under the key %j, whatever its shape', (key) => {
    const value = { nested: ['an innocent-looking value'] };

    expect(redact({ [key]: 'plain words', other: 1 })).toEqual({ [key]: redacted, other: 1 });
    expect(redact({ [key]: value })).toEqual({ [key]: redacted });
  });

  it.each([
    ['a bot token', 'xoxb-1234-5678-abcdEFGH'],
    ['a user token', 'xoxp-1-2-3-abc'],
    ['an app-level token', 'xoxa-2-abc'],
    ['a response URL', responseUrl],
    ['an actions response URL', 'https://hooks.slack.com/actions/T1/2/xyz'],
    ['a local response URL', localResponseUrl],
    ['an incoming webhook', 'https://hooks.slack.com/services/T1/B2/xyz'],
    ['an Arize API key', 'ak-arizeops-local-admin-0001'],
    ['a request signature', signature],
  ])('hides %s under an innocent key, inside a sentence', (_label, secret) => {
    const result = redact({ note: `before ${secret} after` }) as { note: string };

    expect(result.note).toBe(`before ${redacted} after`);
  });

  it.each<[string, unknown, unknown]>([
    ['a string', 'space list --org Lab', 'space list --org Lab'],
    ['a number', 42, 42],
    ['a boolean', false, false],
    ['null', null, null],
    ['undefined', undefined, undefined],
    ['a short ak- word', 'ak-47', 'ak-47'],
    ['a v0= prefix that is not a signature', 'v0=abc', 'v0=abc'],
    ['a non-Slack URL', 'https://app.arize.com/spaces/1', 'https://app.arize.com/spaces/1'],
    ['correlation fields', { jobId: 'j1', teamId: 'T1' }, { jobId: 'j1', teamId: 'T1' }],
  ])('keeps %s as it is', (_label, value, expected) => {
    expect(redact(value)).toEqual(expected);
  });

  it('walks arrays and nested objects, and leaves its input untouched', () => {
    const input = { jobs: [{ id: 'j1', job: { responseUrl, args: [`sig ${signature}`] } }] };
    const copy = structuredClone(input);

    expect(redact(input)).toEqual({
      jobs: [{ id: 'j1', job: { responseUrl: redacted, args: [`sig ${redacted}`] } }],
    });
    expect(input).toEqual(copy);
  });

  it('turns an error into its name and redacted message, dropping the stack', () => {
    const error = new TypeError(`fetch ${localResponseUrl} failed`);

    expect(redact({ error })).toEqual({ error: `TypeError: fetch ${redacted} failed` });
  });

  it('stops past eight levels of nesting', () => {
    let deep: unknown = { token: 'xoxb-1-2' };
    for (let i = 0; i < 10; i += 1) deep = { deeper: deep };

    expect(JSON.stringify(redact(deep))).toContain('[too deep]');
    expect(JSON.stringify(redact(deep))).not.toContain('xoxb-1-2');
  });

  // Secrets inside raw bodies and under key names that end like a secret's.
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a response_url inside a raw form body (URL-encoded)',
      { body: new URLSearchParams({ response_url: localResponseUrl, text: 'x' }).toString() },
      'slack-response',
    ],
    [
      'a trigger_id inside a raw form body',
      { body: new URLSearchParams({ trigger_id: '7001.4820017011.9f1c', text: 'x' }).toString() },
      '7001.4820017011.9f1c',
    ],
    [
      'a trigger_id inside a JSON payload string',
      { payload: JSON.stringify({ trigger_id: '7001.4820017011.9f1c' }) },
      '7001.4820017011.9f1c',
    ],
    ['a key named accessToken', { accessToken: 'opaque-token-value' }, 'opaque-token-value'],
    ['a key named clientSecret', { clientSecret: 'opaque-secret-value' }, 'opaque-secret-value'],
  ])('hides %s', (_label, value, secret) => {
    expect(JSON.stringify(redact(value))).not.toContain(secret);
  });
});
