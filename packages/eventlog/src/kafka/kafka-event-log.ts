import {
  Admin,
  ListOffsetTimestamps,
  ProduceAcks,
  Producer,
  compatibilityPartitioner,
  findErrorBy,
  stringSerializers,
} from '@platformatic/kafka';

import {
  silentLogger,
  type ConsumeOptions,
  type EventLog,
  type EventLogConsumer,
  type EventLogLogger,
  type PartitionOffsets,
  type ProduceRecord,
  type RecordMetadata,
  type TopicPartitionOffset,
  type TopicSpec,
} from '../event-log.ts';
import { partitionForKey } from '../partitioner.ts';
import { withTimeout } from '../timeout.ts';
import { validateConsumeOptions, validateProduceRecord, validateTopicName, validateTopicSpec } from '../validation.ts';
import { KafkaConsumer } from './kafka-consumer.ts';
import { SendQueue, type OutgoingMessage } from './send-queue.ts';

export interface KafkaEventLogOptions {
  /** Bootstrap brokers as `host:port`. */
  brokers: string[];
  /** Prefix of the Kafka client ids; default `futura`. */
  clientId?: string;
  logger?: EventLogLogger;
  /**
   * Time limit of one `produce()` call, in ms; default 15,000. The client's send
   * waits while the broker is down, so without a limit a call could wait forever.
   */
  produceTimeoutMs?: number;
  /** Time limit of admin calls (topics, offsets), in ms; default 15,000. */
  adminTimeoutMs?: number;
  /** Consumer group session timeout, in ms; default 10,000 (the client's default is 60,000). */
  sessionTimeoutMs?: number;
  /** Consumer heartbeat interval, in ms; default 1,000. */
  heartbeatIntervalMs?: number;
  /** Replicas of created topics; default -1, the broker's `default.replication.factor`. */
  replicationFactor?: number;
  /** How often `retentionMaxRecords` is enforced, in ms; default 60,000. */
  retentionCheckIntervalMs?: number;
}

/** Kafka's `segment.ms` default (7 days); a topic with a shorter retention rolls segments at its retention instead. */
const DEFAULT_SEGMENT_MS = 7 * 24 * 60 * 60 * 1000;
const TOPIC_READY_TIMEOUT_MS = 15_000;
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * The event log on Apache Kafka through `@platformatic/kafka`: an idempotent
 * producer with `acks=all`, partitions chosen with Kafka's murmur2 rule,
 * consumer groups that commit explicitly after each handled batch.
 */
export class KafkaEventLog implements EventLog {
  readonly mode = 'kafka' as const;
  readonly #options: Required<Omit<KafkaEventLogOptions, 'logger'>>;
  readonly #logger: EventLogLogger;
  readonly #admin: Admin;
  readonly #producer: Producer<string, string, string, string>;
  readonly #sendQueue: SendQueue;
  readonly #partitionCounts = new Map<string, number>();
  /** Record-count limits of topics created or declared through this instance; Kafka itself has no such setting. */
  readonly #maxRecords = new Map<string, number>();
  readonly #consumers = new Set<KafkaConsumer>();
  readonly #retentionTimer: NodeJS.Timeout;
  #closed = false;

  constructor(options: KafkaEventLogOptions) {
    if (!Array.isArray(options.brokers) || options.brokers.length === 0) {
      throw new TypeError('missing Kafka brokers: expected at least one host:port, such as 127.0.0.1:9092');
    }
    this.#options = {
      brokers: options.brokers,
      clientId: options.clientId ?? 'futura',
      produceTimeoutMs: options.produceTimeoutMs ?? 15_000,
      adminTimeoutMs: options.adminTimeoutMs ?? 15_000,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 10_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
      replicationFactor: options.replicationFactor ?? -1,
      retentionCheckIntervalMs: options.retentionCheckIntervalMs ?? 60_000,
    };
    this.#logger = options.logger ?? silentLogger;
    this.#admin = new Admin({ clientId: `${this.#options.clientId}-admin`, bootstrapBrokers: this.#options.brokers });
    this.#producer = new Producer({
      clientId: `${this.#options.clientId}-producer`,
      bootstrapBrokers: this.#options.brokers,
      serializers: stringSerializers,
      idempotent: true,
      acks: ProduceAcks.ALL,
      // Every record carries an explicit partition from partitionForKey; the
      // compatibility partitioner (Kafka's murmur2 rule) is the fallback for
      // any send without one.
      partitioner: compatibilityPartitioner,
    });
    // Concurrent produce() calls share one send, bounded well below the
    // broker's default message.max.bytes (1 MiB per partition batch).
    this.#sendQueue = new SendQueue(this.#producer, {
      timeoutMs: this.#options.produceTimeoutMs,
      maxRecordsPerSend: 2_000,
      maxBytesPerSend: 512 * 1024,
    });
    this.#retentionTimer = setInterval(() => {
      this.applyRetention().catch((error: unknown) => this.#logger.error({ err: error }, 'retention failed'));
    }, this.#options.retentionCheckIntervalMs);
    this.#retentionTimer.unref();
  }

  get brokers(): readonly string[] {
    return this.#options.brokers;
  }

  async createTopics(topics: TopicSpec[]): Promise<void> {
    this.#assertOpen();
    topics.forEach(validateTopicSpec);
    for (const spec of topics) {
      await this.#createTopic(spec);
      if (spec.retentionMaxRecords !== undefined) {
        this.#maxRecords.set(spec.name, spec.retentionMaxRecords);
      }
    }
  }

  async #createTopic(spec: TopicSpec): Promise<void> {
    const retentionMs = spec.retentionMs ?? -1;
    const configs = [{ name: 'retention.ms', value: String(retentionMs) }];
    // Time retention deletes only closed segments, and a segment closes after
    // segment.ms or 1 GB. Without this, records of a quiet topic could outlive
    // a short retention by up to 7 days.
    if (spec.retentionMs !== undefined && spec.retentionMs < DEFAULT_SEGMENT_MS) {
      configs.push({ name: 'segment.ms', value: String(spec.retentionMs) });
    }

    try {
      await withTimeout(
        this.#admin.createTopics({ topics: [spec.name], partitions: spec.partitions, replicas: this.#options.replicationFactor, configs }),
        this.#options.adminTimeoutMs,
        `creating topic ${spec.name}`,
      );
      this.#logger.info({ topic: spec.name, partitions: spec.partitions, retentionMs }, 'topic created');
    } catch (error) {
      if (!findErrorBy(error as Error, 'apiId', 'TOPIC_ALREADY_EXISTS')) {
        throw error;
      }
    }

    const partitions = await this.#waitForTopic(spec.name);
    if (partitions !== spec.partitions) {
      this.#logger.warn(
        { topic: spec.name, partitions, expectedPartitions: spec.partitions },
        'topic exists with another partition count; keys map to partitions by its actual count',
      );
    }
  }

  /** Waits until every partition of a new topic has a leader, and returns the partition count. */
  async #waitForTopic(topic: string): Promise<number> {
    const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
    for (;;) {
      try {
        const metadata = await withTimeout(
          this.#admin.metadata({ topics: [topic], forceUpdate: true }),
          this.#options.adminTimeoutMs,
          `reading metadata of topic ${topic}`,
        );
        const info = metadata.topics.get(topic);
        if (info && info.partitions.every((partition) => partition.leader >= 0)) {
          this.#partitionCounts.set(topic, info.partitionsCount);
          return info.partitionsCount;
        }
      } catch (error) {
        if (Date.now() >= deadline) {
          throw error;
        }
      }
      if (Date.now() >= deadline) {
        throw new Error(`topic ${topic} has partitions without a leader ${TOPIC_READY_TIMEOUT_MS} ms after creation`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async #partitionCount(topic: string): Promise<number> {
    const cached = this.#partitionCounts.get(topic);
    if (cached !== undefined) {
      return cached;
    }
    const missing = `topic ${topic} does not exist: create it with createTopics() before producing or consuming`;
    let metadata;
    try {
      metadata = await withTimeout(this.#admin.metadata({ topics: [topic] }), this.#options.adminTimeoutMs, `reading metadata of topic ${topic}`);
    } catch (error) {
      // The client reports a missing topic as a plain error, so the topic list decides whether the topic or the broker is missing.
      const existing = await withTimeout(this.#admin.listTopics(), this.#options.adminTimeoutMs, 'listing topics');
      if (!existing.includes(topic)) {
        throw new Error(missing, { cause: error });
      }
      throw error;
    }
    const count = metadata.topics.get(topic)?.partitionsCount;
    if (count === undefined) {
      throw new Error(missing);
    }
    this.#partitionCounts.set(topic, count);
    return count;
  }

  async produce(records: ProduceRecord[]): Promise<RecordMetadata[]> {
    this.#assertOpen();
    records.forEach(validateProduceRecord);
    if (records.length === 0) {
      return [];
    }

    // Only a topic's first use awaits its metadata. Afterwards nothing here
    // awaits before enqueue, so concurrent calls reach the send queue in call order.
    for (const topic of new Set(records.map((record) => record.topic))) {
      if (!this.#partitionCounts.has(topic)) {
        await this.#partitionCount(topic);
      }
    }

    const now = Date.now();
    const messages: OutgoingMessage[] = [];
    for (const record of records) {
      messages.push({
        topic: record.topic,
        partition: partitionForKey(record.key, this.#partitionCounts.get(record.topic)!),
        key: record.key,
        value: record.value,
        headers: record.headers ?? {},
        timestamp: BigInt(record.timestamp ?? now),
      });
    }

    return this.#sendQueue.enqueue(messages);
  }

  async consume(options: ConsumeOptions): Promise<EventLogConsumer> {
    this.#assertOpen();
    validateConsumeOptions(options);
    for (const topic of options.topics) {
      await this.#partitionCount(topic);
    }
    await this.#resetGroupOffsets(options);

    const consumer = new KafkaConsumer(
      {
        brokers: this.#options.brokers,
        clientId: `${this.#options.clientId}-consumer`,
        sessionTimeoutMs: this.#options.sessionTimeoutMs,
        heartbeatIntervalMs: this.#options.heartbeatIntervalMs,
        logger: this.#logger,
      },
      options,
      () => this.#consumers.delete(consumer),
    );
    this.#consumers.add(consumer);
    try {
      await consumer.start();
    } catch (error) {
      await consumer.close();
      throw error;
    }
    return consumer;
  }

  /**
   * Writes the start position as the group's committed offsets before the
   * consumer joins, as `kafka-consumer-groups --reset-offsets` does. The
   * broker accepts this only while the group has no active member.
   */
  async #resetGroupOffsets(options: ConsumeOptions): Promise<void> {
    const start = options.start ?? 'committed';
    if (start === 'committed') {
      return;
    }

    let offsets: TopicPartitionOffset[];
    if (typeof start === 'object' && 'offsets' in start) {
      offsets = start.offsets;
    } else {
      let timestamp: bigint;
      if (start === 'earliest') {
        timestamp = ListOffsetTimestamps.EARLIEST;
      } else if (start === 'latest') {
        timestamp = ListOffsetTimestamps.LATEST;
      } else {
        timestamp = BigInt(start.timestamp);
      }
      offsets = [];
      for (const topic of options.topics) {
        offsets.push(...(await this.#offsetsAt(topic, timestamp)));
      }
    }

    const byTopic = new Map<string, { partition: number; offset: bigint }[]>();
    for (const entry of offsets) {
      const list = byTopic.get(entry.topic) ?? [];
      list.push({ partition: entry.partition, offset: BigInt(entry.offset) });
      byTopic.set(entry.topic, list);
    }
    await withTimeout(
      this.#admin.alterConsumerGroupOffsets({
        groupId: options.groupId,
        topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })),
      }),
      this.#options.adminTimeoutMs,
      `resetting offsets of group ${options.groupId}`,
    );
  }

  /**
   * Lists one offset per partition with ListOffsets: EARLIEST, LATEST, or the
   * first offset whose timestamp is at or after a time. A partition with no
   * record that recent starts at its end, as the embedded log does.
   */
  async #offsetsAt(topic: string, timestamp: bigint): Promise<TopicPartitionOffset[]> {
    const partitions = await this.#partitionCount(topic);
    const listed = await withTimeout(
      this.#admin.listOffsets({
        topics: [{ name: topic, partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({ partitionIndex, timestamp })) }],
      }),
      this.#options.adminTimeoutMs,
      `listing offsets of topic ${topic}`,
    );
    const result: TopicPartitionOffset[] = [];
    const missing: number[] = [];
    for (const entry of listed.find((item) => item.name === topic)?.partitions ?? []) {
      if (entry.offset < 0n) {
        missing.push(entry.partitionIndex);
      } else {
        result.push({ topic, partition: entry.partitionIndex, offset: Number(entry.offset) });
      }
    }
    if (missing.length > 0) {
      const ends = await this.#offsetsAt(topic, ListOffsetTimestamps.LATEST);
      result.push(...ends.filter((entry) => missing.includes(entry.partition)));
    }
    return result.sort((a, b) => a.partition - b.partition);
  }

  async listOffsets(topic: string): Promise<PartitionOffsets[]> {
    this.#assertOpen();
    validateTopicName(topic);
    const earliest = await this.#offsetsAt(topic, ListOffsetTimestamps.EARLIEST);
    const latest = await this.#offsetsAt(topic, ListOffsetTimestamps.LATEST);
    return earliest.map((entry, index) => ({ topic, partition: entry.partition, earliest: entry.offset, latest: latest[index].offset }));
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
    this.#assertOpen();
    const partitions = await this.#partitionCount(topic);
    const groups = await withTimeout(
      this.#admin.listConsumerGroupOffsets({
        groups: [{ groupId, topics: [{ name: topic, partitionIndexes: Array.from({ length: partitions }, (_, index) => index) }] }],
      }),
      this.#options.adminTimeoutMs,
      `listing committed offsets of group ${groupId}`,
    );
    const committed = new Map<number, number>();
    for (const group of groups) {
      for (const entry of group.topics.find((item) => item.name === topic)?.partitions ?? []) {
        if (entry.committedOffset >= 0n) {
          committed.set(entry.partitionIndex, Number(entry.committedOffset));
        }
      }
    }
    return committed;
  }

  /**
   * Enforces `retentionMaxRecords` with DeleteRecords. Age retention
   * (`retention.ms`) is the broker's job: it deletes closed segments at its
   * `log.retention.check.interval.ms`.
   */
  async applyRetention(): Promise<void> {
    this.#assertOpen();
    for (const [topic, maxRecords] of this.#maxRecords) {
      const cutoffs = (await this.listOffsets(topic))
        .filter((entry) => entry.latest - maxRecords > entry.earliest)
        .map((entry) => ({ partition: entry.partition, offset: BigInt(entry.latest - maxRecords) }));
      if (cutoffs.length === 0) {
        continue;
      }
      await withTimeout(
        this.#admin.deleteRecords({ topics: [{ name: topic, partitions: cutoffs }] }),
        this.#options.adminTimeoutMs,
        `deleting old records of topic ${topic}`,
      );
    }
  }

  async close(): Promise<void> {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    clearInterval(this.#retentionTimer);
    await Promise.all([...this.#consumers].map((consumer) => consumer.close()));
    // force: a send stuck on an unreachable broker must not keep close() waiting.
    const closing = await Promise.allSettled([
      withTimeout(this.#producer.close(true), CLOSE_TIMEOUT_MS, 'closing the Kafka producer'),
      withTimeout(this.#admin.close(), CLOSE_TIMEOUT_MS, 'closing the Kafka admin client'),
    ]);
    for (const result of closing) {
      if (result.status === 'rejected') {
        this.#logger.warn({ err: result.reason }, 'closing a Kafka client failed');
      }
    }
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new Error('event log is closed');
    }
  }
}
