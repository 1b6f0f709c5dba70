import type { DatabaseSync } from 'node:sqlite';

import { sleep } from '../backoff.ts';
import type { ConsumeOptions, EventLogConsumer, EventLogLogger, LogRecord, TopicPartitionOffset } from '../event-log.ts';
import { runHandlerWithRetry } from '../handler-retry.ts';
import type { AppendNotifier } from './append-notifier.ts';
import type { LogStore } from './log-store.ts';
import { runInTransaction } from './schema.ts';

export interface SqliteConsumerContext {
  db: DatabaseSync;
  store: LogStore;
  notifier: AppendNotifier;
  logger: EventLogLogger;
  now: () => number;
}

const DEFAULT_MAX_BATCH_RECORDS = 500;
/** Poll interval while the host has a transaction open on the shared connection. */
const TRANSACTION_WAIT_MS = 2;

interface PartitionPosition {
  topic: string;
  partition: number;
  /** The next offset to hand to the handler. */
  next: number;
}

/**
 * A consumer of the embedded log. It owns every partition of its topics (one
 * consumer per group and topic in a process), reads batches in offset order,
 * commits after each handler call and sleeps until records are appended.
 */
export class SqliteConsumer implements EventLogConsumer {
  readonly groupId: string;
  readonly #context: SqliteConsumerContext;
  readonly #options: ConsumeOptions;
  readonly #maxBatch: number;
  readonly #abort = new AbortController();
  #positions: PartitionPosition[] = [];
  #positionsByPartition = new Map<string, PartitionPosition>();
  /** Rotates the partition read first, so that a busy partition cannot starve the others. */
  #firstPartition = 0;
  #loop: Promise<void> | undefined;
  readonly #onClosed: () => void;

  constructor(context: SqliteConsumerContext, options: ConsumeOptions, onClosed: () => void) {
    this.groupId = options.groupId;
    this.#context = context;
    this.#options = options;
    this.#maxBatch = options.maxBatchRecords ?? DEFAULT_MAX_BATCH_RECORDS;
    this.#onClosed = onClosed;
  }

  /** Applies the start position, loads the group's offsets and starts the read loop. */
  async start(): Promise<void> {
    await this.#waitForNoTransaction();
    const { store, db } = this.#context;
    const start = this.#options.start ?? 'committed';
    const fallback = this.#options.fallback ?? 'earliest';

    runInTransaction(db, () => {
      const reset = this.#startOffsets(start);
      store.commitOffsets(this.groupId, reset, this.#context.now());
    });

    this.#positions = [];
    this.#positionsByPartition.clear();
    for (const topic of this.#options.topics) {
      const committed = store.committedOffsets(this.groupId, topic);
      const partitions = store.requirePartitionCount(topic);
      for (let partition = 0; partition < partitions; partition++) {
        const offsets = store.partitionOffsets(topic, partition);
        const next = committed.get(partition) ?? (fallback === 'earliest' ? offsets.earliest : offsets.latest);
        const position = { topic, partition, next };
        this.#positions.push(position);
        this.#positionsByPartition.set(partitionKey(topic, partition), position);
      }
    }
    this.#loop = this.#run();
  }

  async close(): Promise<void> {
    this.#abort.abort();
    try {
      await this.#loop;
    } finally {
      this.#onClosed();
    }
  }

  /** Returns the offsets to write as committed for a start position other than 'committed'. */
  #startOffsets(start: NonNullable<ConsumeOptions['start']>): TopicPartitionOffset[] {
    const { store } = this.#context;
    if (start === 'committed') {
      return [];
    }
    if (typeof start === 'object' && 'offsets' in start) {
      return start.offsets.map((entry) => {
        const partitions = store.requirePartitionCount(entry.topic);
        if (entry.partition >= partitions) {
          throw new RangeError(`invalid start partition ${entry.partition} for topic ${entry.topic}: it has ${partitions} partitions`);
        }
        return { ...entry };
      });
    }

    const offsets: TopicPartitionOffset[] = [];
    for (const topic of this.#options.topics) {
      const partitions = store.requirePartitionCount(topic);
      for (let partition = 0; partition < partitions; partition++) {
        let offset: number;
        if (start === 'earliest') {
          offset = store.partitionOffsets(topic, partition).earliest;
        } else if (start === 'latest') {
          offset = store.partitionOffsets(topic, partition).latest;
        } else {
          offset = store.offsetForTimestamp(topic, partition, start.timestamp);
        }
        offsets.push({ topic, partition, offset });
      }
    }
    return offsets;
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      await this.#waitForNoTransaction();
      if (signal.aborted) {
        break;
      }

      const seenVersion = this.#context.notifier.version;
      const records = this.#readBatch();
      if (records.length === 0) {
        await this.#context.notifier.waitForAppend(seenVersion, signal);
        continue;
      }

      const handled = await runHandlerWithRetry(this.#options.handler, records, {
        groupId: this.groupId,
        logger: this.#context.logger,
        signal,
        onHandlerError: this.#options.onHandlerError,
      });
      if (!handled) {
        break;
      }
      await this.#commit(records);
    }
  }

  #readBatch(): LogRecord[] {
    const batch: LogRecord[] = [];
    const count = this.#positions.length;
    for (let i = 0; i < count && batch.length < this.#maxBatch; i++) {
      const position = this.#positions[(this.#firstPartition + i) % count];
      const records = this.#context.store.read(position.topic, position.partition, position.next, this.#maxBatch - batch.length);
      batch.push(...records);
    }
    this.#firstPartition = (this.#firstPartition + 1) % Math.max(count, 1);
    return batch;
  }

  /** Commits the offset after the last record of each partition in the batch, then advances the read positions. */
  async #commit(records: readonly LogRecord[]): Promise<void> {
    const next = new Map<PartitionPosition, number>();
    for (const record of records) {
      const position = this.#positionsByPartition.get(partitionKey(record.topic, record.partition));
      if (position) {
        next.set(position, record.offset + 1);
      }
    }
    const offsets = [...next].map(([position, offset]) => ({ topic: position.topic, partition: position.partition, offset }));

    await this.#waitForNoTransaction();
    if (this.#context.db.isTransaction) {
      // Closed while the host's transaction is still open: leave the batch
      // uncommitted, so the group receives it again (at-least-once).
      return;
    }
    runInTransaction(this.#context.db, () => this.#context.store.commitOffsets(this.groupId, offsets, this.#context.now()));
    for (const [position, offset] of next) {
      position.next = offset;
    }
  }

  /**
   * Waits while a transaction is open on the shared connection: reading inside
   * it would see records that may still roll back, and BEGIN would fail.
   * Only possible when the host awaits between its BEGIN and COMMIT.
   */
  async #waitForNoTransaction(): Promise<void> {
    while (this.#context.db.isTransaction && !this.#abort.signal.aborted) {
      await sleep(TRANSACTION_WAIT_MS, this.#abort.signal);
    }
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
