import { createHash } from 'node:crypto';
import type { SQSMessageAttributes, SQSRecord } from 'aws-lambda';

/** A message as the queue holds it between sends and receives. */
export interface StoredMessage {
  messageId: string;
  body: string;
  messageAttributes: Record<string, string>;
  sentAt: number;
  /** When it may next be received (after a delay, or once a visibility timeout ends). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  /** The handle of the latest receive; only it can delete the message, as in SQS. */
  receiptHandle: string | undefined;
  /** Set when the message was moved here from another queue's dead-letter redrive. */
  deadLetterSourceArn?: string;
}

export const md5Hex = (data: string | Buffer): string =>
  createHash('md5').update(data).digest('hex');

const lengthPrefixed = (value: string): Buffer => {
  const bytes = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/**
 * SQS's MD5 of message attributes: per attribute, sorted by name, the length-prefixed name, data
 * type and value, with a transport byte (1 = String) before the value.
 */
export const md5OfMessageAttributes = (attributes: Record<string, string>): string =>
  md5Hex(
    Buffer.concat(
      Object.keys(attributes)
        .sort()
        .flatMap((name) => [
          lengthPrefixed(name),
          lengthPrefixed('String'),
          Buffer.from([1]),
          lengthPrefixed(attributes[name] ?? ''),
        ]),
    ),
  );

const toSqsAttributes = (attributes: Record<string, string>): SQSMessageAttributes =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      { stringValue: value, stringListValues: [], binaryListValues: [], dataType: 'String' },
    ]),
  );

export interface QueueIdentity {
  arn: string;
  region: string;
}

/** The record a Lambda SQS event source would hand the consumer for this receive. */
export const toSqsRecord = (message: StoredMessage, queue: QueueIdentity): SQSRecord => {
  const hasAttributes = Object.keys(message.messageAttributes).length > 0;
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle ?? '',
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: 'AROAEXAMPLELOCAL:local-stack',
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      ...(message.deadLetterSourceArn === undefined
        ? {}
        : { DeadLetterQueueSourceArn: message.deadLetterSourceArn }),
    },
    messageAttributes: toSqsAttributes(message.messageAttributes),
    md5OfBody: md5Hex(message.body),
    ...(hasAttributes
      ? { md5OfMessageAttributes: md5OfMessageAttributes(message.messageAttributes) }
      : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: queue.region,
  };
};
