// The contract every EventLog implementation must meet. embedded.test.ts runs
// it against the SQLite log and kafka.test.ts against a real Kafka broker; the
// same cases, with the same expectations, pass against both.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { it } from 'node:test';

import {
  Deduplicator,
  cloudEventRecord,
  createCloudEvent,
  parseCloudEvent,
  partitionForKey,
  type ConsumeOptions,
  type EventLog,
  type EventLogConsumer,
  type LogRecord,
  type ProduceRecord,
} from '../src/index.ts';

export interface ContractTarget {
  /** Opens a new log instance over the same storage (the same file, or the same broker). */
  openLog(): Promise<EventLog>;
  /** How long a test waits for records to arrive, in ms. */
  deliveryTimeoutMs: number;
  /** How long the age-retention test waits for the deletion, in ms (Kafka deletes asynchronously). */
  retentionTimeoutMs: number;
}

const runId = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;

/** Returns a topic or group name unique to this test run, so runs against a long-lived broker do not collide. */
export function uniqueName(base: string): string {
  return `contract-${runId}-${base}`;
}

interface Collected {
  records: LogRecord[];
  consumer: EventLogConsumer;
}

/**
 * Starts a consumer that collects records until `done(records)` holds, then
 * closes it (which waits for the commit of the last batch). Fails after the
 * timeout with the number of records received so far.
 */
export async function consumeUntil(
  log: EventLog,
  options: Omit<ConsumeOptions, 'handler'> & { handler?: ConsumeOptions['handler'] },
  done: (records: readonly LogRecord[]) => boolean,
  timeoutMs: number,
): Promise<Collected> {
  const records: LogRecord[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const consumer = await log.consume({
    ...options,
    handler: async (batch) => {
      await options.handler?.(batch);
      records.push(...batch);
      if (done(records)) {
        finish();
      }
    },
  });

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`group ${options.groupId} received ${records.length} records in ${timeoutMs} ms, fewer than expected`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([finished, timedOut]);
  } finally {
    clearTimeout(timer);
    await consumer.close();
  }
  return { records, consumer };
}

function keyed(topic: string, key: string, value: unknown, timestamp?: number): ProduceRecord {
  return { topic, key, value: JSON.stringify(value), headers: { source: 'contract-test' }, ...(timestamp === undefined ? {} : { timestamp }) };
}

/** Groups records by partition, each list in delivery order. */
function byPartition(records: readonly LogRecord[]): Map<number, LogRecord[]> {
  const groups = new Map<number, LogRecord[]>();
  for (const record of records) {
    const list = groups.get(record.partition) ?? [];
    list.push(record);
    groups.set(record.partition, list);
  }
  return groups;
}

/** Registers the contract cases with node:test; `target()` is read when each case runs. */
export function defineContractTests(target: () => ContractTarget): void {
  it('offsets count from 0 per partition', async () => {
    const { openLog } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('offsets');
      await log.createTopics([{ name: topic, partitions: 3 }]);

      const records = Array.from({ length: 30 }, (_, index) => keyed(topic, `key-${index % 10}`, { index }));
      const metadata = [...(await log.produce(records.slice(0, 12))), ...(await log.produce(records.slice(12)))];

      assert.equal(metadata.length, 30);
      for (const [partition, entries] of byPartitionMetadata(metadata)) {
        assert.deepEqual(
          entries.map((entry) => entry.offset),
          entries.map((_, index) => index),
          `offsets of partition ${partition}`,
        );
      }
      const offsets = await log.listOffsets(topic);
      assert.equal(offsets.length, 3);
      for (const entry of offsets) {
        assert.equal(entry.earliest, 0, `earliest offset of partition ${entry.partition}`);
        assert.equal(entry.latest, metadata.filter((item) => item.partition === entry.partition).length, `latest offset of partition ${entry.partition}`);
      }
    } finally {
      await log.close();
    }
  });

  it('produce to a missing topic rejects', async () => {
    const { openLog } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('never-created');
      await assert.rejects(log.produce([keyed(topic, 'room-1', {})]), new RegExp(`topic ${topic} does not exist`));
    } finally {
      await log.close();
    }
  });

  it('keys land on partitionForKey partitions', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('partitioning');
      const partitions = 6;
      await log.createTopics([{ name: topic, partitions }]);
      const keys = ['room-1', 'room-42', 'user:1001', 'héllo wörld', '日本語', '', 'a', 'abc', 'foobar', 'room-7'];

      const metadata = await log.produce(keys.map((key) => keyed(topic, key, { key })));
      keys.forEach((key, index) => {
        assert.equal(metadata[index].partition, partitionForKey(key, partitions), `produced partition of key ${JSON.stringify(key)}`);
      });

      const { records } = await consumeUntil(log, { groupId: uniqueName('partitioning-group'), topics: [topic] }, (all) => all.length >= keys.length, deliveryTimeoutMs);
      for (const record of records) {
        assert.equal(record.partition, partitionForKey(record.key, partitions), `consumed partition of key ${JSON.stringify(record.key)}`);
      }
    } finally {
      await log.close();
    }
  });

  it('one key arrives in produce order', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('ordering');
      await log.createTopics([{ name: topic, partitions: 4 }]);
      const keys = ['room-1', 'room-2', 'room-3', 'room-4', 'room-5', 'room-6', 'room-7'];

      let sequence = 0;
      const produced: ProduceRecord[] = [];
      for (let call = 0; call < 10; call++) {
        const batch = Array.from({ length: 50 }, () => {
          const key = keys[sequence % keys.length];
          return keyed(topic, key, { key, sequence: sequence++ });
        });
        produced.push(...batch);
        await log.produce(batch);
      }

      const { records } = await consumeUntil(log, { groupId: uniqueName('ordering-group'), topics: [topic], maxBatchRecords: 64 }, (all) => all.length >= produced.length, deliveryTimeoutMs);
      assert.equal(records.length, produced.length);
      for (const key of keys) {
        const received = records.filter((record) => record.key === key).map((record) => (JSON.parse(record.value) as { sequence: number }).sequence);
        const expected = produced.filter((record) => record.key === key).map((record) => (JSON.parse(record.value) as { sequence: number }).sequence);
        assert.deepEqual(received, expected, `sequence of key ${key}`);
      }
      for (const [partition, list] of byPartition(records)) {
        assert.deepEqual(
          list.map((record) => record.offset),
          list.map((_, index) => index),
          `delivered offsets of partition ${partition}`,
        );
      }
      assert.deepEqual(records[0].headers, { source: 'contract-test' });
    } finally {
      await log.close();
    }
  });

  it('concurrent calls keep per-key order', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('concurrent-order');
      await log.createTopics([{ name: topic, partitions: 3 }]);
      const keys = ['room-1', 'room-2', 'room-3', 'room-4', 'room-5'];

      // 200 calls in flight at once, one record each.
      await Promise.all(Array.from({ length: 200 }, (_, sequence) => log.produce([keyed(topic, keys[sequence % keys.length], { sequence })])));

      const { records } = await consumeUntil(log, { groupId: uniqueName('concurrent-order-group'), topics: [topic] }, (all) => all.length >= 200, deliveryTimeoutMs);
      for (const [index, key] of keys.entries()) {
        const received = records.filter((record) => record.key === key).map((record) => (JSON.parse(record.value) as { sequence: number }).sequence);
        assert.deepEqual(received, Array.from({ length: 40 }, (_, step) => index + step * keys.length), `sequence of key ${key}`);
      }
    } finally {
      await log.close();
    }
  });

  it('group resumes after committed offsets', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const topic = uniqueName('resume');
    const groupId = uniqueName('resume-group');

    const first = await openLog();
    try {
      await first.createTopics([{ name: topic, partitions: 2 }]);
      await first.produce(Array.from({ length: 20 }, (_, index) => keyed(topic, `key-${index % 5}`, { index })));
      const { records } = await consumeUntil(first, { groupId, topics: [topic] }, (all) => all.length >= 20, deliveryTimeoutMs);
      assert.equal(records.length, 20);

      const committed = await first.committedOffsets(groupId, topic);
      const latest = await first.listOffsets(topic);
      for (const entry of latest) {
        assert.equal(committed.get(entry.partition), entry.latest, `committed offset of partition ${entry.partition}`);
      }
    } finally {
      await first.close();
    }

    const second = await openLog();
    try {
      const more = await second.produce(Array.from({ length: 10 }, (_, index) => keyed(topic, `key-${index % 5}`, { index: 20 + index })));
      const { records } = await consumeUntil(second, { groupId, topics: [topic] }, (all) => all.length >= 10, deliveryTimeoutMs);
      const indexes = records.map((record) => (JSON.parse(record.value) as { index: number }).index).sort((a, b) => a - b);
      assert.deepEqual(indexes, Array.from({ length: 10 }, (_, index) => 20 + index), 'only records produced after the commit');
      assert.deepEqual(
        records.map((record) => `${record.partition}:${record.offset}`).sort(),
        more.map((entry) => `${entry.partition}:${entry.offset}`).sort(),
        'delivered offsets equal produced offsets',
      );
    } finally {
      await second.close();
    }
  });

  it('start latest skips records produced before', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('latest');
      await log.createTopics([{ name: topic, partitions: 2 }]);
      await log.produce(Array.from({ length: 5 }, (_, index) => keyed(topic, `key-${index}`, { before: true })));

      const records: LogRecord[] = [];
      let resolveArrived!: () => void;
      const arrived = new Promise<void>((resolve) => {
        resolveArrived = resolve;
      });
      const consumer = await log.consume({
        groupId: uniqueName('latest-group'),
        topics: [topic],
        start: 'latest',
        handler: (batch) => {
          records.push(...batch);
          if (records.length >= 3) {
            resolveArrived();
          }
        },
      });
      try {
        await log.produce(Array.from({ length: 3 }, (_, index) => keyed(topic, `key-${index}`, { before: false })));
        await withDeadline(arrived, deliveryTimeoutMs, 'records produced after start');
      } finally {
        await consumer.close();
      }
      assert.equal(records.length, 3);
      assert.ok(records.every((record) => (JSON.parse(record.value) as { before: boolean }).before === false));
    } finally {
      await log.close();
    }
  });

  it('replay starts at a given offset', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('replay-offset');
      const groupId = uniqueName('replay-offset-group');
      await log.createTopics([{ name: topic, partitions: 1 }]);
      await log.produce(Array.from({ length: 20 }, (_, index) => keyed(topic, 'room-1', { index })));

      // The group first reads everything, then replays from offset 5.
      await consumeUntil(log, { groupId, topics: [topic] }, (all) => all.length >= 20, deliveryTimeoutMs);
      const { records } = await consumeUntil(
        log,
        { groupId, topics: [topic], start: { offsets: [{ topic, partition: 0, offset: 5 }] } },
        (all) => all.length >= 15,
        deliveryTimeoutMs,
      );
      assert.deepEqual(
        records.map((record) => record.offset),
        Array.from({ length: 15 }, (_, index) => 5 + index),
      );
    } finally {
      await log.close();
    }
  });

  it('replay starts at a timestamp', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('replay-time');
      await log.createTopics([{ name: topic, partitions: 2 }]);
      const base = Date.now() - 60_000;
      const produced = Array.from({ length: 20 }, (_, index) => keyed(topic, `key-${index % 3}`, { index }, base + index * 1_000));
      await log.produce(produced);

      const { records } = await consumeUntil(
        log,
        { groupId: uniqueName('replay-time-group'), topics: [topic], start: { timestamp: base + 10_000 } },
        (all) => all.length >= 10,
        deliveryTimeoutMs,
      );
      const indexes = records.map((record) => (JSON.parse(record.value) as { index: number }).index).sort((a, b) => a - b);
      assert.deepEqual(indexes, Array.from({ length: 10 }, (_, index) => 10 + index));
      assert.ok(records.every((record) => record.timestamp >= base + 10_000), 'every record at or after the start time');
    } finally {
      await log.close();
    }
  });

  it('redelivered event is processed once', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const log = await openLog();
    const db = new DatabaseSync(':memory:');
    try {
      const topic = uniqueName('dedup');
      const groupId = uniqueName('dedup-group');
      await log.createTopics([{ name: topic, partitions: 2 }]);
      db.exec('CREATE TABLE chat_lines (event_id TEXT NOT NULL, text TEXT NOT NULL) STRICT');
      const dedup = new Deduplicator(db, groupId);
      const insertLine = db.prepare('INSERT INTO chat_lines (event_id, text) VALUES (?, ?)');

      const hello = createCloudEvent({ source: '/futura/test', type: 'futura.chat.talked', subject: 'room-1', data: { text: 'hello' } });
      const bye = createCloudEvent({ source: '/futura/test', type: 'futura.chat.talked', subject: 'room-1', data: { text: 'bye' } });
      // The same event twice, as a relay that retried a timed-out send would publish it.
      await log.produce([cloudEventRecord(topic, 'room-1', hello), cloudEventRecord(topic, 'room-1', hello), cloudEventRecord(topic, 'room-1', bye)]);

      // The first handler call applies its effects and then fails before the
      // commit, so the whole batch is delivered again.
      let calls = 0;
      const { records } = await consumeUntil(
        log,
        {
          groupId,
          topics: [topic],
          handler: (batch) => {
            calls++;
            for (const record of batch) {
              const event = parseCloudEvent<{ text: string }>(record.value);
              dedup.processOnce(event.id, () => insertLine.run(event.id, event.data.text));
            }
            if (calls === 1) {
              throw new Error('simulated crash after the effects, before the commit');
            }
          },
          onHandlerError: () => {},
        },
        (all) => all.length >= 3,
        deliveryTimeoutMs,
      );

      assert.ok(calls >= 2, 'the failed batch was delivered again');
      assert.equal(records.length, 3);
      const lines = db.prepare('SELECT event_id AS eventId, text FROM chat_lines ORDER BY rowid').all();
      assert.deepEqual(
        lines.map((row) => ({ ...row })),
        [
          { eventId: hello.id, text: 'hello' },
          { eventId: bye.id, text: 'bye' },
        ],
      );
      assert.equal(dedup.isProcessed(hello.id), true);
    } finally {
      db.close();
      await log.close();
    }
  });

  it('retention keeps newest records per partition', async () => {
    const { openLog, deliveryTimeoutMs } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('retention-count');
      await log.createTopics([{ name: topic, partitions: 1, retentionMaxRecords: 5 }]);
      await log.produce(Array.from({ length: 12 }, (_, index) => keyed(topic, 'room-1', { index })));

      await log.applyRetention();
      const [offsets] = await log.listOffsets(topic);
      assert.equal(offsets.earliest, 7);
      assert.equal(offsets.latest, 12);

      const { records } = await consumeUntil(log, { groupId: uniqueName('retention-count-group'), topics: [topic] }, (all) => all.length >= 5, deliveryTimeoutMs);
      assert.deepEqual(
        records.map((record) => record.offset),
        [7, 8, 9, 10, 11],
      );
    } finally {
      await log.close();
    }
  });

  it('retention deletes records past retentionMs', async () => {
    const { openLog, retentionTimeoutMs } = target();
    const log = await openLog();
    try {
      const topic = uniqueName('retention-age');
      const hour = 60 * 60 * 1000;
      await log.createTopics([{ name: topic, partitions: 1, retentionMs: hour }]);
      const now = Date.now();
      await log.produce(Array.from({ length: 5 }, (_, index) => keyed(topic, 'room-1', { index, old: true }, now - 2 * hour)));
      await log.produce(Array.from({ length: 3 }, (_, index) => keyed(topic, 'room-1', { index, old: false }, now)));

      // Kafka deletes on the broker's own schedule (log.retention.check.interval.ms),
      // so the check repeats until the deadline.
      const deadline = Date.now() + retentionTimeoutMs;
      let earliest = -1;
      while (Date.now() < deadline) {
        await log.applyRetention();
        earliest = (await log.listOffsets(topic))[0].earliest;
        if (earliest === 5) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal(earliest, 5, `records older than retentionMs still present after ${retentionTimeoutMs} ms`);
    } finally {
      await log.close();
    }
  });
}

function byPartitionMetadata<T extends { partition: number }>(entries: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const entry of entries) {
    const list = groups.get(entry.partition) ?? [];
    list.push(entry);
    groups.set(entry.partition, list);
  }
  return groups;
}

export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not done within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
