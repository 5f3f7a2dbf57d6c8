import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

/** The ack path's steps in order; each is timed from the end of the one before. */
export const ackSteps = [
  'middy, signature check',
  'DynamoDB put (replay guard)',
  'policy read',
  'Bolt: parse, authorize',
  'SQS send',
  'response (metrics, answer)',
] as const;
export type AckStep = (typeof ackSteps)[number];

/** What bench/ack-gateway.ts asks of an instance (bench/fixtures/slack-ack-instance.ts). */
export type InstanceRequest =
  | { kind: 'invoke'; id: number; event: APIGatewayProxyEventV2 }
  | { kind: 'stats' }
  | { kind: 'close' };

/** What an instance answers. */
export type InstanceReply =
  | {
      kind: 'result';
      id: number;
      result: APIGatewayProxyResultV2;
      /** Wall and CPU ms of each of `ackSteps`, in that order. */
      steps: { wallMs: number; cpuMs: number }[];
      /** CPU ms of this process over the invocation. */
      cpuMs: number;
    }
  | {
      kind: 'stats';
      /** This event loop's delay since the last ask (ms): p50, p99, max. */
      eventLoopDelayMs: EventLoopDelay;
    };

/** An event loop's delay in ms: p50, p99, max. */
export type EventLoopDelay = [p50: number, p99: number, max: number];
