import type { DatabaseSync } from 'node:sqlite';

/**
 * The event-log tables, created in the host application's SQLite database with
 * an `eventlog_` prefix. Each migration runs once, in order, recorded in
 * `eventlog_schema_migrations`; never edit a released migration, add a new one.
 */
const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'log_tables',
    sql: `
      CREATE TABLE eventlog_topics (
        name TEXT PRIMARY KEY,
        partitions INTEGER NOT NULL CHECK (partitions >= 1),
        retention_ms INTEGER,
        retention_max_records INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;

      -- next_offset survives retention, so offsets never restart at 0 after old records are deleted.
      CREATE TABLE eventlog_partitions (
        topic TEXT NOT NULL REFERENCES eventlog_topics (name),
        partition_index INTEGER NOT NULL,
        next_offset INTEGER NOT NULL,
        PRIMARY KEY (topic, partition_index)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE eventlog_records (
        topic TEXT NOT NULL,
        partition_index INTEGER NOT NULL,
        record_offset INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        headers TEXT NOT NULL, -- JSON object of string values
        timestamp INTEGER NOT NULL, -- ms since the Unix epoch
        PRIMARY KEY (topic, partition_index, record_offset)
      ) STRICT;

      -- committed_offset is the next offset the group reads, as in Kafka.
      CREATE TABLE eventlog_group_offsets (
        group_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        partition_index INTEGER NOT NULL,
        committed_offset INTEGER NOT NULL,
        committed_at INTEGER NOT NULL,
        PRIMARY KEY (group_id, topic, partition_index)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'outbox_and_processed_events',
    sql: `
      -- Kafka mode: events written in the caller's transaction, published by the relay in id order.
      CREATE TABLE eventlog_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        topic TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        headers TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        published_at INTEGER
      ) STRICT;
      CREATE INDEX eventlog_outbox_unpublished ON eventlog_outbox (id) WHERE published_at IS NULL;

      -- Event ids a consumer group has processed, written in the same transaction as its effects.
      CREATE TABLE eventlog_processed_events (
        group_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        processed_at INTEGER NOT NULL,
        PRIMARY KEY (group_id, event_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX eventlog_processed_events_age ON eventlog_processed_events (processed_at);
    `,
  },
  {
    version: 3,
    name: 'outbox_lease',
    sql: `
      -- Kafka mode: the one relay that may publish the outbox, until expires_at (ms since the epoch).
      -- A single row. Another relay takes it over once expires_at has passed, or at once when it
      -- starts as a later run of the holder's instance.
      CREATE TABLE eventlog_outbox_lease (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        holder TEXT NOT NULL,
        holder_instance TEXT,
        acquired_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];

/** Creates or upgrades the event-log tables. Must not run inside an open transaction. */
export function migrateEventLogSchema(db: DatabaseSync): void {
  db.exec(`CREATE TABLE IF NOT EXISTS eventlog_schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);

  const applied = new Set(db.prepare('SELECT version FROM eventlog_schema_migrations').all().map((row) => Number(row.version)));
  for (const migration of migrations) {
    if (applied.has(migration.version)) {
      continue;
    }
    runInTransaction(db, () => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO eventlog_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    });
  }
}

/**
 * Runs `work` inside BEGIN IMMEDIATE ... COMMIT and rolls back if it throws.
 * IMMEDIATE takes the write lock at BEGIN, so a second writing connection waits
 * there (busy_timeout) instead of failing with SQLITE_BUSY at its first write.
 */
export function runInTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) {
      db.exec('ROLLBACK');
    }
    throw error;
  }
}
