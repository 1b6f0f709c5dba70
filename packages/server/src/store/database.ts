// The hotel's SQLite file: opened with WAL and synchronous=FULL so a commit
// survives a crash, and migrated in order from the numbered files beside it.

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { runInTransaction } from '@futura/eventlog';

const migrationsDir = path.join(import.meta.dirname, 'migrations');

export type Database = DatabaseSync;

/** Returns the path of the hotel's SQLite file under dataDir. */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'futura.db');
}

/** Opens (creating if needed) the database under dataDir and applies pending migrations. */
export function openDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const database = new DatabaseSync(databaseFile(dataDir));

  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = FULL');
  database.exec('PRAGMA foreign_keys = ON');
  database.exec('PRAGMA busy_timeout = 5000');

  migrate(database);
  return database;
}

function migrate(database: Database): void {
  database.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const applied = new Set(
    database.prepare('SELECT version FROM schema_migrations').all().map((row) => Number(row.version)),
  );

  const files = readdirSync(migrationsDir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort();

  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (applied.has(version)) {
      continue;
    }

    const sql = readFileSync(path.join(migrationsDir, file), 'utf8');
    inTransaction(database, () => {
      database.exec(sql);
      database.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, file, Date.now());
    });
  }
}

/**
 * Runs work inside BEGIN IMMEDIATE ... COMMIT, rolling back if it throws.
 * The event log's helper is used so that domain state and events share one
 * definition of a transaction.
 */
export const inTransaction: <T>(database: Database, work: () => T) => T = runInTransaction;
