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
 * the order they were made, so records of one key keep their order. Each
 * call's records run in a savepoint: one call that fails (an unknown topic)
 * does not fail the others.
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
    const batch = this.#takeBatch();
    const results: (RecordMetadata[] | { error: unknown })[] = [];
    const now = this.#options.now();

    try {
      this.#db.exec('BEGIN IMMEDIATE');
      for (const entry of batch) {
        this.#db.exec('SAVEPOINT eventlog_produce');
        try {
          results.push(this.#store.append(entry.records, now));
          this.#db.exec('RELEASE eventlog_produce');
        } catch (error) {
          this.#db.exec('ROLLBACK TO eventlog_produce');
          this.#db.exec('RELEASE eventlog_produce');
          results.push({ error });
        }
      }
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
    for (const [index, entry] of batch.entries()) {
      if (Array.isArray(results[index])) {
        this.stats.calls++;
        this.stats.records += entry.records.length;
      }
    }
    this.#options.onCommitted();
    batch.forEach((entry, index) => {
      const result = results[index];
      if (Array.isArray(result)) {
        entry.resolve(result);
      } else {
        entry.reject(result.error);
      }
    });
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
