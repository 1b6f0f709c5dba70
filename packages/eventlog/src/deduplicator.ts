import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { migrateEventLogSchema, runInTransaction } from './sqlite/schema.ts';

/**
 * Turns at-least-once delivery into effectively-once processing for one
 * consumer group. The ids of processed events are stored in the consumer's own
 * SQLite database, in the same transaction as the consumer's effects. So an
 * event delivered twice (a retried publish, a batch redelivered after a crash)
 * changes state once.
 */
export class Deduplicator {
  readonly groupId: string;
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #insert: StatementSync;
  readonly #select: StatementSync;
  readonly #prune: StatementSync;

  constructor(db: DatabaseSync, groupId: string, options: { now?: () => number } = {}) {
    if (groupId.length === 0) {
      throw new TypeError('invalid groupId: expected a non-empty string');
    }
    migrateEventLogSchema(db);
    this.groupId = groupId;
    this.#db = db;
    this.#now = options.now ?? Date.now;
    this.#insert = db.prepare('INSERT OR IGNORE INTO eventlog_processed_events (group_id, event_id, processed_at) VALUES (?, ?, ?)');
    this.#select = db.prepare('SELECT 1 AS found FROM eventlog_processed_events WHERE group_id = ? AND event_id = ?');
    this.#prune = db.prepare('DELETE FROM eventlog_processed_events WHERE group_id = ? AND processed_at < ?');
  }

  /**
   * Records the event id as processed and returns true, or returns false when
   * it already was. Call it inside the transaction that applies the event's
   * effects and apply them only on true, so that id and effects commit together.
   */
  markProcessed(eventId: string): boolean {
    if (!this.#db.isTransaction) {
      throw new Error('markProcessed needs an open transaction: call it between BEGIN and COMMIT, together with the effects');
    }
    return this.#insert.run(this.groupId, eventId, this.#now()).changes === 1;
  }

  isProcessed(eventId: string): boolean {
    return this.#select.get(this.groupId, eventId) !== undefined;
  }

  /**
   * Runs `effects` in a new transaction unless the event was processed before,
   * and returns whether they ran. `effects` must be synchronous (node:sqlite
   * transactions cannot span an await).
   */
  processOnce(eventId: string, effects: () => void): boolean {
    return runInTransaction(this.#db, () => {
      if (!this.markProcessed(eventId)) {
        return false;
      }
      effects();
      return true;
    });
  }

  /**
   * Deletes ids processed more than `maxAgeMs` ago and returns how many. Keep
   * ids longer than an event can be redelivered (the log's retention), or an
   * old duplicate would be processed again.
   */
  prune(maxAgeMs: number): number {
    return Number(this.#prune.run(this.groupId, this.#now() - maxAgeMs).changes);
  }
}
