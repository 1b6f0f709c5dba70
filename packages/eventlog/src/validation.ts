import type { ConsumeOptions, ProduceRecord, TopicSpec } from './event-log.ts';

/** Kafka's rule for topic names: 1 to 249 characters from [a-zA-Z0-9._-], and not "." or "..". */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function validateTopicName(name: string): void {
  if (typeof name !== 'string' || !TOPIC_NAME.test(name) || name === '.' || name === '..') {
    throw new TypeError(`invalid topic name ${JSON.stringify(name)}: expected 1 to 249 characters from a-z, A-Z, 0-9, '.', '_' and '-'`);
  }
}

export function validateTopicSpec(spec: TopicSpec): void {
  validateTopicName(spec.name);
  if (!Number.isSafeInteger(spec.partitions) || spec.partitions < 1 || spec.partitions > 10_000) {
    throw new RangeError(`invalid partition count ${spec.partitions} for topic ${spec.name}: expected a whole number from 1 to 10000`);
  }
  if (spec.retentionMs !== undefined && (!Number.isSafeInteger(spec.retentionMs) || spec.retentionMs < 1)) {
    throw new RangeError(`invalid retentionMs ${spec.retentionMs} for topic ${spec.name}: expected a whole number of milliseconds of at least 1`);
  }
  if (spec.retentionMaxRecords !== undefined && (!Number.isSafeInteger(spec.retentionMaxRecords) || spec.retentionMaxRecords < 1)) {
    throw new RangeError(`invalid retentionMaxRecords ${spec.retentionMaxRecords} for topic ${spec.name}: expected a whole number of at least 1`);
  }
}

export function validateProduceRecord(record: ProduceRecord): void {
  validateTopicName(record.topic);
  if (typeof record.key !== 'string') {
    throw new TypeError(`invalid key for topic ${record.topic}: expected a string, got ${typeof record.key}`);
  }
  if (typeof record.value !== 'string') {
    throw new TypeError(`invalid value for topic ${record.topic}, key ${record.key}: expected JSON text as a string, got ${typeof record.value}`);
  }
  if (record.timestamp !== undefined && (!Number.isSafeInteger(record.timestamp) || record.timestamp < 0)) {
    throw new RangeError(`invalid timestamp ${record.timestamp} for topic ${record.topic}: expected milliseconds since the epoch`);
  }
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    if (typeof value !== 'string') {
      throw new TypeError(`invalid header ${name} for topic ${record.topic}: expected a string value, got ${typeof value}`);
    }
  }
}

export function validateConsumeOptions(options: ConsumeOptions): void {
  if (typeof options.groupId !== 'string' || options.groupId.length === 0) {
    throw new TypeError('invalid groupId: expected a non-empty string');
  }
  if (!Array.isArray(options.topics) || options.topics.length === 0) {
    throw new TypeError(`invalid topics for group ${options.groupId}: expected at least one topic name`);
  }
  options.topics.forEach(validateTopicName);
  if (typeof options.handler !== 'function') {
    throw new TypeError(`missing handler for group ${options.groupId}`);
  }
  const max = options.maxBatchRecords;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) {
    throw new RangeError(`invalid maxBatchRecords ${max} for group ${options.groupId}: expected a whole number of at least 1`);
  }
  const start = options.start;
  if (start !== undefined && typeof start === 'object' && 'timestamp' in start && (!Number.isSafeInteger(start.timestamp) || start.timestamp < 0)) {
    throw new RangeError(`invalid start timestamp ${start.timestamp} for group ${options.groupId}: expected milliseconds since the epoch`);
  }
  if (start !== undefined && typeof start === 'object' && 'offsets' in start) {
    for (const entry of start.offsets) {
      if (!options.topics.includes(entry.topic)) {
        throw new RangeError(`invalid start offset for topic ${entry.topic}: group ${options.groupId} does not subscribe to it`);
      }
      if (!Number.isSafeInteger(entry.offset) || entry.offset < 0 || !Number.isSafeInteger(entry.partition) || entry.partition < 0) {
        throw new RangeError(`invalid start offset ${entry.offset} for ${entry.topic} partition ${entry.partition}: expected non-negative whole numbers`);
      }
    }
  }
}
