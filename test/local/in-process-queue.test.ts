import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createInProcessQueue,
  type InProcessQueue,
  type InProcessQueueOptions,
} from '../../src/local/queue/in-process-queue.ts';
import { md5Hex } from '../../src/local/queue/sqs-record.ts';

type Consumer = InProcessQueueOptions['consumer'];
const VISIBILITY_MS = 40;
const opened: InProcessQueue[] = [];

const makeQueue = (consumer: Consumer, overrides: Partial<InProcessQueueOptions> = {}) => {
  const queue = createInProcessQueue({
    name: 'arize-ops-jobs',
    consumer,
    visibilityTimeoutMs: VISIBILITY_MS,
    pollIntervalMs: 5,
    ...overrides,
  });
  opened.push(queue);
  return queue;
};

/** A consumer that records every record it receives, then applies `decide`. */
const recorder = (decide: (event: SQSEvent) => ReturnType<Consumer> = async () => {}) => {
  const records: SQSRecord[] = [];
  const batches: number[] = [];
  const consumer: Consumer = async (event) => {
    records.push(...event.Records);
    batches.push(event.Records.length);
    return decide(event);
  };
  return { records, batches, consumer };
};

afterEach(async () => {
  await Promise.all(opened.splice(0).map((q) => q.close()));
});

describe('in-process queue', () => {
  it('delivers SQS-shaped records and deletes them on success', async () => {
    const { records, consumer } = recorder();
    const queue = makeQueue(consumer);
    const { messageId } = await queue.send('{"job":1}', { messageAttributes: { kind: 'command' } });
    await queue.drain(2000);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({
      messageId,
      body: '{"job":1}',
      md5OfBody: md5Hex('{"job":1}'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:arize-ops-jobs',
      awsRegion: 'us-east-1',
      messageAttributes: { kind: { stringValue: 'command', dataType: 'String' } },
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(record?.receiptHandle).not.toBe('');
    expect(Number(record?.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(record?.attributes.SentTimestamp),
    );
    expect(queue.stats()).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
      deadLettered: 0,
      received: 1,
      deleted: 1,
    });
  });

  it('computes md5OfMessageAttributes as SQS does', async () => {
    const { records, consumer } = recorder();
    const queue = makeQueue(consumer);
    await queue.send('x', { messageAttributes: { a: 'b' } });
    await queue.drain(2000);
    // name "a", type "String", transport 1, value "b", each length-prefixed (4 bytes, big-endian).
    const expected = md5Hex(
      Buffer.concat([
        Buffer.from([0, 0, 0, 1]),
        Buffer.from('a'),
        Buffer.from([0, 0, 0, 6]),
        Buffer.from('String'),
        Buffer.from([1]),
        Buffer.from([0, 0, 0, 1]),
        Buffer.from('b'),
      ]),
    );
    expect(records[0]?.md5OfMessageAttributes).toBe(expected);
  });

  it('batches up to batchSize messages', async () => {
    const { batches, consumer } = recorder();
    const queue = makeQueue(consumer, { batchSize: 4, maxConcurrentBatches: 1 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => queue.send(`m${i}`)));
    await queue.drain(2000);
    expect(batches).toEqual([4, 4, 2]);
  });

  it('redelivers the whole batch after the visibility timeout when the consumer throws', async () => {
    let calls = 0;
    const { records, consumer } = recorder(async () => {
      calls += 1;
      if (calls === 1) throw new Error('worker crashed');
    });
    const queue = makeQueue(consumer);
    const started = Date.now();
    await Promise.all([queue.send('a'), queue.send('b')]);
    await queue.drain(2000);
    const elapsed = Date.now() - started;
    expect(records.map((r) => `${r.body}:${r.attributes.ApproximateReceiveCount}`)).toEqual([
      'a:1',
      'b:1',
      'a:2',
      'b:2',
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(VISIBILITY_MS - 2);
    expect(records[0]?.receiptHandle).not.toBe(records[2]?.receiptHandle);
    expect(queue.stats()).toMatchObject({ received: 4, deleted: 2 });
  });

  it('keeps a failed message invisible until its visibility timeout ends', async () => {
    const queue = makeQueue(
      async () => {
        throw new Error('no');
      },
      { visibilityTimeoutMs: 10_000 },
    );
    await queue.send('a');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(queue.stats()).toMatchObject({ visible: 0, inFlight: 1, received: 1, deleted: 0 });
  });

  it('redelivers only the items listed in batchItemFailures', async () => {
    const { records, consumer } = recorder(async (event) => ({
      batchItemFailures: event.Records.filter(
        (r) => r.body === 'bad' && r.attributes.ApproximateReceiveCount === '1',
      ).map((r) => ({ itemIdentifier: r.messageId })),
    }));
    const queue = makeQueue(consumer);
    await Promise.all([queue.send('good'), queue.send('bad')]);
    await queue.drain(2000);
    expect(records.map((r) => `${r.body}:${r.attributes.ApproximateReceiveCount}`)).toEqual([
      'good:1',
      'bad:1',
      'bad:2',
    ]);
  });

  it('fails the whole batch when batchItemFailures names an unknown item, as Lambda does', async () => {
    let calls = 0;
    const { records, consumer } = recorder(async () => {
      calls += 1;
      return calls === 1 ? { batchItemFailures: [{ itemIdentifier: '' }] } : undefined;
    });
    const queue = makeQueue(consumer);
    await Promise.all([queue.send('a'), queue.send('b')]);
    await queue.drain(2000);
    expect(records.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '1', '2', '2']);
  });

  it('moves a message received more than maxReceiveCount times to the dead-letter queue', async () => {
    const dead = recorder();
    const dlq = makeQueue(dead.consumer, { name: 'arize-ops-jobs-dlq' });
    const { records, consumer } = recorder(async () => {
      throw new Error('poison');
    });
    const queue = makeQueue(consumer, { maxReceiveCount: 2, deadLetterQueue: dlq });
    const { messageId } = await queue.send('poison', { messageAttributes: { kind: 'command' } });
    await queue.drain(2000);
    await dlq.drain(2000);
    expect(records.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(queue.stats()).toMatchObject({ deadLettered: 1, deleted: 0, visible: 0, inFlight: 0 });
    expect(dead.records).toEqual([
      expect.objectContaining({
        messageId,
        body: 'poison',
        messageAttributes: { kind: expect.objectContaining({ stringValue: 'command' }) },
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:arize-ops-jobs-dlq',
        attributes: expect.objectContaining({
          DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:000000000000:arize-ops-jobs',
        }),
      }),
    ]);
  });

  it('holds a delayed message until its delay has passed', async () => {
    const { records, consumer } = recorder();
    let clock = 1_000_000;
    const queue = makeQueue(consumer, { now: () => clock });
    await queue.send('later', { delaySeconds: 60 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(records).toHaveLength(0);
    expect(queue.stats()).toMatchObject({ delayed: 1, visible: 0 });
    clock += 60_000;
    await queue.drain(2000);
    expect(records.map((r) => r.body)).toEqual(['later']);
  });

  it('rejects a drain that times out while messages are pending', async () => {
    const queue = makeQueue(async () => {}, { now: () => 0 });
    await queue.send('later', { delaySeconds: 5 });
    await expect(queue.drain(30)).rejects.toThrow(/not drained after 30 ms.*"delayed":1/);
  });

  it('hands at most maxConcurrentBatches batches to the consumer at once', async () => {
    let active = 0;
    let peak = 0;
    const queue = makeQueue(
      async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 10));
        active -= 1;
      },
      { batchSize: 1, maxConcurrentBatches: 2, visibilityTimeoutMs: 5_000 },
    );
    await Promise.all(Array.from({ length: 6 }, (_, i) => queue.send(`m${i}`)));
    await queue.drain(2000);
    expect(peak).toBe(2);
    expect(queue.stats().deleted).toBe(6);
  });

  it.each([
    ['a delay over 900 seconds', 'x', { delaySeconds: 901 }, /delaySeconds/],
    ['a body over 256 KiB', 'x'.repeat(256 * 1024 + 1), {}, /256 KiB/],
    [
      'more than 10 attributes',
      'x',
      {
        messageAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])),
      },
      /10 message attributes/,
    ],
  ])('refuses %s like SQS', async (_label, body, sendOptions, error) => {
    const queue = makeQueue(async () => {});
    await expect(queue.send(body, sendOptions)).rejects.toThrow(error);
  });

  it('refuses sends after close and waits for running batches', async () => {
    let finished = false;
    const queue = makeQueue(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
    });
    await queue.send('a');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await queue.close();
    expect(finished).toBe(true);
    await expect(queue.send('b')).rejects.toThrow(/closed/);
  });
});
