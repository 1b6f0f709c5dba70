import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import { silentLogger, type EventLog, type EventLogLogger, type ProduceRecord, type TransactionalEventWriter } from './event-log.ts';
import { OutboxLease } from './outbox-lease.ts';
import { migrateEventLogSchema, runInTransaction } from './sqlite/schema.ts';
import { validateProduceRecord } from './validation.ts';

const outboxInserts = new WeakMap<DatabaseSync, StatementSync>();

/**
 * Writes records to the outbox table inside the caller's open transaction, so
 * that they commit (or roll back) with the caller's state change. Synchronous.
 * The table must exist: `migrateEventLogSchema(db)` or an OutboxRelay creates it.
 */
export function writeOutbox(db: DatabaseSync, records: readonly ProduceRecord[], now: number = Date.now()): void {
  if (!db.isTransaction) {
    throw new Error('writeOutbox needs an open transaction: call it between BEGIN and COMMIT, together with the state change');
  }
  let insert = outboxInserts.get(db);
  if (!insert) {
    insert = db.prepare('INSERT INTO eventlog_outbox (topic, key, value, headers, created_at) VALUES (?, ?, ?, ?, ?)');
    outboxInserts.set(db, insert);
  }
  for (const record of records) {
    validateProduceRecord(record);
    insert.run(record.topic, record.key, record.value, JSON.stringify(record.headers ?? {}), record.timestamp ?? now);
  }
}

export interface OutboxRelayOptions {
  /** The database that contains the outbox table (the host's own). */
  db: DatabaseSync;
  /** Destination log of the outbox rows, in practice a KafkaEventLog. */
  log: EventLog;
  logger?: EventLogLogger;
  /** Rows per produce call; default 500. */
  batchSize?: number;
  /**
   * How often the relay looks for rows when nothing woke it, in ms; default 1,000.
   * Rows written through `relay.writer` wake it at once; the poll catches rows
   * written by `writeOutbox` directly or by another process.
   */
  pollIntervalMs?: number;
  /** Retry delays while publishing fails; default 100 ms doubling up to 10 s, with jitter. */
  backoff?: BackoffOptions;
  /** Published rows are deleted after this many ms; default 24 hours. */
  publishedRetentionMs?: number;
  /**
   * Name of this relay in the publishing lease and in logs; default: a random
   * UUID. Relays that share a database need different ids, and so do two
   * starts of one process.
   */
  holderId?: string;
  /**
   * Name of the process that stays the same across its restarts and is not
   * shared by two running processes. A relay started with it replaces the
   * lease of an earlier run of its instance at once, so a restart after a
   * crash does not wait for that lease to expire. Default: none.
   */
  instanceId?: string;
  /**
   * How long the publishing lease lasts without renewal, in ms; default 30,000.
   * Another relay takes over within 1⅓ of this after the holder died or
   * stalled. Keep it above 1.5 times the log's produce timeout, so that a
   * batch ends before the lease it started under can expire.
   */
  leaseMs?: number;
  now?: () => number;
}

interface OutboxRow {
  id: number;
  topic: string;
  key: string;
  value: string;
  headers: string;
  createdAt: number;
}

const TRANSACTION_WAIT_MS = 2;
const CLEANUP_INTERVAL_MS = 60_000;

/**
 * Publishes the outbox to the event log in id order. Ids follow commit order
 * within one database, so records of one key reach the log in the order their
 * transactions wrote them. Each batch is produced and acknowledged before its
 * rows are marked published (in one transaction) and before the next batch is
 * sent. While publishing fails (broker down), the same batch is retried with
 * capped exponential backoff, so nothing is skipped.
 *
 * Processes that share the database each run a relay, and only the holder of
 * the publishing lease (see OutboxLease) publishes while the others wait to
 * take over. Two relays publishing at once would send every row twice and mix
 * the order of a key's records.
 *
 * Delivery is at-least-once: a send that timed out may still land, a crash
 * between the acknowledgement and the marking transaction publishes the batch
 * again, and so does the relay that takes over from one that died or stalled.
 * Consumers de-duplicate by event id (see Deduplicator).
 */
export class OutboxRelay {
  readonly #db: DatabaseSync;
  readonly #log: EventLog;
  readonly #logger: EventLogLogger;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  readonly #backoff: BackoffOptions;
  readonly #publishedRetentionMs: number;
  readonly #now: () => number;
  readonly #selectBatch: StatementSync;
  readonly #markPublished: StatementSync;
  readonly #countPending: StatementSync;
  readonly #deletePublished: StatementSync;
  readonly #lease: OutboxLease;
  readonly #abort = new AbortController();
  #wake: (() => void) | undefined;
  #wakeRequested = false;
  #loop: Promise<void> | undefined;
  #idleWaiters: (() => void)[] = [];
  #lastCleanup = 0;

  /** Writes to this relay's outbox in the caller's transaction and wakes the relay after the caller's turn. */
  readonly writer: TransactionalEventWriter;

  constructor(options: OutboxRelayOptions) {
    this.#db = options.db;
    this.#log = options.log;
    this.#logger = options.logger ?? silentLogger;
    this.#batchSize = options.batchSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#backoff = options.backoff ?? { initialMs: 100, maxMs: 10_000 };
    this.#publishedRetentionMs = options.publishedRetentionMs ?? 24 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;

    migrateEventLogSchema(this.#db);
    this.#lease = new OutboxLease({
      db: this.#db,
      holderId: options.holderId ?? randomUUID(),
      instanceId: options.instanceId,
      leaseMs: options.leaseMs ?? 30_000,
      logger: this.#logger,
      now: this.#now,
    });
    this.#selectBatch = this.#db.prepare(
      'SELECT id, topic, key, value, headers, created_at AS createdAt FROM eventlog_outbox WHERE published_at IS NULL ORDER BY id LIMIT ?',
    );
    this.#markPublished = this.#db.prepare('UPDATE eventlog_outbox SET published_at = ? WHERE id = ?');
    this.#countPending = this.#db.prepare('SELECT COUNT(*) AS pending FROM eventlog_outbox WHERE published_at IS NULL');
    this.#deletePublished = this.#db.prepare('DELETE FROM eventlog_outbox WHERE published_at IS NOT NULL AND published_at < ?');

    this.writer = {
      appendInTransaction: (records: ProduceRecord[]): void => {
        writeOutbox(this.#db, records, this.#now());
        setImmediate(() => this.notify());
      },
    };
  }

  /** Starts publishing in the background. */
  start(): void {
    if (this.#loop) {
      return;
    }
    this.#logger.info({ pending: this.pendingCount(), holder: this.holderId }, 'outbox relay started');
    this.#loop = this.#run();
  }

  /** Wakes the relay now; call it after committing rows written with `writeOutbox`. */
  notify(): void {
    this.#wakeRequested = true;
    this.#wake?.();
  }

  /** Id of this relay in the publishing lease. */
  get holderId(): string {
    return this.#lease.holderId;
  }

  /** Whether this relay holds the publishing lease, and so is the one that publishes. */
  get holdsLease(): boolean {
    return this.#lease.held;
  }

  pendingCount(): number {
    return Number((this.#countPending.get() as { pending: number }).pending);
  }

  /** Resolves once no unpublished row is left, or rejects after `timeoutMs`. */
  async waitUntilIdle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pendingCount() > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`outbox relay still has ${this.pendingCount()} unpublished rows after ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 100));
        this.#idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Stops after the batch in flight is published or its attempt fails, and
   * releases the lease so that another relay takes over without waiting for
   * it to expire. Unpublished rows stay for the next holder.
   */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;

    while (this.#db.isTransaction) {
      await sleep(TRANSACTION_WAIT_MS);
    }
    this.#lease.release();
    this.#logger.info({ pending: this.pendingCount(), holder: this.holderId }, 'outbox relay stopped');
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let failures = 0;
    let retryAt = 0;
    while (!signal.aborted) {
      if (this.#db.isTransaction) {
        await sleep(TRANSACTION_WAIT_MS, signal);
        continue;
      }

      this.#wakeRequested = false;

      // The lease is checked before every batch, and every wait below ends
      // in time for its renewal: a relay that stalled past its lease finds
      // it taken here and publishes nothing more.
      this.#lease.maintain();
      if (!this.#lease.mayStartBatch()) {
        await this.#waitForWork(signal, this.#lease.msUntilDue());
        continue;
      }

      const untilRetry = retryAt - Date.now();
      if (untilRetry > 0) {
        await sleep(Math.min(untilRetry, this.#lease.msUntilDue()), signal);
        continue;
      }

      const rows = this.#selectBatch.all(this.#batchSize) as unknown as OutboxRow[];
      if (rows.length === 0) {
        this.#notifyIdle();
        this.#cleanUp();
        await this.#waitForWork(signal, Math.min(this.#pollIntervalMs, this.#lease.msUntilDue()));
        continue;
      }

      try {
        await this.#publish(rows);
        if (failures > 0) {
          this.#logger.info({ failedAttempts: failures, firstId: rows[0].id }, 'outbox publishing recovered');
        }
        failures = 0;
        retryAt = 0;
      } catch (error) {
        failures++;
        const delayMs = backoffDelay(failures, this.#backoff);
        this.#logger.warn(
          { err: error, attempt: failures, delayMs, firstId: rows[0].id, rows: rows.length },
          'outbox publishing failed; retrying the same rows',
        );
        retryAt = Date.now() + delayMs;
      }
    }
  }

  async #publish(rows: readonly OutboxRow[]): Promise<void> {
    const records = rows.map((row) => ({
      topic: row.topic,
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
      timestamp: row.createdAt,
    }));
    await this.#log.produce(records);

    while (this.#db.isTransaction) {
      await sleep(TRANSACTION_WAIT_MS);
    }
    const publishedAt = this.#now();
    runInTransaction(this.#db, () => {
      for (const row of rows) {
        this.#markPublished.run(publishedAt, row.id);
      }
    });
  }

  /** Waits for `notify`, for `timeoutMs` or for the stop, whichever comes first. */
  #waitForWork(signal: AbortSignal, timeoutMs: number): Promise<void> {
    if (this.#wakeRequested || signal.aborted) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      this.#wake = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.#wake = undefined;
    });
  }

  #notifyIdle(): void {
    for (const resolve of this.#idleWaiters.splice(0)) {
      resolve();
    }
  }

  #cleanUp(): void {
    const now = this.#now();
    if (now - this.#lastCleanup < CLEANUP_INTERVAL_MS || this.#db.isTransaction) {
      return;
    }
    this.#lastCleanup = now;
    const deleted = Number(this.#deletePublished.run(now - this.#publishedRetentionMs).changes);
    if (deleted > 0) {
      this.#logger.info({ deleted }, 'outbox published rows deleted');
    }
  }
}
