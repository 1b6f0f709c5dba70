// The publishing lease that lets one of several outbox relays on a shared
// database publish. Its rules are checked with a fake clock. Then relays on
// one SQLite file publish to a real Kafka broker, in this process and in
// child processes that the tests kill or pause like a hotel process.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';

import { KafkaEventLog, OutboxRelay, migrateEventLogSchema, writeOutbox, type EventLogLogger, type ProduceRecord, type RecordMetadata } from '../src/index.ts';
import { OutboxLease } from '../src/outbox-lease.ts';
import { consumeUntil, uniqueName } from './contract.ts';
import { ensureSharedBroker, type BrokerHandle } from './kafka-broker.ts';

const TOOK = 'outbox relay took the publishing lease';
const LOST = 'outbox relay lost the publishing lease';
const RELEASED = 'outbox relay released the publishing lease';

interface LogLine {
  message: string;
  fields: Record<string, unknown>;
  at: number;
}

function recordingLogger(lines: LogLine[]): EventLogLogger {
  const record = (fields: object, message: string): void => void lines.push({ message, fields: fields as Record<string, unknown>, at: Date.now() });
  return { info: record, warn: record, error: record };
}

/** Opens a connection to the shared file as a hotel process would: WAL, and waiting for the write lock. */
function openDatabase(file: string): DatabaseSync {
  const db = new DatabaseSync(file, { timeout: 5_000 });
  db.exec('PRAGMA journal_mode = WAL');
  migrateEventLogSchema(db);
  return db;
}

function temporaryDatabaseFile(): { file: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'futura-outbox-lease-'));
  return { file: path.join(dir, 'hotel.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function sequenced(topic: string, sequence: number): ProduceRecord {
  return { topic, key: `room-${sequence % 5}`, value: JSON.stringify({ id: `event-${sequence}`, sequence }) };
}

/** Commits one outbox row per transaction for each sequence in [from, to). */
function writeRows(db: DatabaseSync, topic: string, from: number, to: number): void {
  for (let sequence = from; sequence < to; sequence++) {
    db.exec('BEGIN IMMEDIATE');
    writeOutbox(db, [sequenced(topic, sequence)]);
    db.exec('COMMIT');
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) {
      throw new Error(`${what}: timed out after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Checks that the topic contains each sequence in [0, expected) exactly once,
 * and each key's records in increasing sequence order.
 */
async function assertPublishedOnceInOrder(kafka: KafkaEventLog, topic: string, expected: number): Promise<void> {
  const partitions = await kafka.listOffsets(topic);
  const total = partitions.reduce((sum, partition) => sum + partition.latest - partition.earliest, 0);
  assert.equal(total, expected, `records in ${topic}`);

  const { records } = await consumeUntil(kafka, { groupId: uniqueName(`${topic}-check`), topics: [topic] }, (all) => all.length >= expected, 20_000);
  const sequences = records.map((record) => (JSON.parse(record.value) as { sequence: number }).sequence);
  assert.deepEqual(
    [...sequences].sort((a, b) => a - b),
    Array.from({ length: expected }, (_, index) => index),
    'every row published once',
  );
  for (const key of new Set(records.map((record) => record.key))) {
    const ofKey = records.filter((record) => record.key === key).map((record) => (JSON.parse(record.value) as { sequence: number }).sequence);
    assert.deepEqual(ofKey, [...ofKey].sort((a, b) => a - b), `order of ${key}`);
  }
}

/** A relay in a child process (fixtures/outbox-relay-process.ts) and the JSON lines it printed. */
class RelayProcess {
  readonly lines: Record<string, unknown>[] = [];
  readonly exited: Promise<unknown>;
  readonly #child: ChildProcess;

  constructor(file: string, brokers: readonly string[], holderId: string, leaseMs: number) {
    this.#child = spawn(process.execPath, [path.join(import.meta.dirname, 'fixtures/outbox-relay-process.ts'), file, brokers.join(','), holderId, String(leaseMs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.exited = new Promise((resolve) => this.#child.once('exit', resolve));

    let pending = '';
    this.#child.stdout!.setEncoding('utf8');
    this.#child.stdout!.on('data', (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete.filter(Boolean)) {
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      }
    });
  }

  /** Produce calls the broker acknowledged, in order. */
  producedBatches(): number[][] {
    return this.lines.filter((line) => line.kind === 'produced').map((line) => line.sequences as number[]);
  }

  async waitForLog(message: string, timeoutMs: number): Promise<Record<string, unknown>> {
    await waitFor(() => this.lines.some((line) => line.message === message), timeoutMs, `child log "${message}"`);
    return this.lines.find((line) => line.message === message)!;
  }

  signal(name: NodeJS.Signals): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill(name);
    }
  }
}

describe('outbox publishing lease', () => {
  it('has one holder until expiry', () => {
    const { file, remove } = temporaryDatabaseFile();
    const first = openDatabase(file);
    const second = openDatabase(file);
    let now = 1_000_000;
    const lines: LogLine[] = [];
    const options = { leaseMs: 900, logger: recordingLogger(lines), now: () => now };
    const leaseA = new OutboxLease({ ...options, db: first, holderId: 'relay-a' });
    const leaseB = new OutboxLease({ ...options, db: second, holderId: 'relay-b' });
    try {
      leaseA.maintain();
      leaseB.maintain();
      assert.equal(leaseA.held, true);
      assert.equal(leaseB.held, false);

      // Renewed every third of the lease, A keeps it for as long as it runs.
      for (let step = 0; step < 5; step++) {
        now += 300;
        leaseA.maintain();
        leaseB.maintain();
        assert.equal(leaseA.mayStartBatch(), true, `A may publish after ${step + 1} renewals`);
        assert.equal(leaseB.held, false);
      }

      // A stalls: it cannot start a batch once a renewal is overdue, and B takes over only after expiry.
      now += 301;
      assert.equal(leaseA.mayStartBatch(), false, 'no batch on an overdue lease');
      now += 598;
      leaseB.maintain();
      assert.equal(leaseB.held, false, 'not taken before it expires');
      now += 1;
      leaseB.maintain();
      assert.equal(leaseB.held, true);

      leaseA.maintain();
      assert.equal(leaseA.held, false);
      assert.deepEqual(
        lines.map((line) => [line.message, line.fields.holder]),
        [
          [TOOK, 'relay-a'],
          [TOOK, 'relay-b'],
          [LOST, 'relay-a'],
        ],
      );
      assert.equal(lines[1].fields.previousHolder, 'relay-a');
      assert.equal(lines[2].fields.newHolder, 'relay-b');
    } finally {
      first.close();
      second.close();
      remove();
    }
  });

  it('restart replaces its earlier run', () => {
    const { file, remove } = temporaryDatabaseFile();
    const connections = [openDatabase(file), openDatabase(file), openDatabase(file)];
    let now = 1_000_000;
    const lines: LogLine[] = [];
    const options = { leaseMs: 60_000, logger: recordingLogger(lines), now: () => now };
    const crashed = new OutboxLease({ ...options, db: connections[0], holderId: 'hotel-1-boot-1', instanceId: 'hotel-1' });
    const otherInstance = new OutboxLease({ ...options, db: connections[1], holderId: 'hotel-2-boot-1', instanceId: 'hotel-2' });
    const restarted = new OutboxLease({ ...options, db: connections[2], holderId: 'hotel-1-boot-2', instanceId: 'hotel-1' });
    try {
      crashed.maintain();
      otherInstance.maintain();
      assert.equal(otherInstance.held, false, 'another instance waits for the lease to expire');

      restarted.maintain();
      assert.equal(restarted.held, true, 'a later run of the same instance takes the lease at once');
      assert.equal(lines.at(-1)!.fields.previousHolder, 'hotel-1-boot-1');

      // Only a relay's first look replaces its instance, so two processes
      // misconfigured with one instance id do not keep taking it from each other.
      now += 20_000;
      crashed.maintain();
      assert.equal(crashed.held, false);
      restarted.maintain();
      assert.equal(restarted.held, true);
    } finally {
      connections.forEach((db) => db.close());
      remove();
    }
  });

  it('hands over at once on release', () => {
    const { file, remove } = temporaryDatabaseFile();
    const first = openDatabase(file);
    const second = openDatabase(file);
    const lines: LogLine[] = [];
    const options = { leaseMs: 60_000, logger: recordingLogger(lines), now: Date.now };
    const leaseA = new OutboxLease({ ...options, db: first, holderId: 'relay-a' });
    const leaseB = new OutboxLease({ ...options, db: second, holderId: 'relay-b' });
    try {
      leaseA.maintain();
      leaseA.release();
      leaseB.maintain();
      assert.equal(leaseA.held, false);
      assert.equal(leaseB.held, true);
      assert.deepEqual(
        lines.map((line) => line.message),
        [TOOK, RELEASED, TOOK],
      );
    } finally {
      first.close();
      second.close();
      remove();
    }
  });
});

describe('outbox relays sharing a database on Kafka', () => {
  let broker: BrokerHandle | undefined;

  before(async () => {
    broker = await ensureSharedBroker();
  });

  after(async () => {
    await broker?.release();
  });

  function openKafka(name: string): KafkaEventLog {
    return new KafkaEventLog({ brokers: broker!.brokers, clientId: `futura-test-${name}`, produceTimeoutMs: 5_000 });
  }

  it('two relays publish each row once', async () => {
    const { file, remove } = temporaryDatabaseFile();
    const topic = uniqueName('lease-two-relays');
    const kafka = [openKafka('lease-a'), openKafka('lease-b')];
    const produceCalls = [0, 0];
    // Each stands for a hotel process: its own connection, shared by its writes and its relay.
    const databases = [openDatabase(file), openDatabase(file)];
    const relays = [0, 1].map((index) => {
      const log = kafka[index];
      const produce = log.produce.bind(log);
      log.produce = (records: ProduceRecord[]): Promise<RecordMetadata[]> => {
        produceCalls[index]++;
        return produce(records);
      };
      return new OutboxRelay({ db: databases[index], log, holderId: `relay-${index}`, leaseMs: 3_000, pollIntervalMs: 20, batchSize: 10 });
    });
    try {
      await kafka[0].createTopics([{ name: topic, partitions: 3 }]);
      relays.forEach((relay) => relay.start());

      // Both processes write and wake their own relay, ten rows per turn.
      for (let sequence = 0; sequence < 200; sequence++) {
        writeRows(databases[sequence % 2], topic, sequence, sequence + 1);
        relays[sequence % 2].notify();
        if (sequence % 10 === 9) {
          await pause(5);
        }
      }
      await relays[0].waitUntilIdle(20_000);

      assert.notEqual(relays[0].holdsLease, relays[1].holdsLease, 'exactly one relay holds the lease');
      const standby = relays[0].holdsLease ? 1 : 0;
      assert.equal(produceCalls[standby], 0, 'the relay without the lease produced nothing');
      await assertPublishedOnceInOrder(kafka[0], topic, 200);
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
      await Promise.all(kafka.map((log) => log.close()));
      databases.forEach((db) => db.close());
      remove();
    }
  });

  interface ChildHolderAndStandby {
    db: DatabaseSync;
    kafka: KafkaEventLog;
    topic: string;
    holder: RelayProcess;
    standby: OutboxRelay;
    standbyLog: LogLine[];
  }

  /**
   * Starts a relay in a child process and waits until it holds the lease, then
   * starts a standby relay here on the same database file. Runs `work`, then
   * kills the child and stops the rest.
   */
  async function withChildHolder(name: string, leaseMs: number, work: (setup: ChildHolderAndStandby) => Promise<void>): Promise<void> {
    const { file, remove } = temporaryDatabaseFile();
    const topic = uniqueName(`lease-${name}`);
    const db = openDatabase(file);
    const kafka = openKafka(`lease-${name}-standby`);
    const standbyLog: LogLine[] = [];
    const holder = new RelayProcess(file, broker!.brokers, `relay-${name}`, leaseMs);
    const standby = new OutboxRelay({ db, log: kafka, logger: recordingLogger(standbyLog), holderId: 'relay-standby', leaseMs, pollIntervalMs: 20 });
    try {
      await kafka.createTopics([{ name: topic, partitions: 3 }]);
      await holder.waitForLog(TOOK, 20_000);
      standby.start();

      await work({ db, kafka, topic, holder, standby, standbyLog });
    } finally {
      holder.signal('SIGKILL');
      await holder.exited;
      await standby.stop();
      await kafka.close();
      db.close();
      remove();
    }
  }

  it('killed holder is replaced after expiry', async () => {
    await withChildHolder('killed', 1_500, async ({ db, kafka, topic, holder, standby, standbyLog }) => {
      writeRows(db, topic, 0, 50);
      await standby.waitUntilIdle(10_000);
      assert.equal(standby.holdsLease, false, 'the child holds the lease and published the first rows');

      // SIGKILL: the child cannot release its lease.
      holder.signal('SIGKILL');
      await holder.exited;
      const killedAt = Date.now();
      writeRows(db, topic, 50, 100);
      standby.notify();
      await pause(300);
      assert.equal(standby.pendingCount(), 50, "rows wait while the dead holder's lease runs");

      await standby.waitUntilIdle(10_000);
      const took = standbyLog.find((line) => line.message === TOOK)!;
      assert.equal(took.fields.previousHolder, 'relay-killed');
      assert.ok(took.at - killedAt >= 500, `taken over ${took.at - killedAt} ms after the kill, before the lease could expire`);
      await assertPublishedOnceInOrder(kafka, topic, 100);
    });
  });

  it('stalled holder stops publishing', async () => {
    await withChildHolder('stalled', 1_000, async ({ db, kafka, topic, holder, standby }) => {
      writeRows(db, topic, 0, 20);
      await standby.waitUntilIdle(10_000);

      // SIGSTOP freezes the child as a blocked event loop would: no renewal, no publishing.
      holder.signal('SIGSTOP');
      await waitFor(() => standby.holdsLease, 5_000, 'the standby takes the lease');
      writeRows(db, topic, 20, 40);
      standby.notify();
      await standby.waitUntilIdle(10_000);

      const batchesBeforeResume = holder.producedBatches().length;
      holder.signal('SIGCONT');
      const lost = await holder.waitForLog(LOST, 5_000);
      assert.equal(lost.newHolder, 'relay-standby');

      // The resumed child polls every 20 ms, and these rows must still reach Kafka once, from the standby.
      writeRows(db, topic, 40, 60);
      standby.notify();
      await standby.waitUntilIdle(10_000);
      await pause(300);
      assert.equal(holder.producedBatches().length, batchesBeforeResume, 'the stalled relay published nothing after it resumed');
      assert.equal(standby.holdsLease, true);
      await assertPublishedOnceInOrder(kafka, topic, 60);
    });
  });
});
