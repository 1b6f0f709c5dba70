// The per-room chat history: a consumer of futura.chat-messages that writes
// every line into room_chat_log. It commits its offsets only after the lines
// are stored. The event id is the table's primary key, so a redelivered
// batch changes nothing and needs no separate record of processed events.

import type { StatementSync } from 'node:sqlite';

import { parseCloudEvent, type LogRecord } from '@futura/eventlog';

import type { EventData } from '../events/event-catalogue.ts';
import type { Logger } from '../logging/logger.ts';
import { inTransaction, type Database } from '../store/database.ts';

/** Pause between chat log batches, in milliseconds: the history may lag the bubbles by this much. */
export const CHAT_LOG_PACE_MS = 200;

/**
 * The chat log's consumer group. It is per hotel instance because the chat
 * log lives in each instance's own SQLite file: a group shared by two
 * instances would split the lines between their files. Instances that share
 * one database would share one group.
 */
export function chatLogGroup(instanceId: string): string {
  return `futura-chat-log-${instanceId}`;
}

export interface ChatLogLine {
  readonly roomId: number;
  readonly userId: number;
  readonly name: string;
  readonly kind: string;
  readonly text: string;
  readonly saidAt: number;
}

export class ChatLog {
  private readonly database: Database;
  private readonly insert: StatementSync;
  private readonly selectRoom: StatementSync;
  private readonly log: Logger;

  readonly groupId: string;

  constructor(database: Database, groupId: string, log: Logger) {
    this.database = database;
    this.log = log;
    this.groupId = groupId;
    this.insert = database.prepare(
      'INSERT OR IGNORE INTO room_chat_log (event_id, room_id, user_id, name, kind, text, said_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectRoom = database.prepare(
      'SELECT room_id, user_id, name, kind, text, said_at FROM room_chat_log WHERE room_id = ? AND said_at >= ? AND said_at <= ? ORDER BY said_at, rowid LIMIT ?',
    );
  }

  /**
   * Stores one batch of chat events in one transaction, then pauses for
   * CHAT_LOG_PACE_MS before the consumer fetches the next batch, so lines
   * arriving meanwhile share the next commit. Without the pause every line
   * would cost a commit of its own: the consumer is woken on each append.
   */
  async storePaced(records: readonly LogRecord[]): Promise<void> {
    this.store(records);
    await new Promise((resolve) => setTimeout(resolve, CHAT_LOG_PACE_MS));
  }

  /** Stores one batch of chat events in one transaction. */
  store(records: readonly LogRecord[]): void {
    inTransaction(this.database, () => {
      for (const record of records) {
        let event;
        try {
          event = parseCloudEvent<EventData<'futura.chat.message'>>(record.value);
        } catch (error) {
          this.log.error({ err: error, partition: record.partition, offset: record.offset }, 'unreadable chat event skipped');
          continue;
        }
        const line = event.data;
        this.insert.run(event.id, line.roomId, line.userId, line.name, line.kind, line.text, Date.parse(event.time));
      }
    });
  }

  /** Returns the chat lines of a room between two times (milliseconds since the epoch), oldest first. */
  lines(roomId: number, fromMs = 0, toMs = Number.MAX_SAFE_INTEGER, limit = 1000): ChatLogLine[] {
    return this.selectRoom.all(roomId, fromMs, toMs, limit).map((row) => ({
      roomId: Number(row.room_id),
      userId: Number(row.user_id),
      name: String(row.name),
      kind: String(row.kind),
      text: String(row.text),
      saidAt: Number(row.said_at),
    }));
  }
}
