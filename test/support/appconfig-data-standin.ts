import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running AppConfig Data stand-in: what it was asked, and the document it serves. */
export interface AppConfigDataStandin {
  /** The endpoint to point the SDK at (`AWS_ENDPOINT_URL_APPCONFIGDATA`). */
  url: string;
  /** Every call, in order: `start app/env/profile`, `get <token>`. */
  calls: string[];
  /** Deploys a new document (any text: AppConfig's validators are not run here). */
  deploy(text: string): void;
  close(): Promise<void>;
}

/**
 * The AppConfig Data API over HTTP on 127.0.0.1, port 0: `StartConfigurationSession` hands out a
 * token; each `GetLatestConfiguration` answers with the next token and the document, or an empty
 * body when the session already has this deployment, as AppConfig does.
 */
export async function startAppConfigDataStandin(initial: string): Promise<AppConfigDataStandin> {
  const calls: string[] = [];
  let deployment = { number: 1, text: initial };
  let tokens = 0;
  /** The deployment each outstanding token's session last received (0: none yet). */
  const sessions = new Map<string, number>();
  const server = createServer((req, res) => {
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
        const token = `token-${tokens++}`;
        sessions.set(token, 0);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ InitialConfigurationToken: token }));
        return;
      }
      const token = url.searchParams.get('configuration_token') ?? '';
      if (req.method === 'GET' && url.pathname === '/configuration') {
        calls.push(`get ${token}`);
        const seen = sessions.get(token);
        if (seen === undefined) {
          res.writeHead(400, { 'x-amzn-errortype': 'BadRequestException' });
          res.end(JSON.stringify({ Message: 'Invalid or already used configuration token' }));
          return;
        }
        sessions.delete(token);
        const next = `token-${tokens++}`;
        sessions.set(next, deployment.number);
        const text = seen === deployment.number ? '' : deployment.text;
        res.writeHead(200, {
          'content-type': 'application/json',
          'next-poll-configuration-token': next,
          'next-poll-interval-in-seconds': '60',
        });
        res.end(text);
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    deploy: (text) => {
      deployment = { number: deployment.number + 1, text };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Points the AppConfig Data client Powertools creates on first use at the stand-in. */
export function useAppConfigDataStandin(standin: Pick<AppConfigDataStandin, 'url'>): void {
  process.env.AWS_ENDPOINT_URL_APPCONFIGDATA = standin.url;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
}
