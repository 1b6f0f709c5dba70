// Behaviour of the embedded log beyond the shared contract: the transactional
// outbox append, group commit, wake-up on append, and crash safety.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';

import { SqliteEventLog, type LogRecord, type ProduceRecord, type RecordMetadata } from '../src/index.ts';
import { consumeUntil, withDeadline } from './contract.ts';

let directory: string;
let fileCounter = 0;

function newDatabaseFile(): string {
  fileCounter++;
  return path.join(directory, `log-${fileCounter}.db`);
}

function record(topic: string, key: string, value: unknown): ProduceRecord {
  return { topic, key, value: JSON.stringify(value) };
}

describe('embedded event log', () => {
  before(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'futura-sqlite-log-'));
  });

  after(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('appendInTransaction commits with the host state', async () => {
    const db = new DatabaseSync(newDatabaseFile());
    db.exec('CREATE TABLE rooms (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT');
    const log = new SqliteEventLog(db);
    try {
      await log.createTopics([{ name: 'room-events', partitions: 2 }]);

      db.exec('BEGIN IMMEDIATE');
      db.prepare('INSERT INTO rooms (id, name) VALUES (?, ?)').run(1, 'Lobby');
      const [metadata] = log.appendInTransaction([record('room-events', 'room-1', { type: 'created', roomId: 1 })]);
      db.exec('COMMIT');

      assert.equal(metadata.offset, 0);
      const { records } = await consumeUntil(log, { groupId: 'room-log', topics: ['room-events'] }, (all) => all.length >= 1, 5_000);
      assert.equal(records[0].key, 'room-1');
      assert.deepEqual(JSON.parse(records[0].value), { type: 'created', roomId: 1 });
    } finally {
      await log.close();
      db.close();
    }
  });

  it('rolled-back append leaves no record and no offset gap', async () => {
    const db = new DatabaseSync(newDatabaseFile());
    const log = new SqliteEventLog(db);
    try {
      await log.createTopics([{ name: 'room-events', partitions: 1 }]);

      db.exec('BEGIN IMMEDIATE');
      log.appendInTransaction([record('room-events', 'room-1', { attempt: 'rolled back' })]);
      db.exec('ROLLBACK');

      assert.deepEqual(await log.listOffsets('room-events'), [{ topic: 'room-events', partition: 0, earliest: 0, latest: 0 }]);
      const [metadata] = await log.produce([record('room-events', 'room-1', { attempt: 'kept' })]);
      assert.equal(metadata.offset, 0);
    } finally {
      await log.close();
      db.close();
    }
  });

  it('appendInTransaction without a transaction throws', async () => {
    const log = SqliteEventLog.open(newDatabaseFile());
    try {
      await log.createTopics([{ name: 'room-events', partitions: 1 }]);
      assert.throws(() => log.appendInTransaction([record('room-events', 'room-1', {})]), /needs an open transaction/);
    } finally {
      await log.close();
    }
  });

  it('produce to a missing topic rejects', async () => {
    const log = SqliteEventLog.open(newDatabaseFile());
    try {
      await assert.rejects(log.produce([record('no-such-topic', 'k', {})]), /topic no-such-topic does not exist/);
    } finally {
      await log.close();
    }
  });

  it('produce rejects invalid records', async () => {
    const log = SqliteEventLog.open(newDatabaseFile());
    try {
      await log.createTopics([{ name: 'room-events', partitions: 1 }]);
      await assert.rejects(log.produce([{ topic: 'bad topic', key: 'k', value: '{}' }]), /invalid topic name/);
      await assert.rejects(log.produce([{ topic: 'room-events', key: 7 as unknown as string, value: '{}' }]), /invalid key/);
      await assert.rejects(log.produce([{ topic: 'room-events', key: 'k', value: '{}', timestamp: -1 }]), /invalid timestamp/);
      await assert.rejects(log.produce([{ topic: 'room-events', key: 'k', value: '{}', headers: { n: 1 as unknown as string } }]), /invalid header n/);
    } finally {
      await log.close();
    }
  });

  it('unknown topic fails only its own call', async () => {
    const log = SqliteEventLog.open(newDatabaseFile());
    try {
      await log.createTopics([{ name: 'chat', partitions: 2 }]);
      const before = log.produceStats;

      const settled = await Promise.allSettled([
        log.produce([record('chat', 'room-1', { index: 0 }), record('chat', 'room-2', { index: 1 })]),
        log.produce([record('chat', 'room-1', { index: 2 }), record('no-such-topic', 'room-1', { index: 3 })]),
        log.produce([record('chat', 'room-1', { index: 4 })]),
      ]);

      assert.equal(settled[0].status, 'fulfilled');
      assert.equal(settled[1].status, 'rejected');
      assert.match(String((settled[1] as PromiseRejectedResult).reason), /topic no-such-topic does not exist/);
      assert.equal(settled[2].status, 'fulfilled');
      const first = (settled[0] as PromiseFulfilledResult<RecordMetadata[]>).value;
      const third = (settled[2] as PromiseFulfilledResult<RecordMetadata[]>).value;
      assert.equal(first.length, 2, 'each call gets the metadata of its own records');
      assert.equal(third.length, 1);
      assert.equal(third[0].partition, first[0].partition, 'one key, one partition');
      assert.equal(third[0].offset, first[0].offset + 1, 'the rejected call left no gap');

      const after = log.produceStats;
      assert.equal(after.calls - before.calls, 2);
      assert.equal(after.records - before.records, 3);
      assert.equal(after.commits - before.commits, 1);
    } finally {
      await log.close();
    }
  });

  it('concurrent produce calls share one commit', async () => {
    const log = SqliteEventLog.open(newDatabaseFile());
    try {
      await log.createTopics([{ name: 'chat', partitions: 3 }]);
      const before = log.produceStats;

      const results = await Promise.all(Array.from({ length: 50 }, (_, index) => log.produce([record('chat', `room-${index % 5}`, { index })])));

      const after = log.produceStats;
      assert.equal(after.calls - before.calls, 50);
      assert.equal(after.records - before.records, 50);
      assert.equal(after.commits - before.commits, 1, 'one transaction for 50 calls made in the same turn');
      // Offsets follow call order within each partition.
      const partitions = new Map<number, number[]>();
      for (const [metadata] of results) {
        partitions.set(metadata.partition, [...(partitions.get(metadata.partition) ?? []), metadata.offset]);
      }
      for (const offsets of partitions.values()) {
        assert.deepEqual(offsets, offsets.map((_, index) => index));
      }
    } finally {
      await log.close();
    }
  });

  it('consumer wakes on append, not on the poll', async () => {
    // The cross-process poll runs once a minute here, so only the in-process
    // notification can deliver the records within the test's deadline.
    const log = SqliteEventLog.open(newDatabaseFile(), { crossProcessPollMs: 60_000 });
    try {
      await log.createTopics([{ name: 'chat', partitions: 1 }]);
      const received: LogRecord[] = [];
      let arrived!: () => void;
      const allArrived = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const consumer = await log.consume({
        groupId: 'chat-log',
        topics: ['chat'],
        handler: (batch) => {
          received.push(...batch);
          if (received.length >= 2) {
            arrived();
          }
        },
      });
      try {
        await log.produce([record('chat', 'room-1', { text: 'produced' })]);
        log.database.exec('BEGIN IMMEDIATE');
        log.appendInTransaction([record('chat', 'room-1', { text: 'appended in a transaction' })]);
        log.database.exec('COMMIT');
        await withDeadline(allArrived, 5_000, 'records delivered after append');
      } finally {
        await consumer.close();
      }
      assert.deepEqual(
        received.map((entry) => (JSON.parse(entry.value) as { text: string }).text),
        ['produced', 'appended in a transaction'],
      );
    } finally {
      await log.close();
    }
  });

  it('consumer sees records from another connection', async () => {
    const file = newDatabaseFile();
    const reader = SqliteEventLog.open(file, { crossProcessPollMs: 20 });
    const writer = SqliteEventLog.open(file);
    try {
      await writer.createTopics([{ name: 'chat', partitions: 2 }]);
      const consumed = consumeUntil(reader, { groupId: 'other-connection', topics: ['chat'] }, (all) => all.length >= 3, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await writer.produce([record('chat', 'room-1', { n: 1 }), record('chat', 'room-2', { n: 2 }), record('chat', 'room-3', { n: 3 })]);
      const { records } = await consumed;
      assert.equal(records.length, 3);
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });

  it('consumer waits while the host holds a transaction', async () => {
    const log = SqliteEventLog.open(newDatabaseFile());
    try {
      await log.createTopics([{ name: 'chat', partitions: 1 }]);
      const received: LogRecord[] = [];
      const consumer = await log.consume({ groupId: 'waits', topics: ['chat'], handler: (batch) => void received.push(...batch) });
      try {
        log.database.exec('BEGIN IMMEDIATE');
        log.appendInTransaction([record('chat', 'room-1', { text: 'never committed' })]);
        // An await inside the transaction lets the consumer run; it must not read the uncommitted record.
        await new Promise((resolve) => setTimeout(resolve, 50));
        log.database.exec('ROLLBACK');

        const produced = log.produce([record('chat', 'room-1', { text: 'committed' })]);
        await produced;
        await withDeadline(
          (async () => {
            while (received.length === 0) {
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
          })(),
          5_000,
          'committed record delivered',
        );
      } finally {
        await consumer.close();
      }
      assert.deepEqual(
        received.map((entry) => (JSON.parse(entry.value) as { text: string }).text),
        ['committed'],
      );
    } finally {
      await log.close();
    }
  });

  it('second consumer in a group is rejected', async () => {
    const log = SqliteEventLog.open(newDatabaseFile());
    try {
      await log.createTopics([{ name: 'chat', partitions: 1 }]);
      const first = await log.consume({ groupId: 'single', topics: ['chat'], handler: () => {} });
      try {
        await assert.rejects(log.consume({ groupId: 'single', topics: ['chat'], handler: () => {} }), /already has an active consumer for topic chat/);
      } finally {
        await first.close();
      }
      const again = await log.consume({ groupId: 'single', topics: ['chat'], handler: () => {} });
      await again.close();
    } finally {
      await log.close();
    }
  });

  it('retention deletes records a group has not read', async () => {
    const log = SqliteEventLog.open(newDatabaseFile());
    try {
      await log.createTopics([{ name: 'chat', partitions: 1, retentionMaxRecords: 2 }]);
      // The group commits offset 0 and stops before reading anything.
      const idle = await log.consume({ groupId: 'slow', topics: ['chat'], start: 'earliest', handler: () => {} });
      await idle.close();
      await log.produce([record('chat', 'room-1', { n: 0 }), record('chat', 'room-1', { n: 1 }), record('chat', 'room-1', { n: 2 })]);

      await log.applyRetention();

      assert.deepEqual(await log.committedOffsets('slow', 'chat'), new Map([[0, 0]]));
      const { records } = await consumeUntil(log, { groupId: 'slow', topics: ['chat'] }, (all) => all.length >= 2, 5_000);
      assert.deepEqual(
        records.map((entry) => entry.offset),
        [1, 2],
        'the group resumes at the earliest retained record',
      );
    } finally {
      await log.close();
    }
  });

  it('acknowledged records survive SIGKILL', async () => {
    const file = newDatabaseFile();
    const setup = SqliteEventLog.open(file);
    await setup.createTopics([{ name: 'rooms', partitions: 3 }]);
    await setup.close();

    // The child produces in a loop and prints the sequence number of every acknowledged record.
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'fixtures/produce-until-killed.ts'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));

    await withDeadline(
      (async () => {
        while (output.split('\n').length < 500) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })(),
      20_000,
      'child acknowledged 500 records',
    );
    child.kill('SIGKILL');
    await exited;

    const acknowledged = output.split('\n').filter((line) => /^\d+$/.test(line)).map(Number);
    const log = SqliteEventLog.open(file);
    try {
      const { records } = await consumeUntil(log, { groupId: 'count', topics: ['rooms'] }, (all) => all.length >= acknowledged.length, 5_000);
      const stored = new Set(records.map((entry) => (JSON.parse(entry.value) as { sequence: number }).sequence));
      const lost = acknowledged.filter((sequence) => !stored.has(sequence));
      assert.deepEqual(lost, [], `acknowledged records missing after SIGKILL (${acknowledged.length} acknowledged, ${stored.size} stored)`);
    } finally {
      await log.close();
    }
  });
});
