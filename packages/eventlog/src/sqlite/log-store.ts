import type { DatabaseSync, StatementSync } from 'node:sqlite';

import type { LogRecord, PartitionOffsets, ProduceRecord, RecordMetadata, TopicPartitionOffset, TopicSpec } from '../event-log.ts';
import { partitionForKey } from '../partitioner.ts';

interface TopicRow {
  name: string;
  partitions: number;
  retentionMs: number | null;
  retentionMaxRecords: number | null;
}

/**
 * The SQL of the embedded log over the `eventlog_*` tables. Every method is
 * synchronous; the write methods expect the caller to hold a transaction.
 */
export class LogStore {
  readonly #db: DatabaseSync;
  /** Partition counts never change once a topic exists, so they are cached. */
  readonly #partitionCounts = new Map<string, number>();
  readonly #statements: Record<
    | 'topic' | 'topics' | 'insertTopic' | 'insertPartition' | 'nextOffset' | 'setNextOffset' | 'insertRecord'
    | 'readRecords' | 'earliestOffset' | 'offsetAtOrAfter' | 'committedOffsets' | 'commitOffset' | 'deleteBelow',
    StatementSync
  >;

  constructor(db: DatabaseSync) {
    this.#db = db;
    const prepare = (sql: string): StatementSync => db.prepare(sql);
    this.#statements = {
      topic: prepare('SELECT name, partitions, retention_ms AS retentionMs, retention_max_records AS retentionMaxRecords FROM eventlog_topics WHERE name = ?'),
      topics: prepare('SELECT name, partitions, retention_ms AS retentionMs, retention_max_records AS retentionMaxRecords FROM eventlog_topics ORDER BY name'),
      insertTopic: prepare(
        'INSERT INTO eventlog_topics (name, partitions, retention_ms, retention_max_records, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
      ),
      insertPartition: prepare('INSERT INTO eventlog_partitions (topic, partition_index, next_offset) VALUES (?, ?, 0)'),
      nextOffset: prepare('SELECT next_offset AS nextOffset FROM eventlog_partitions WHERE topic = ? AND partition_index = ?'),
      setNextOffset: prepare('UPDATE eventlog_partitions SET next_offset = ? WHERE topic = ? AND partition_index = ?'),
      insertRecord: prepare(
        'INSERT INTO eventlog_records (topic, partition_index, record_offset, key, value, headers, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      readRecords: prepare(
        `SELECT record_offset AS offset, key, value, headers, timestamp FROM eventlog_records
         WHERE topic = ? AND partition_index = ? AND record_offset >= ? ORDER BY record_offset LIMIT ?`,
      ),
      earliestOffset: prepare('SELECT MIN(record_offset) AS offset FROM eventlog_records WHERE topic = ? AND partition_index = ?'),
      // Walks the primary key in offset order and stops at the first match, so
      // the cost grows with the number of older records, which retention bounds.
      offsetAtOrAfter: prepare(
        `SELECT record_offset AS offset FROM eventlog_records
         WHERE topic = ? AND partition_index = ? AND timestamp >= ? ORDER BY record_offset LIMIT 1`,
      ),
      committedOffsets: prepare(
        'SELECT partition_index AS partition, committed_offset AS offset FROM eventlog_group_offsets WHERE group_id = ? AND topic = ?',
      ),
      commitOffset: prepare(
        `INSERT INTO eventlog_group_offsets (group_id, topic, partition_index, committed_offset, committed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (group_id, topic, partition_index) DO UPDATE SET committed_offset = excluded.committed_offset, committed_at = excluded.committed_at`,
      ),
      deleteBelow: prepare('DELETE FROM eventlog_records WHERE topic = ? AND partition_index = ? AND record_offset < ?'),
    };
  }

  /** Returns the topic's partition count, or undefined when the topic does not exist. */
  partitionCount(topic: string): number | undefined {
    const cached = this.#partitionCounts.get(topic);
    if (cached !== undefined) {
      return cached;
    }
    const row = this.#statements.topic.get(topic) as TopicRow | undefined;
    if (row) {
      this.#partitionCounts.set(topic, row.partitions);
    }
    return row?.partitions;
  }

  requirePartitionCount(topic: string): number {
    const count = this.partitionCount(topic);
    if (count === undefined) {
      throw new Error(`topic ${topic} does not exist: create it with createTopics() before producing or consuming`);
    }
    return count;
  }

  topics(): TopicRow[] {
    return this.#statements.topics.all() as unknown as TopicRow[];
  }

  /** Creates the topic and its partitions; returns false when it already existed. Needs a transaction. */
  createTopic(spec: TopicSpec, now: number): boolean {
    const result = this.#statements.insertTopic.run(spec.name, spec.partitions, spec.retentionMs ?? null, spec.retentionMaxRecords ?? null, now);
    if (result.changes === 0) {
      return false;
    }
    for (let partition = 0; partition < spec.partitions; partition++) {
      this.#statements.insertPartition.run(spec.name, partition);
    }
    return true;
  }

  /**
   * Appends records, assigning each the next offset of its key's partition.
   * Needs a transaction: the offsets are read and advanced inside it, so a
   * rollback leaves no gap.
   */
  append(records: readonly ProduceRecord[], now: number): RecordMetadata[] {
    const nextOffsets = new Map<string, { topic: string; partition: number; next: number }>();
    const metadata: RecordMetadata[] = [];

    for (const record of records) {
      const partition = partitionForKey(record.key, this.requirePartitionCount(record.topic));
      const slot = `${record.topic}\u0000${partition}`;
      let position = nextOffsets.get(slot);
      if (!position) {
        const row = this.#statements.nextOffset.get(record.topic, partition) as { nextOffset: number };
        position = { topic: record.topic, partition, next: row.nextOffset };
        nextOffsets.set(slot, position);
      }

      const offset = position.next++;
      const timestamp = record.timestamp ?? now;
      this.#statements.insertRecord.run(record.topic, partition, offset, record.key, record.value, JSON.stringify(record.headers ?? {}), timestamp);
      metadata.push({ topic: record.topic, partition, offset, timestamp });
    }

    for (const position of nextOffsets.values()) {
      this.#statements.setNextOffset.run(position.next, position.topic, position.partition);
    }
    return metadata;
  }

  /** Reads up to `limit` records of one partition from `fromOffset` on, in offset order. */
  read(topic: string, partition: number, fromOffset: number, limit: number): LogRecord[] {
    const rows = this.#statements.readRecords.all(topic, partition, fromOffset, limit) as unknown as {
      offset: number;
      key: string;
      value: string;
      headers: string;
      timestamp: number;
    }[];
    return rows.map((row) => ({
      topic,
      partition,
      offset: row.offset,
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
      timestamp: row.timestamp,
    }));
  }

  partitionOffsets(topic: string, partition: number): PartitionOffsets {
    const latest = (this.#statements.nextOffset.get(topic, partition) as { nextOffset: number }).nextOffset;
    const earliestRow = this.#statements.earliestOffset.get(topic, partition) as { offset: number | null };
    return { topic, partition, earliest: earliestRow.offset ?? latest, latest };
  }

  /** Returns the first offset whose timestamp is at or after `timestamp`, or the partition's end when none is. */
  offsetForTimestamp(topic: string, partition: number, timestamp: number): number {
    const row = this.#statements.offsetAtOrAfter.get(topic, partition, timestamp) as { offset: number } | undefined;
    return row?.offset ?? this.partitionOffsets(topic, partition).latest;
  }

  committedOffsets(groupId: string, topic: string): Map<number, number> {
    const rows = this.#statements.committedOffsets.all(groupId, topic) as unknown as { partition: number; offset: number }[];
    return new Map(rows.map((row) => [row.partition, row.offset]));
  }

  /** Stores the group's next offsets to read. Needs a transaction when more than one offset is committed. */
  commitOffsets(groupId: string, offsets: readonly TopicPartitionOffset[], now: number): void {
    for (const entry of offsets) {
      this.#statements.commitOffset.run(groupId, entry.topic, entry.partition, entry.offset, now);
    }
  }

  /**
   * Deletes each partition's oldest records past the topic's retention and
   * returns how many were deleted. As in Kafka, only a prefix of the partition
   * is deleted (the log start moves forward, no holes appear), and committed
   * group offsets do not protect records. Needs a transaction.
   */
  deleteExpired(now: number): number {
    let deleted = 0;
    for (const topic of this.topics()) {
      if (topic.retentionMs === null && topic.retentionMaxRecords === null) {
        continue;
      }
      for (let partition = 0; partition < topic.partitions; partition++) {
        const { latest } = this.partitionOffsets(topic.name, partition);
        let keepFrom = 0;
        if (topic.retentionMs !== null) {
          keepFrom = Math.max(keepFrom, this.offsetForTimestamp(topic.name, partition, now - topic.retentionMs));
        }
        if (topic.retentionMaxRecords !== null) {
          keepFrom = Math.max(keepFrom, latest - topic.retentionMaxRecords);
        }
        if (keepFrom > 0) {
          deleted += Number(this.#statements.deleteBelow.run(topic.name, partition, keepFrom).changes);
        }
      }
    }
    return deleted;
  }
}
