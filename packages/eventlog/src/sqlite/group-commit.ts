import type { DatabaseSync } from 'node:sqlite';

import type { ProduceRecord, RecordMetadata } from '../event-log.ts';
import type { LogStore } from './log-store.ts';

export interface GroupCommitOptions {
  /**
   * How long the first produce call waits for others to join its commit, in
   * milliseconds. 0 commits in the next check phase of the event loop
   * (`setImmediate`), which already groups every call made in the same turn
   * and every call that arrived while the previous commit was syncing.
   */
  lingerMs: number;
  /** Upper bound on records per commit; the rest wait for the next one. */
  maxRecordsPerCommit: number;
  now: () => number;
  /** Called after each successful commit, outside the transaction. */
  onCommitted: () => void;
}

/** Counters of the group commit since the log was opened. */
export interface GroupCommitStats {
  /** produce() calls committed. */
  calls: number;
  /** Records committed by those calls. */
  records: number;
  /** Transactions (and so fsyncs) they took. */
  commits: number;
}

interface PendingProduce {
  records: readonly ProduceRecord[];
  resolve: (metadata: RecordMetadata[]) => void;
  reject: (error: unknown) => void;
}

/** How long a commit waits when the connection is inside a transaction that someone else opened. */
const BUSY_RETRY_MS = 1;

/**
 * Group commit for `produce()`: calls queue their records, and one
 * `BEGIN IMMEDIATE ... COMMIT` appends everything queued, so many calls share
 * one fsync (synchronous=FULL syncs the WAL on every commit). Calls commit in
 * the order they were made, so records of one key keep their order. A call
 * that names an unknown topic fails alone, before the commit.
 */
export class GroupCommitQueue {
  readonly #db: DatabaseSync;
  readonly #store: LogStore;
  readonly #options: GroupCommitOptions;
  #pending: PendingProduce[] = [];
  #timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  readonly stats: GroupCommitStats = { calls: 0, records: 0, commits: 0 };

  constructor(db: DatabaseSync, store: LogStore, options: GroupCommitOptions) {
    this.#db = db;
    this.#store = store;
    this.#options = options;
  }

  enqueue(records: readonly ProduceRecord[]): Promise<RecordMetadata[]> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ records, resolve, reject });
      this.#schedule(this.#options.lingerMs);
    });
  }

  /** Commits everything still queued, now; used on close. */
  flushNow(): void {
    this.#cancelTimer();
    while (this.#pending.length > 0 && !this.#db.isTransaction) {
      this.#commitBatch();
    }
    for (const entry of this.#pending.splice(0)) {
      entry.reject(new Error('event log closed while a transaction was still open on its connection; the records were not appended'));
    }
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined) {
      return;
    }
    const run = (): void => {
      this.#timer = undefined;
      this.#flush();
    };
    this.#timer = delayMs > 0 ? setTimeout(run, delayMs) : setImmediate(run);
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) {
      return;
    }
    clearTimeout(this.#timer as NodeJS.Timeout);
    clearImmediate(this.#timer as NodeJS.Immediate);
    this.#timer = undefined;
  }

  #flush(): void {
    // The host may hold a transaction open on this connection across an await;
    // BEGIN would fail inside it, so wait until it ends.
    if (this.#db.isTransaction) {
      this.#schedule(BUSY_RETRY_MS);
      return;
    }
    this.#commitBatch();
    if (this.#pending.length > 0) {
      this.#schedule(0);
    }
  }

  #commitBatch(): void {
    // Topics are never deleted, so a call naming an unknown topic can be
    // turned away before the transaction. The rest then share one append with
    // no savepoint per call, because savepoints cost more CPU than the inserts.
    const batch = this.#takeBatch().filter((entry) => this.#admit(entry));
    if (batch.length === 0) {
      return;
    }
    const records = batch.length === 1 ? batch[0].records : batch.flatMap((entry) => entry.records);
    let metadata: RecordMetadata[];

    try {
      this.#db.exec('BEGIN IMMEDIATE');
      metadata = this.#store.append(records, this.#options.now());
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) {
        this.#db.exec('ROLLBACK');
      }
      for (const entry of batch) {
        entry.reject(error);
      }
      return;
    }

    this.stats.commits++;
    this.stats.calls += batch.length;
    this.stats.records += records.length;
    this.#options.onCommitted();

    let first = 0;
    for (const entry of batch) {
      entry.resolve(metadata.slice(first, first + entry.records.length));
      first += entry.records.length;
    }
  }

  /** Rejects a call that names a topic which does not exist; returns whether the call may go into the commit. */
  #admit(entry: PendingProduce): boolean {
    try {
      for (const record of entry.records) {
        this.#store.requirePartitionCount(record.topic);
      }
      return true;
    } catch (error) {
      entry.reject(error);
      return false;
    }
  }

  #takeBatch(): PendingProduce[] {
    let records = 0;
    let count = 0;
    while (count < this.#pending.length) {
      const size = this.#pending[count].records.length;
      if (count > 0 && records + size > this.#options.maxRecordsPerCommit) {
        break;
      }
      records += size;
      count++;
    }
    return this.#pending.splice(0, count);
  }
}
