import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSlackStandin,
  type SlackStandin,
  type SlackStandinOptions,
} from '../../src/local/slack-standin/slack-standin.ts';

export const BOT_TOKEN = 'xoxb-local-test-token';

export interface RunningStandin {
  standin: SlackStandin;
  baseUrl: string;
  slackApiUrl: string;
  server: Server;
  close(): Promise<void>;
}

/** Mounts a stand-in in a bare node:http server on 127.0.0.1, port 0. */
export const startStandin = async (
  options: Partial<Omit<SlackStandinOptions, 'publicBaseUrl'>> = {},
): Promise<RunningStandin> => {
  let standin: SlackStandin | undefined;
  const server = createServer((req, res) => {
    void standin?.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end('not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  standin = createSlackStandin({ botToken: BOT_TOKEN, ...options, publicBaseUrl: baseUrl });
  return {
    standin,
    baseUrl,
    slackApiUrl: `${baseUrl}/slack-api/`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

/** A controllable clock for expiry tests. */
export const manualClock = (start = Date.parse('2026-03-01T12:00:00Z')) => {
  let current = start;
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
};
