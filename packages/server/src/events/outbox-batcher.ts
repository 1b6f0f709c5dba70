// Writes events that have no transaction of their own (chat lines, presence)
// to the outbox, batching the calls of a short linger into a single
// transaction so a busy hotel pays one commit per linger, not one per event.

import { writeOutbox, type ProduceRecord } from '@futura/eventlog';

import { inTransaction, type Database } from '../store/database.ts';

interface PendingWrite {
  readonly records: ProduceRecord[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class OutboxBatcher {
  private readonly database: Database;
  private readonly afterCommit: () => void;
  private readonly lingerMs: number;
  private pending: PendingWrite[] = [];

  constructor(database: Database, lingerMs: number, afterCommit: () => void) {
    this.database = database;
    this.lingerMs = lingerMs;
    this.afterCommit = afterCommit;
  }

  /** Resolves once the records are committed to the outbox. */
  write(records: ProduceRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) {
        setTimeout(() => this.flush(), this.lingerMs);
      }
      this.pending.push({ records, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];

    try {
      inTransaction(this.database, () => {
        for (const write of batch) {
          writeOutbox(this.database, write.records);
        }
      });
    } catch (error) {
      for (const write of batch) {
        write.reject(error);
      }
      return;
    }

    for (const write of batch) {
      write.resolve();
    }
    this.afterCommit();
  }
}
