export type {
  BatchHandler,
  ConsumeOptions,
  EventLog,
  EventLogConsumer,
  EventLogLogger,
  LogRecord,
  PartitionOffsets,
  ProduceRecord,
  RecordMetadata,
  StartPosition,
  TopicPartitionOffset,
  TopicSpec,
  TransactionalEventWriter,
} from './event-log.ts';
export { silentLogger } from './event-log.ts';
export { murmur2, partitionForKey, toPositive } from './partitioner.ts';
export { SqliteEventLog, type SqliteEventLogOptions } from './sqlite/sqlite-event-log.ts';
export { migrateEventLogSchema, runInTransaction } from './sqlite/schema.ts';
export { Deduplicator } from './deduplicator.ts';
export {
  CLOUD_EVENT_CONTENT_TYPE,
  InvalidCloudEventError,
  cloudEventRecord,
  createCloudEvent,
  parseCloudEvent,
  type CloudEvent,
  type CloudEventInput,
} from './cloud-event.ts';
export { backoffDelay, type BackoffOptions } from './backoff.ts';
export { KafkaEventLog, type KafkaEventLogOptions } from './kafka/kafka-event-log.ts';
export { OutboxRelay, writeOutbox, type OutboxRelayOptions } from './outbox-relay.ts';
export { EventLogTimeoutError } from './timeout.ts';
