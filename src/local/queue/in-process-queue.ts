import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type StoredMessage, toSqsRecord } from './sqs-record.ts';

export interface InProcessQueueOptions {
  name: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: the return type of aws-lambda's SQSHandler
  consumer: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  /** Default 30 000, SQS's default. */
  visibilityTimeoutMs?: number;
  /** Default 3; a message received more often moves to the dead-letter queue. */
  maxReceiveCount?: number;
  /** Default 10, the Lambda SQS event source's default. */
  batchSize?: number;
  /** Without one, a message past maxReceiveCount is dropped (and counted as dead-lettered). */
  deadLetterQueue?: InProcessQueue;
  /** Batches handed to the consumer at once, like concurrent Lambda pollers. Default 2. */
  maxConcurrentBatches?: number;
  /** Longest wait between polls while messages are pending. Default 50. */
  pollIntervalMs?: number;
  region?: string;
  now?: () => number;
}

export interface QueueStats {
  visible: number;
  inFlight: number;
  delayed: number;
  deadLettered: number;
  received: number;
  deleted: number;
}

/** An in-process queue with SQS semantics, delivering to a consumer as a Lambda event source does. */
export interface InProcessQueue {
  send(
    body: string,
    options?: { delaySeconds?: number; messageAttributes?: Record<string, string> },
  ): Promise<{ messageId: string }>;
  /** Resolves when no message is visible or in flight (delayed/invisible ones count as pending). */
  drain(timeoutMs?: number): Promise<void>;
  stats(): QueueStats;
  close(): Promise<void>;
}

/** SQS limits. */
const MAX_DELAY_SECONDS = 900;
const MAX_BODY_BYTES = 256 * 1024;
const MAX_MESSAGE_ATTRIBUTES = 10;

// Lets one queue hand a dead-lettered message to another keeping its id, as an SQS redrive does.
const adopters = new WeakMap<InProcessQueue, (message: StoredMessage, sourceArn: string) => void>();

export const createInProcessQueue = (options: InProcessQueueOptions): InProcessQueue => {
  const now = options.now ?? Date.now;
  const visibilityTimeoutMs = options.visibilityTimeoutMs ?? 30_000;
  const maxReceiveCount = options.maxReceiveCount ?? 3;
  const batchSize = options.batchSize ?? 10;
  const maxConcurrentBatches = options.maxConcurrentBatches ?? 2;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const region = options.region ?? 'us-east-1';
  const arn = `arn:aws:sqs:${region}:000000000000:${options.name}`;

  const messages = new Map<string, StoredMessage>();
  const counts = { deadLettered: 0, received: 0, deleted: 0 };
  const running = new Set<Promise<void>>();
  let drainWaiters: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const settleDrains = () => {
    if (messages.size > 0 || running.size > 0) return;
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const deadLetter = (message: StoredMessage) => {
    messages.delete(message.messageId);
    counts.deadLettered += 1;
    const dlq = options.deadLetterQueue;
    const adopt = dlq && adopters.get(dlq);
    try {
      if (adopt) adopt(message, arn);
      else
        void dlq
          ?.send(message.body, { messageAttributes: message.messageAttributes })
          .catch(() => {});
    } catch {
      // A closed dead-letter queue loses the message, as a deleted SQS DLQ would.
    }
  };

  const complete = (batch: StoredMessage[], handles: Map<string, string>, failed: Set<string>) => {
    for (const message of batch) {
      // A stale receipt handle (the message was received again meanwhile) deletes nothing.
      const current = messages.get(message.messageId);
      if (
        failed.has(message.messageId) ||
        current?.receiptHandle !== handles.get(message.messageId)
      ) {
        continue;
      }
      messages.delete(message.messageId);
      counts.deleted += 1;
    }
  };

  const deliver = async (batch: StoredMessage[]): Promise<void> => {
    const handles = new Map(batch.map((m) => [m.messageId, m.receiptHandle ?? '']));
    const event: SQSEvent = { Records: batch.map((m) => toSqsRecord(m, { arn, region })) };
    let failed: Set<string>;
    try {
      const result = await options.consumer(event);
      const ids = (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      // Lambda treats an empty or unknown itemIdentifier as a failure of the whole batch.
      failed = ids.some((id) => !handles.has(id)) ? new Set(handles.keys()) : new Set(ids);
    } catch {
      failed = new Set(handles.keys());
    }
    // Failed messages stay invisible until their visibility timeout ends, then return.
    complete(batch, handles, failed);
  };

  const receiveBatch = (): StoredMessage[] => {
    const at = now();
    const visible = [...messages.values()]
      .filter((m) => m.visibleAt <= at)
      .sort((a, b) => a.visibleAt - b.visibleAt || a.sentAt - b.sentAt);
    const batch: StoredMessage[] = [];
    for (const message of visible) {
      if (batch.length >= batchSize) break;
      if (message.receiveCount >= maxReceiveCount) {
        deadLetter(message);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= at;
      message.receiptHandle = `${message.messageId}#${message.receiveCount}#${randomUUID()}`;
      message.visibleAt = at + visibilityTimeoutMs;
      counts.received += 1;
      batch.push({ ...message });
    }
    return batch;
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (closed || messages.size === 0) return;
    // While every poller is busy, a finishing batch pumps again: polling now would only spin.
    if (running.size >= maxConcurrentBatches) return;
    const next = Math.min(...[...messages.values()].map((m) => m.visibleAt));
    const wait = Math.max(1, Math.min(next - now(), pollIntervalMs));
    timer = setTimeout(pump, wait);
    // The host server keeps the process alive; an idle queue must not.
    timer.unref();
  };

  function pump(): void {
    timer = undefined;
    while (!closed && running.size < maxConcurrentBatches) {
      const batch = receiveBatch();
      if (batch.length === 0) break;
      const delivery = deliver(batch).finally(() => {
        running.delete(delivery);
        pump();
      });
      running.add(delivery);
    }
    schedule();
    settleDrains();
  }

  const enqueue = (message: StoredMessage) => {
    if (closed) throw new Error(`queue ${options.name} is closed`);
    messages.set(message.messageId, message);
    queueMicrotask(pump);
  };

  const queue: InProcessQueue = {
    async send(body, sendOptions = {}) {
      const delaySeconds = sendOptions.delaySeconds ?? 0;
      const attributes = sendOptions.messageAttributes ?? {};
      if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
        throw new Error(`delaySeconds must be an integer from 0 to ${MAX_DELAY_SECONDS}`);
      }
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new Error('message body exceeds 256 KiB');
      if (Object.keys(attributes).length > MAX_MESSAGE_ATTRIBUTES) {
        throw new Error(`at most ${MAX_MESSAGE_ATTRIBUTES} message attributes`);
      }
      const sentAt = now();
      const messageId = randomUUID();
      enqueue({
        messageId,
        body,
        messageAttributes: { ...attributes },
        sentAt,
        visibleAt: sentAt + delaySeconds * 1000,
        receiveCount: 0,
        firstReceivedAt: undefined,
        receiptHandle: undefined,
      });
      return { messageId };
    },
    drain(timeoutMs = 10_000) {
      if (messages.size === 0 && running.size === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timeout = setTimeout(() => {
          drainWaiters = drainWaiters.filter((w) => w !== done);
          reject(
            new Error(
              `queue ${options.name} not drained after ${timeoutMs} ms: ${JSON.stringify(queue.stats())}`,
            ),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timeout);
          resolve();
        };
        drainWaiters.push(done);
      });
    },
    stats() {
      const at = now();
      let visible = 0;
      let inFlight = 0;
      let delayed = 0;
      for (const m of messages.values()) {
        if (m.visibleAt <= at) visible += 1;
        else if (m.receiveCount > 0) inFlight += 1;
        else delayed += 1;
      }
      return { visible, inFlight, delayed, ...counts };
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...running]);
    },
  };

  adopters.set(queue, (message, sourceArn) =>
    enqueue({
      ...message,
      visibleAt: now(),
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
      deadLetterSourceArn: sourceArn,
    }),
  );
  return queue;
};
