import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signSlackRequest } from '../../src/local/slack-standin/sign-slack-request.ts';

export interface SignedEventOptions {
  path?: '/slack/commands' | '/slack/interactions';
  body: string;
  secret: string;
  /** Seconds since the epoch the request claims to be sent at. */
  timestamp: number;
  base64?: boolean;
  headers?: Record<string, string>;
}

/** An API Gateway HTTP API (2.0) event carrying a body signed as Slack signs it. */
export function signedEvent(options: SignedEventOptions): APIGatewayProxyEventV2 {
  const path = options.path ?? '/slack/commands';
  const signature = signSlackRequest(options.secret, options.body, options.timestamp);
  const base64 = options.base64 ?? false;
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Slack-Signature': signature['x-slack-signature'],
      'X-Slack-Request-Timestamp': signature['x-slack-request-timestamp'],
      ...options.headers,
    },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'test.execute-api.local',
      domainPrefix: 'test',
      http: {
        method: 'POST',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'Slackbot 1.0',
      },
      requestId: `req-${options.timestamp}`,
      routeKey: `POST ${path}`,
      stage: '$default',
      time: new Date(options.timestamp * 1000).toISOString(),
      timeEpoch: options.timestamp * 1000,
    },
    body: base64 ? Buffer.from(options.body, 'utf8').toString('base64') : options.body,
    isBase64Encoded: base64,
  };
}
