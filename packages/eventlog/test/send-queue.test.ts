// The Kafka send queue with a stand-in producer, so that merging and timeouts
// can be checked without a broker.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Producer } from '@platformatic/kafka';

import { EventLogTimeoutError } from '../src/index.ts';
import { SendQueue, type OutgoingMessage } from '../src/kafka/send-queue.ts';

type SendOptions = { messages: OutgoingMessage[] };

/** Returns a stand-in producer that records every send; `respond` decides how each send settles. */
function fakeProducer(respond: (options: SendOptions) => Promise<unknown>): { producer: Producer<string, string, string, string>; sends: SendOptions[] } {
  const sends: SendOptions[] = [];
  const producer = {
    send(options: SendOptions) {
      sends.push(options);
      return respond(options);
    },
  } as unknown as Producer<string, string, string, string>;
  return { producer, sends };
}

function message(partition: number, value: string): OutgoingMessage {
  return { topic: 'chat', partition, key: `room-${partition}`, value, headers: {}, timestamp: 1_000n };
}

describe('Kafka send queue', () => {
  it('merges calls of one turn into one send', async () => {
    const { producer, sends } = fakeProducer(async () => ({
      offsets: [
        { topic: 'chat', partition: 0, offset: 10n },
        { topic: 'chat', partition: 1, offset: 20n },
      ],
    }));
    const queue = new SendQueue(producer, { timeoutMs: 1_000, maxRecordsPerSend: 100, maxBytesPerSend: 100_000 });

    const [first, second, third] = await Promise.all([
      queue.enqueue([message(0, 'a'), message(1, 'b')]),
      queue.enqueue([message(0, 'c')]),
      queue.enqueue([message(1, 'd'), message(0, 'e')]),
    ]);

    assert.equal(sends.length, 1);
    assert.deepEqual(
      sends[0].messages.map((entry) => entry.value),
      ['a', 'b', 'c', 'd', 'e'],
    );
    assert.deepEqual(
      first.map((entry) => [entry.partition, entry.offset]),
      [
        [0, 10],
        [1, 20],
      ],
    );
    assert.deepEqual(
      second.map((entry) => [entry.partition, entry.offset]),
      [[0, 11]],
    );
    assert.deepEqual(
      third.map((entry) => [entry.partition, entry.offset]),
      [
        [1, 21],
        [0, 12],
      ],
    );
  });

  it('splits sends at the record limit', async () => {
    const { producer, sends } = fakeProducer(async (options) => ({ offsets: [{ topic: 'chat', partition: 0, offset: 0n }], count: options.messages.length }));
    const queue = new SendQueue(producer, { timeoutMs: 1_000, maxRecordsPerSend: 2, maxBytesPerSend: 100_000 });

    await Promise.all([queue.enqueue([message(0, 'a')]), queue.enqueue([message(0, 'b')]), queue.enqueue([message(0, 'c')])]);

    assert.deepEqual(
      sends.map((send) => send.messages.map((entry) => entry.value)),
      [['a', 'b'], ['c']],
    );
  });

  it('times out calls behind a stuck send', async () => {
    const { producer, sends } = fakeProducer(() => new Promise(() => {}));
    const queue = new SendQueue(producer, { timeoutMs: 50, maxRecordsPerSend: 100, maxBytesPerSend: 100_000 });

    const inFlight = queue.enqueue([message(0, 'a')]);
    await new Promise((resolve) => setImmediate(resolve));
    const queued = queue.enqueue([message(0, 'b')]);

    await assert.rejects(inFlight, (error: unknown) => error instanceof EventLogTimeoutError && /waiting for the broker/.test(error.message));
    await assert.rejects(queued, (error: unknown) => error instanceof EventLogTimeoutError && /waiting for an earlier send/.test(error.message));
    assert.equal(sends.length, 1, 'the queued call was dropped, not sent');
  });

  it('rejects every call of a failed send', async () => {
    const { producer } = fakeProducer(async () => {
      throw new Error('NOT_ENOUGH_REPLICAS');
    });
    const queue = new SendQueue(producer, { timeoutMs: 1_000, maxRecordsPerSend: 100, maxBytesPerSend: 100_000 });

    const results = await Promise.allSettled([queue.enqueue([message(0, 'a')]), queue.enqueue([message(1, 'b')])]);

    assert.deepEqual(
      results.map((result) => result.status),
      ['rejected', 'rejected'],
    );
  });
});
