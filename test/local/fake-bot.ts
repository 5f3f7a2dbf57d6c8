import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';

export interface BotRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The form fields (for interactions, `payload` parsed as JSON under `payloadJson`). */
  fields: Record<string, string>;
  payloadJson?: Record<string, unknown>;
  /** Whether Bolt's own verifier accepts the signature. */
  verified: boolean;
}

export interface BotAnswer {
  status?: number;
  body?: string;
  delayMs?: number;
}

export interface FakeBot {
  commandsUrl: string;
  interactionsUrl: string;
  requests: BotRequest[];
  close(): Promise<void>;
}

/** A tiny app standing in for the bot: verifies signatures with Bolt, answers as told. */
export const startFakeBot = async (
  signingSecret: string,
  answer: (request: BotRequest) => BotAnswer | Promise<BotAnswer>,
): Promise<FakeBot> => {
  const requests: BotRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const fields = Object.fromEntries(new URLSearchParams(body));
    const verified = isValidSlackRequest({
      signingSecret,
      body,
      headers: {
        'x-slack-signature': String(req.headers['x-slack-signature']),
        'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
      },
    });
    const request: BotRequest = {
      path: req.url ?? '',
      headers: req.headers,
      body,
      fields,
      verified,
      ...(fields.payload === undefined ? {} : { payloadJson: JSON.parse(fields.payload) }),
    };
    requests.push(request);
    if (!verified) {
      res.writeHead(401).end('invalid signature');
      return;
    }
    const reply = await answer(request);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const text = reply.body ?? '';
    res.writeHead(reply.status ?? 200, {
      'content-type': text.startsWith('{') ? 'application/json' : 'text/plain',
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    commandsUrl: `http://127.0.0.1:${port}/slack/commands`,
    interactionsUrl: `http://127.0.0.1:${port}/slack/interactions`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** Posts JSON to a response URL, as Bolt's `respond()` does. */
export const respondVia = async (responseUrl: string, message: Record<string, unknown>) => {
  const response = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  });
  return { status: response.status, body: await response.text() };
};
