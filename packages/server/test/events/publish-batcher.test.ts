// Chat-line events gather for a window and go to the log in one call.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { ProduceRecord } from '@futura/eventlog';

import { PublishBatcher } from '../../src/events/publish-batcher.ts';

function line(key: string): ProduceRecord {
  return { topic: 'chat', key, value: `{"text":"${key}"}` };
}

describe('PublishBatcher', () => {
  test('lines of one window share one call', async () => {
    const calls: string[][] = [];
    const batcher = new PublishBatcher(async (records) => calls.push(records.map((record) => record.key)), 20);

    await Promise.all([batcher.add(line('a')), batcher.add(line('b')), batcher.add(line('c'))]);

    assert.deepEqual(calls, [['a', 'b', 'c']]);
  });

  test('next window makes a new call', async () => {
    const calls: string[][] = [];
    const batcher = new PublishBatcher(async (records) => calls.push(records.map((record) => record.key)), 10);

    await batcher.add(line('a'));
    await batcher.add(line('b'));

    assert.deepEqual(calls, [['a'], ['b']]);
  });

  test('failed publish rejects every line of the batch', async () => {
    const batcher = new PublishBatcher(async () => {
      throw new Error('log unavailable');
    }, 5);

    const results = await Promise.allSettled([batcher.add(line('a')), batcher.add(line('b'))]);

    assert.deepEqual(
      results.map((result) => result.status),
      ['rejected', 'rejected'],
    );
    assert.match(String((results[0] as PromiseRejectedResult).reason), /log unavailable/);
  });

  test('flush publishes at once', async () => {
    const calls: string[][] = [];
    const batcher = new PublishBatcher(async (records) => calls.push(records.map((record) => record.key)), 60_000);

    const added = batcher.add(line('a'));
    await batcher.flush();
    await added;

    assert.deepEqual(calls, [['a']]);
  });

  test('flush with nothing queued makes no call', async () => {
    let calls = 0;
    const batcher = new PublishBatcher(async () => {
      calls += 1;
    }, 5);

    await batcher.flush();

    assert.equal(calls, 0);
  });
});
