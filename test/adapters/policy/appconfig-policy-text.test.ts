import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  appConfigPolicyText,
  policyMaxAgeSeconds,
} from '../../../src/adapters/policy/appconfig-policy-text.ts';

/** What the AppConfig Data API was asked, in order. */
const calls: string[] = [];
let served = '{"version": 3}';
let server: Server;

/** A stand-in for the AppConfig Data API: sessions hand out tokens, each poll the document. */
function startAppConfigData(): Promise<string> {
  let poll = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'POST' && url.pathname === '/configurationsessions') {
        const session = JSON.parse(body) as Record<string, string>;
        calls.push(
          `start ${session.ApplicationIdentifier}/${session.EnvironmentIdentifier}/${session.ConfigurationProfileIdentifier}`,
        );
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ InitialConfigurationToken: 'token-0' }));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/configuration') {
        calls.push(`get ${url.searchParams.get('configuration_token')}`);
        res.writeHead(200, {
          'content-type': 'application/json',
          'next-poll-configuration-token': `token-${++poll}`,
          'next-poll-interval-in-seconds': '60',
        });
        res.end(served);
        return;
      }
      res.writeHead(404).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

beforeAll(async () => {
  // The SDK client Powertools creates on first use reads these (an endpoint override, fake keys).
  process.env.AWS_ENDPOINT_URL_APPCONFIGDATA = await startAppConfigData();
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});
afterAll(() => {
  vi.useRealTimers();
  server.close();
});

describe('the AppConfig policy reader (Powertools Parameters)', () => {
  it('reads the deployed document and asks again only after the cache of 60 s', async () => {
    expect(policyMaxAgeSeconds).toBeLessThanOrEqual(60);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T05:00:00Z') });
    const read = appConfigPolicyText({
      application: 'app',
      environment: 'live',
      profile: 'policy',
    });

    expect(await read()).toBe('{"version": 3}');
    served = '{"version": 2}';
    vi.setSystemTime(new Date('2026-12-07T05:00:59Z'));
    expect(await read()).toBe('{"version": 3}');
    vi.setSystemTime(new Date('2026-12-07T05:01:01Z'));
    expect(await read()).toBe('{"version": 2}');

    expect(calls).toEqual(['start app/live/policy', 'get token-0', 'get token-1']);
  });
});
