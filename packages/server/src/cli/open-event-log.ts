// Opens the hotel's event log for the command-line tools, from the same
// FUTURA_* settings the server reads.

import { existsSync } from 'node:fs';
import path from 'node:path';

import type { EventLog } from '@futura/eventlog';

import { loadConfig } from '../config/config.ts';
import { openEventLogForReading } from '../events/event-backbone.ts';
import { createLogger } from '../logging/logger.ts';
import { databaseFile, openDatabase } from '../store/database.ts';

export interface OpenedLog {
  readonly log: EventLog;
  close(): Promise<void>;
}

export async function openEventLogForTool(): Promise<OpenedLog> {
  const config = loadConfig();
  // The tools print to stdout themselves; the log's own messages go to stderr at warn and above.
  const logger = createLogger(process.env.FUTURA_LOG_LEVEL ?? 'warn', 2);

  return openEventLogForReading(
    config,
    () => {
      // Opening a missing file would create an empty hotel and report "no history" for everything.
      const file = databaseFile(config.dataDir);
      if (!existsSync(file)) {
        throw new MissingDatabaseError(
          `hotel database not found at ${path.resolve(file)}. Run the command with the FUTURA_DATA_DIR the hotel uses (default: data under the folder it was started in).`,
        );
      }
      return openDatabase(config.dataDir);
    },
    logger,
  );
}

/** Error raised when the embedded log's database is missing from FUTURA_DATA_DIR; the command exits with 66. */
export class MissingDatabaseError extends Error {
  override name = 'MissingDatabaseError';
}

/**
 * Parses a time option: an ISO 8601 date or time, milliseconds since the
 * epoch, or a span back from now such as 30m, 2h or 7d.
 */
export function parseTimeOption(name: string, value: string, now = Date.now()): number {
  const span = /^(\d+)(s|m|h|d)$/.exec(value);
  if (span !== null) {
    const unitMs = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 's' | 'm' | 'h' | 'd'];
    return now - Number(span[1]) * unitMs;
  }
  if (/^\d{10,}$/.test(value)) {
    return Number(value);
  }

  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw new UsageError(`${name} must be an ISO 8601 time (2026-12-04T18:00:00Z), milliseconds since the epoch, or a span like 30m; got "${value}".`);
  }
  return parsed;
}

/** A mistake in how a command was called; printed with the usage, exit code 64. */
export class UsageError extends Error {
  override name = 'UsageError';
}
