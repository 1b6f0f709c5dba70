import { DatabaseSync } from 'node:sqlite';

import {
  silentLogger,
  type ConsumeOptions,
  type EventLog,
  type EventLogConsumer,
  type EventLogLogger,
  type PartitionOffsets,
  type ProduceRecord,
  type RecordMetadata,
  type TopicSpec,
  type TransactionalEventWriter,
} from '../event-log.ts';
import { validateConsumeOptions, validateProduceRecord, validateTopicName, validateTopicSpec } from '../validation.ts';
import { AppendNotifier } from './append-notifier.ts';
import { GroupCommitQueue, type GroupCommitStats } from './group-commit.ts';
import { LogStore } from './log-store.ts';
import { migrateEventLogSchema, runInTransaction } from './schema.ts';
import { SqliteConsumer } from './sqlite-consumer.ts';

export interface SqliteEventLogOptions {
  logger?: EventLogLogger;
  /** Clock in milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** Group commit: how long a produce call waits for others to share its commit, in ms; default 0 (the next event-loop turn). */
  lingerMs?: number;
  /** Group commit: upper bound on records per commit; default 10,000. */
  maxRecordsPerCommit?: number;
  /**
   * How often consumers check for records committed by other connections to the
   * same file (another process), in ms; default 1,000. Appends through this
   * instance wake consumers at once, without waiting for this poll.
   */
  crossProcessPollMs?: number;
  /** How often retention runs, in ms; default 60,000. */
  retentionCheckIntervalMs?: number;
}

/**
 * The embedded event log, kept in tables of a `node:sqlite` database (usually
 * the host's own database, so that `appendInTransaction` can join the host's
 * transactions). Topics, partitions, offsets, consumer groups and retention
 * follow Kafka's semantics, and keys map to partitions with Kafka's rule.
 */
export class SqliteEventLog implements EventLog, TransactionalEventWriter {
  readonly mode = 'embedded' as const;
  readonly #db: DatabaseSync;
  #ownsDatabase = false;
  readonly #store: LogStore;
  readonly #notifier = new AppendNotifier();
  readonly #queue: GroupCommitQueue;
  readonly #logger: EventLogLogger;
  readonly #now: () => number;
  readonly #consumers = new Set<SqliteConsumer>();
  /** "group\0topic" pairs with an active consumer in this process. */
  readonly #activeSubscriptions = new Set<string>();
  readonly #crossProcessPollMs: number;
  #crossProcessTimer: NodeJS.Timeout | undefined;
  #lastDataVersion = 0;
  readonly #retentionTimer: NodeJS.Timeout;
  #wakeScheduled = false;
  #closed = false;

  /**
   * Uses the given database, creating the event-log tables if needed. The
   * database stays open after `close()`. The constructor sets
   * `synchronous = FULL` on the connection: the log's durability promise needs it.
   */
  constructor(db: DatabaseSync, options: SqliteEventLogOptions = {}) {
    this.#db = db;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#crossProcessPollMs = options.crossProcessPollMs ?? 1_000;

    db.exec('PRAGMA synchronous = FULL');
    migrateEventLogSchema(db);
    this.#store = new LogStore(db);
    this.#queue = new GroupCommitQueue(db, this.#store, {
      lingerMs: options.lingerMs ?? 0,
      maxRecordsPerCommit: options.maxRecordsPerCommit ?? 10_000,
      now: this.#now,
      onCommitted: () => this.#notifier.notify(),
    });

    this.#retentionTimer = setInterval(() => this.#runRetention(), options.retentionCheckIntervalMs ?? 60_000);
    this.#retentionTimer.unref();
  }

  /** Opens (creating if needed) a database file in WAL mode for the log alone; `close()` closes it. */
  static open(path: string, options: SqliteEventLogOptions = {}): SqliteEventLog {
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA busy_timeout = 5000');
    try {
      const log = new SqliteEventLog(db, options);
      log.#ownsDatabase = true;
      return log;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get database(): DatabaseSync {
    return this.#db;
  }

  /** How many produce() calls and records the group commit has written, in how many transactions. */
  get produceStats(): Readonly<GroupCommitStats> {
    return { ...this.#queue.stats };
  }

  async createTopics(topics: TopicSpec[]): Promise<void> {
    this.#assertOpen();
    topics.forEach(validateTopicSpec);
    runInTransaction(this.#db, () => {
      for (const spec of topics) {
        if (this.#store.createTopic(spec, this.#now())) {
          this.#logger.info({ topic: spec.name, partitions: spec.partitions }, 'topic created');
        }
      }
    });
  }

  produce(records: ProduceRecord[]): Promise<RecordMetadata[]> {
    try {
      this.#assertOpen();
      this.#validateRecords(records);
    } catch (error) {
      return Promise.reject(error);
    }
    if (records.length === 0) {
      return Promise.resolve([]);
    }
    return this.#queue.enqueue(records);
  }

  /**
   * Appends records inside the transaction the caller has open on this log's
   * database, and returns where they landed. They become visible to consumers
   * when the caller commits; consumers are woken in the next event-loop turn.
   * Throws when no transaction is open, because the records would then be
   * committed on their own, without the caller's state change.
   */
  appendInTransaction(records: ProduceRecord[]): RecordMetadata[] {
    this.#assertOpen();
    if (!this.#db.isTransaction) {
      throw new Error('appendInTransaction needs an open transaction on the event log database: run it between BEGIN and COMMIT');
    }
    this.#validateRecords(records);
    const metadata = this.#store.append(records, this.#now());
    this.#scheduleWake();
    return metadata;
  }

  async consume(options: ConsumeOptions): Promise<EventLogConsumer> {
    this.#assertOpen();
    validateConsumeOptions(options);
    for (const topic of options.topics) {
      this.#store.requirePartitionCount(topic);
    }
    const subscriptions = options.topics.map((topic) => `${options.groupId}\u0000${topic}`);
    const busyTopic = options.topics.find((_, index) => this.#activeSubscriptions.has(subscriptions[index]));
    if (busyTopic !== undefined) {
      throw new Error(
        `group ${options.groupId} already has an active consumer for topic ${busyTopic} in this process; ` +
          'the embedded log gives all partitions of a topic to one consumer per group, so close the other one first',
      );
    }

    const consumer = new SqliteConsumer(
      { db: this.#db, store: this.#store, notifier: this.#notifier, logger: this.#logger, now: this.#now },
      options,
      () => {
        this.#consumers.delete(consumer);
        subscriptions.forEach((entry) => this.#activeSubscriptions.delete(entry));
        this.#updateCrossProcessPoll();
      },
    );
    subscriptions.forEach((entry) => this.#activeSubscriptions.add(entry));
    this.#consumers.add(consumer);
    try {
      await consumer.start();
    } catch (error) {
      await consumer.close();
      throw error;
    }
    this.#updateCrossProcessPoll();
    return consumer;
  }

  async listOffsets(topic: string): Promise<PartitionOffsets[]> {
    this.#assertOpen();
    validateTopicName(topic);
    const partitions = this.#store.requirePartitionCount(topic);
    return Array.from({ length: partitions }, (_, partition) => this.#store.partitionOffsets(topic, partition));
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
    this.#assertOpen();
    return this.#store.committedOffsets(groupId, topic);
  }

  async applyRetention(): Promise<void> {
    this.#assertOpen();
    runInTransaction(this.#db, () => this.#store.deleteExpired(this.#now()));
  }

  async close(): Promise<void> {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    clearInterval(this.#retentionTimer);
    await Promise.all([...this.#consumers].map((consumer) => consumer.close()));
    this.#queue.flushNow();
    if (this.#crossProcessTimer) {
      clearInterval(this.#crossProcessTimer);
    }
    if (this.#ownsDatabase) {
      this.#db.close();
    }
  }

  #validateRecords(records: ProduceRecord[]): void {
    for (const record of records) {
      validateProduceRecord(record);
      this.#store.requirePartitionCount(record.topic);
    }
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new Error('event log is closed');
    }
  }

  #scheduleWake(): void {
    if (this.#wakeScheduled) {
      return;
    }
    this.#wakeScheduled = true;
    setImmediate(() => {
      this.#wakeScheduled = false;
      this.#notifier.notify();
    });
  }

  /** Polls `PRAGMA data_version`, which changes when another connection commits, while consumers exist. */
  #updateCrossProcessPoll(): void {
    if (this.#consumers.size > 0 && !this.#crossProcessTimer && !this.#closed) {
      this.#lastDataVersion = this.#dataVersion();
      this.#crossProcessTimer = setInterval(() => {
        const version = this.#dataVersion();
        if (version !== this.#lastDataVersion) {
          this.#lastDataVersion = version;
          this.#notifier.notify();
        }
      }, this.#crossProcessPollMs);
      this.#crossProcessTimer.unref();
    } else if (this.#consumers.size === 0 && this.#crossProcessTimer) {
      clearInterval(this.#crossProcessTimer);
      this.#crossProcessTimer = undefined;
    }
  }

  #dataVersion(): number {
    return Number((this.#db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
  }

  #runRetention(): void {
    if (this.#db.isTransaction || this.#closed) {
      return;
    }
    try {
      const deleted = runInTransaction(this.#db, () => this.#store.deleteExpired(this.#now()));
      if (deleted > 0) {
        this.#logger.info({ deleted }, 'retention deleted records');
      }
    } catch (error) {
      this.#logger.error({ err: error }, 'retention failed');
    }
  }
}
