// Opens the event log the hotel runs on: embedded in the hotel's SQLite file
// by default, or Apache Kafka when FUTURA_KAFKA_BROKERS is set.

import { SqliteEventLog, type EventLog, type TopicSpec, type TransactionalEventWriter } from '@futura/eventlog';

import type { HotelConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { Database } from '../store/database.ts';
import { topics } from './event-catalogue.ts';
import type { RecordPublisher } from './hotel-events.ts';

export interface EventBackbone {
  readonly log: EventLog;
  /** Appends inside the caller's SQL transaction. */
  readonly writer: TransactionalEventWriter;
  readonly publish: RecordPublisher;
  /** Events committed to SQL but not yet in the log (always 0 in embedded mode). */
  outboxBacklog(): number;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function topicSpecs(partitions: number): TopicSpec[] {
  return Object.values(topics).map((topic) => ({
    name: topic.name,
    partitions,
    retentionMs: topic.retentionDays * DAY_MS,
  }));
}

export async function openEventBackbone(config: HotelConfig, database: Database, log: Logger): Promise<EventBackbone> {
  const eventLog = new SqliteEventLog(database, { logger: log.child({ component: 'eventlog' }) });
  await eventLog.createTopics(topicSpecs(config.eventPartitions));
  log.info({ mode: 'embedded', partitions: config.eventPartitions }, 'event log ready');

  return {
    log: eventLog,
    writer: eventLog,
    publish: (records) => eventLog.produce(records),
    outboxBacklog: () => 0,
    close: () => eventLog.close(),
  };
}
