/**
 * The event-log interface that the embedded (SQLite) log and the Kafka log both
 * implement. It follows Kafka's model. Topics are split into partitions, and
 * keyed records are appended with per-partition offsets. Consumer groups commit
 * the next offset to read for each partition, and retention deletes old records.
 */

/** A record to append. The key decides the partition (see partitioner.ts). */
export interface ProduceRecord {
  topic: string;
  key: string;
  /** JSON text; the log stores it as given and does not parse it. */
  value: string;
  headers?: Record<string, string>;
  /** Milliseconds since the Unix epoch; defaults to the time of the produce call. */
  timestamp?: number;
}

/** A record read from the log. */
export interface LogRecord {
  topic: string;
  partition: number;
  /** Position in the partition: 0 for the first record ever appended, then +1 per record. */
  offset: number;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
}

/** Position and time of a produced record. */
export interface RecordMetadata {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  /**
   * Records older than this many milliseconds are deleted, whether or not a
   * consumer group has read them (Kafka's `retention.ms`). Omitted: kept forever.
   */
  retentionMs?: number;
  /**
   * Keep at most this many of the newest records per partition. Kafka has no such
   * topic setting, so the Kafka log enforces it itself (see `applyRetention`).
   */
  retentionMaxRecords?: number;
}

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** Offset range of a partition: `earliest` is the first retained record, `latest` the next offset to be assigned. */
export interface PartitionOffsets {
  topic: string;
  partition: number;
  earliest: number;
  latest: number;
}

/**
 * Start position of a consumer.
 * - `'committed'`: after the group's committed offsets; partitions without one
 *   start at `ConsumeOptions.fallback`.
 * - `'earliest'` / `'latest'`: the first retained record / after the last record.
 * - `{ offsets }`: the given offsets; listed partitions only, others as `'committed'`.
 * - `{ timestamp }`: the first record whose timestamp (ms since the epoch) is at
 *   or after it. A partition with no such record starts at its end.
 *
 * Every position except `'committed'` is applied by writing it as the group's
 * committed offset when the consumer starts, as Kafka's `--reset-offsets` does.
 */
export type StartPosition =
  | 'committed'
  | 'earliest'
  | 'latest'
  | { offsets: TopicPartitionOffset[] }
  | { timestamp: number };

/**
 * Processes one batch. The batch contains records of one or more partitions,
 * each partition's records in offset order. The consumer commits the batch's offsets
 * only after the returned promise resolves, so a crash before that redelivers
 * the batch (at-least-once delivery: de-duplicate by event id).
 */
export type BatchHandler = (records: readonly LogRecord[]) => Promise<void> | void;

export interface ConsumeOptions {
  groupId: string;
  topics: string[];
  handler: BatchHandler;
  /** Default `'committed'`. */
  start?: StartPosition;
  /** Start of the partitions that have no committed offset: default `'earliest'`. */
  fallback?: 'earliest' | 'latest';
  /** Upper bound on records per handler call; default 500. */
  maxBatchRecords?: number;
  /**
   * Called each time the handler throws. The consumer retries the same batch
   * after an exponential backoff (capped, with jitter) until it succeeds or the
   * consumer is closed; default: logs the error.
   */
  onHandlerError?: (error: unknown, records: readonly LogRecord[], attempt: number) => void;
}

export interface EventLogConsumer {
  readonly groupId: string;
  /** Stops fetching, waits for the handler call in progress and its commit, then leaves the group. */
  close(): Promise<void>;
}

export interface EventLog {
  readonly mode: 'embedded' | 'kafka';
  /** Creates the topics that do not exist yet; existing topics are left as they are. */
  createTopics(topics: TopicSpec[]): Promise<void>;
  /**
   * Appends the records durably and returns where each landed, in the same order.
   * Records with the same key keep their order within a call and across calls,
   * in the order the calls were made. Exception: in Kafka mode, concurrent calls
   * made before the instance has read the topic's partition count may swap.
   */
  produce(records: ProduceRecord[]): Promise<RecordMetadata[]>;
  /** Starts a consumer in a group; resolves once its start offsets are in place. */
  consume(options: ConsumeOptions): Promise<EventLogConsumer>;
  /** Returns the earliest and latest offset of every partition of the topic. */
  listOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** Returns the group's committed offset (the next offset to read) per partition; partitions without one are absent. */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, number>>;
  /** Deletes records past each topic's retention now, rather than at the next periodic check. */
  applyRetention(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The synchronous append that a caller runs inside its own SQL transaction, so
 * that state and event commit together (the transactional outbox). The embedded
 * log appends to the log itself; in Kafka mode an outbox table takes the rows
 * and a relay publishes them.
 */
export interface TransactionalEventWriter {
  appendInTransaction(records: ProduceRecord[]): void;
}

/** A sink for the log's own messages, compatible with pino's `(object, message)` call form. */
export interface EventLogLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentLogger: EventLogLogger = {
  info() {},
  warn() {},
  error() {},
};
