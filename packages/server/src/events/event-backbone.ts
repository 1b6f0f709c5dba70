// Opens the event log the hotel runs on: embedded in the hotel's SQLite file
// by default, or Apache Kafka when FUTURA_KAFKA_BROKERS is set.

import { randomUUID } from 'node:crypto';

import {
  KafkaEventLog,
  OutboxRelay,
  SqliteEventLog,
  type EventLog,
  type TopicSpec,
  type TransactionalEventWriter,
} from '@futura/eventlog';

import type { HotelConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { Database } from '../store/database.ts';
import { topics } from './event-catalogue.ts';
import type { RecordPublisher } from './hotel-events.ts';
import { OutboxBatcher } from './outbox-batcher.ts';

export interface EventBackbone {
  readonly log: EventLog;
  /** Appends inside the caller's SQL transaction. */
  readonly writer: TransactionalEventWriter;
  readonly publish: RecordPublisher;
  /** Events committed to SQL but not yet in the log (always 0 in embedded mode). */
  outboxBacklog(): number;
  /** Whether this process's outbox relay holds the lease to publish (always true in embedded mode, which has no relay). */
  publishesOutbox(): boolean;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a publish waits for others to share its commit, in milliseconds. */
export const PUBLISH_LINGER_MS = 10;

/**
 * How often the relay looks for outbox rows that did not wake it, in
 * milliseconds: rows written by another process that shares the database,
 * which only the lease holder publishes. A look is one indexed read.
 */
const OUTBOX_POLL_INTERVAL_MS = 200;

export function topicSpecs(partitions: number): TopicSpec[] {
  return Object.values(topics).map((topic) => ({
    name: topic.name,
    partitions,
    retentionMs: topic.retentionDays * DAY_MS,
  }));
}

/** Raised when the Kafka brokers cannot be reached at start-up. */
export class EventLogUnavailableError extends Error {
  override name = 'EventLogUnavailableError';
}

export async function openEventBackbone(config: HotelConfig, database: Database, log: Logger): Promise<EventBackbone> {
  return config.kafkaBrokers.length > 0 ? openKafkaBackbone(config, database, log) : openEmbeddedBackbone(config, database, log);
}

async function openEmbeddedBackbone(config: HotelConfig, database: Database, log: Logger): Promise<EventBackbone> {
  // Publishes (chat lines, presence) wait up to PUBLISH_LINGER_MS to share
  // one commit: each commit is an fsync that blocks the event loop, and with
  // thousands of users chatting, one per event-loop turn is too many.
  const eventLog = new SqliteEventLog(database, { logger: log.child({ component: 'eventlog' }), lingerMs: PUBLISH_LINGER_MS });
  await eventLog.createTopics(topicSpecs(config.eventPartitions));
  log.info({ mode: 'embedded', partitions: config.eventPartitions }, 'event log ready');

  return {
    log: eventLog,
    writer: eventLog,
    publish: (records) => eventLog.produce(records),
    outboxBacklog: () => 0,
    publishesOutbox: () => true,
    close: () => eventLog.close(),
  };
}

/**
 * Kafka mode. Start-up fails within the admin timeout when no broker answers:
 * a hotel that cannot make its durable changes durable should not open.
 * Once running, a broker outage only delays publishing: changes keep
 * committing to the outbox, and the relay catches up when the broker is back.
 */
async function openKafkaBackbone(config: HotelConfig, database: Database, log: Logger): Promise<EventBackbone> {
  const eventLog = await openKafkaLog(config, log);

  // Processes that share the database take turns through the relay's lease.
  // The lease lasts two produce timeouts, so a batch's produce call succeeds
  // or times out before the lease it started under expires. Only the holder
  // publishes, so rows written here while another process has the lease wait
  // for its poll.
  const relay = new OutboxRelay({
    db: database,
    log: eventLog,
    logger: log.child({ component: 'outbox-relay' }),
    holderId: `${config.instanceId}-${randomUUID().slice(0, 8)}`,
    instanceId: config.instanceId,
    leaseMs: 2 * config.kafkaTimeoutMs,
    pollIntervalMs: OUTBOX_POLL_INTERVAL_MS,
  });
  relay.start();
  const batcher = new OutboxBatcher(database, PUBLISH_LINGER_MS, () => relay.notify());
  log.info({ mode: 'kafka', brokers: config.kafkaBrokers, partitions: config.eventPartitions }, 'event log ready');

  return {
    log: eventLog,
    writer: relay.writer,
    publish: (records) => batcher.write(records),
    outboxBacklog: () => relay.pendingCount(),
    publishesOutbox: () => relay.holdsLease,
    async close() {
      await relay.stop();
      await eventLog.close();
    },
  };
}

/**
 * Opens the Kafka log and creates the hotel's topics. Raises
 * EventLogUnavailableError when no broker responds within the admin timeout.
 */
async function openKafkaLog(config: HotelConfig, log: Logger): Promise<KafkaEventLog> {
  const eventLog = new KafkaEventLog({
    brokers: config.kafkaBrokers,
    clientId: `futura-${config.instanceId}`,
    logger: log.child({ component: 'kafka' }),
    adminTimeoutMs: config.kafkaTimeoutMs,
    produceTimeoutMs: config.kafkaTimeoutMs,
  });

  try {
    await eventLog.createTopics(topicSpecs(config.eventPartitions));
  } catch (error) {
    await eventLog.close().catch(() => undefined);
    throw new EventLogUnavailableError(
      `Kafka at ${config.kafkaBrokers.join(',')} could not be reached within ${config.kafkaTimeoutMs} ms (${(error as Error).message}). ` +
        'Start a broker (tools/kafka/kafka.sh start) or unset FUTURA_KAFKA_BROKERS to use the embedded log.',
      { cause: error },
    );
  }
  return eventLog;
}

/**
 * Opens the event log for reading only, as the operator commands do. In
 * Kafka mode it starts no outbox relay, because a relay with the hotel's
 * FUTURA_INSTANCE_ID would take the publishing lease from the running
 * hotel. `openDatabase` is called only in embedded mode, where the log
 * lives in the hotel's database.
 */
export async function openEventLogForReading(config: HotelConfig, openDatabase: () => Database, log: Logger): Promise<{ log: EventLog; close(): Promise<void> }> {
  if (config.kafkaBrokers.length > 0) {
    const eventLog = await openKafkaLog(config, log);
    return { log: eventLog, close: () => eventLog.close() };
  }

  const database = openDatabase();
  const eventLog = new SqliteEventLog(database, { logger: log.child({ component: 'eventlog' }) });
  await eventLog.createTopics(topicSpecs(config.eventPartitions));
  return {
    log: eventLog,
    async close() {
      await eventLog.close();
      database.close();
    },
  };
}
