// The outbox relay and the Deduplicator against the embedded log, with a
// destination that fails on demand to stand in for a broker that is down.
// kafka.test.ts runs the relay against a real broker that is stopped and started.

import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';

import {
  Deduplicator,
  OutboxRelay,
  SqliteEventLog,
  migrateEventLogSchema,
  writeOutbox,
  type EventLog,
  type ProduceRecord,
  type RecordMetadata,
} from '../src/index.ts';
import { consumeUntil } from './contract.ts';

/** Wraps an EventLog so that produce() rejects while `down` is true; counts the produce attempts. */
function flakyLog(inner: EventLog): EventLog & { down: boolean; attempts: number } {
  const wrapper = {
    down: false,
    attempts: 0,
    mode: inner.mode,
    createTopics: inner.createTopics.bind(inner),
    consume: inner.consume.bind(inner),
    listOffsets: inner.listOffsets.bind(inner),
    committedOffsets: inner.committedOffsets.bind(inner),
    applyRetention: inner.applyRetention.bind(inner),
    close: inner.close.bind(inner),
    async produce(records: ProduceRecord[]): Promise<RecordMetadata[]> {
      wrapper.attempts++;
      if (wrapper.down) {
        throw new Error('broker unavailable');
      }
      return inner.produce(records);
    },
  };
  return wrapper;
}

function roomEvent(key: string, sequence: number): ProduceRecord {
  return { topic: 'room-events', key, value: JSON.stringify({ id: `event-${sequence}`, sequence }) };
}

function inTransaction(db: DatabaseSync, work: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  work();
  db.exec('COMMIT');
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) {
      throw new Error(`${what}: not done within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('outbox relay', () => {
  it('writeOutbox without a transaction throws', () => {
    const db = new DatabaseSync(':memory:');
    migrateEventLogSchema(db);
    assert.throws(() => writeOutbox(db, [roomEvent('room-1', 0)]), /needs an open transaction/);
    db.close();
  });

  it('publishes in id order and marks rows published', async () => {
    const hotelDb = new DatabaseSync(':memory:');
    const log = SqliteEventLog.open(':memory:');
    await log.createTopics([{ name: 'room-events', partitions: 3 }]);
    const relay = new OutboxRelay({ db: hotelDb, log, batchSize: 7 });
    try {
      for (let sequence = 0; sequence < 40; sequence++) {
        inTransaction(hotelDb, () => relay.writer.appendInTransaction([roomEvent(`room-${sequence % 4}`, sequence)]));
      }
      // A rolled-back write is never published.
      hotelDb.exec('BEGIN IMMEDIATE');
      relay.writer.appendInTransaction([roomEvent('room-1', 999)]);
      hotelDb.exec('ROLLBACK');

      relay.start();
      await relay.waitUntilIdle(5_000);

      const { records } = await consumeUntil(log, { groupId: 'check', topics: ['room-events'] }, (all) => all.length >= 40, 5_000);
      assert.equal(records.length, 40);
      for (let key = 0; key < 4; key++) {
        const sequences = records.filter((entry) => entry.key === `room-${key}`).map((entry) => (JSON.parse(entry.value) as { sequence: number }).sequence);
        assert.deepEqual(sequences, Array.from({ length: 10 }, (_, index) => key + index * 4), `order of room-${key}`);
      }
      const unpublished = hotelDb.prepare('SELECT COUNT(*) AS count FROM eventlog_outbox WHERE published_at IS NULL').get() as { count: number };
      assert.equal(unpublished.count, 0);
    } finally {
      await relay.stop();
      await log.close();
      hotelDb.close();
    }
  });

  it('retries while the log is down and catches up', async () => {
    const hotelDb = new DatabaseSync(':memory:');
    const inner = SqliteEventLog.open(':memory:');
    await inner.createTopics([{ name: 'room-events', partitions: 2 }]);
    const log = flakyLog(inner);
    const warnings: string[] = [];
    const relay = new OutboxRelay({
      db: hotelDb,
      log,
      batchSize: 10,
      backoff: { initialMs: 5, maxMs: 20 },
      logger: { info() {}, warn: (_fields, message) => void warnings.push(message), error() {} },
    });
    try {
      relay.start();
      for (let sequence = 0; sequence < 10; sequence++) {
        inTransaction(hotelDb, () => relay.writer.appendInTransaction([roomEvent(`room-${sequence % 3}`, sequence)]));
      }
      await relay.waitUntilIdle(5_000);

      log.down = true;
      const attemptsBefore = log.attempts;
      for (let sequence = 10; sequence < 30; sequence++) {
        inTransaction(hotelDb, () => relay.writer.appendInTransaction([roomEvent(`room-${sequence % 3}`, sequence)]));
      }
      await waitFor(() => log.attempts >= attemptsBefore + 3, 5_000, 'three failed publish attempts');
      assert.equal(relay.pendingCount(), 20, 'nothing marked published while the log is down');

      log.down = false;
      await relay.waitUntilIdle(5_000);

      const { records } = await consumeUntil(inner, { groupId: 'check', topics: ['room-events'] }, (all) => all.length >= 30, 5_000);
      assert.equal(records.length, 30, 'each row published once');
      for (let key = 0; key < 3; key++) {
        const sequences = records.filter((entry) => entry.key === `room-${key}`).map((entry) => (JSON.parse(entry.value) as { sequence: number }).sequence);
        const expected = Array.from({ length: 30 }, (_, index) => index).filter((sequence) => sequence % 3 === key);
        assert.deepEqual(sequences, expected, `order of room-${key}`);
      }
      assert.ok(warnings.includes('outbox publishing failed; retrying the same rows'), 'failures are logged');
    } finally {
      await relay.stop();
      await inner.close();
      hotelDb.close();
    }
  });

  it('picks up rows left by a stopped relay', async () => {
    const hotelDb = new DatabaseSync(':memory:');
    const log = SqliteEventLog.open(':memory:');
    await log.createTopics([{ name: 'room-events', partitions: 1 }]);
    migrateEventLogSchema(hotelDb);
    try {
      inTransaction(hotelDb, () => writeOutbox(hotelDb, [roomEvent('room-1', 0), roomEvent('room-1', 1)]));

      const relay = new OutboxRelay({ db: hotelDb, log, pollIntervalMs: 10 });
      relay.start();
      await relay.waitUntilIdle(5_000);
      await relay.stop();

      inTransaction(hotelDb, () => writeOutbox(hotelDb, [roomEvent('room-1', 2)]));
      const restarted = new OutboxRelay({ db: hotelDb, log, pollIntervalMs: 10 });
      restarted.start();
      await restarted.waitUntilIdle(5_000);
      await restarted.stop();

      const [offsets] = await log.listOffsets('room-events');
      assert.equal(offsets.latest, 3);
    } finally {
      await log.close();
      hotelDb.close();
    }
  });
});

describe('Deduplicator', () => {
  it('processOnce runs effects once per event id', () => {
    const db = new DatabaseSync(':memory:');
    const dedup = new Deduplicator(db, 'chat-log');
    let runs = 0;
    assert.equal(dedup.processOnce('event-1', () => runs++), true);
    assert.equal(dedup.processOnce('event-1', () => runs++), false);
    assert.equal(dedup.processOnce('event-2', () => runs++), true);
    assert.equal(runs, 2);
    db.close();
  });

  it('groups de-duplicate independently', () => {
    const db = new DatabaseSync(':memory:');
    const chatLog = new Deduplicator(db, 'chat-log');
    const moderation = new Deduplicator(db, 'moderation');
    assert.equal(chatLog.processOnce('event-1', () => {}), true);
    assert.equal(moderation.processOnce('event-1', () => {}), true);
    assert.equal(moderation.isProcessed('event-1'), true);
    db.close();
  });

  it('failed effects leave the event unprocessed', () => {
    const db = new DatabaseSync(':memory:');
    const dedup = new Deduplicator(db, 'chat-log');
    assert.throws(
      () =>
        dedup.processOnce('event-1', () => {
          throw new Error('effects failed');
        }),
      /effects failed/,
    );
    assert.equal(dedup.isProcessed('event-1'), false);
    assert.equal(dedup.processOnce('event-1', () => {}), true);
    db.close();
  });

  it('markProcessed needs the caller transaction', () => {
    const db = new DatabaseSync(':memory:');
    const dedup = new Deduplicator(db, 'chat-log');
    assert.throws(() => dedup.markProcessed('event-1'), /needs an open transaction/);
    db.close();
  });

  it('prune deletes old ids', () => {
    const db = new DatabaseSync(':memory:');
    let now = 1_000_000;
    const dedup = new Deduplicator(db, 'chat-log', { now: () => now });
    dedup.processOnce('old', () => {});
    now += 10_000;
    dedup.processOnce('new', () => {});
    assert.equal(dedup.prune(5_000), 1);
    assert.equal(dedup.isProcessed('old'), false);
    assert.equal(dedup.isProcessed('new'), true);
    db.close();
  });
});
