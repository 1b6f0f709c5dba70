import { randomUUID } from 'node:crypto';

import type { ProduceRecord } from './event-log.ts';

/**
 * A CloudEvents 1.0 event in the JSON event format, as Futura writes it to the
 * log. The specification makes `time`, `subject` and `datacontenttype`
 * optional; Futura's events always carry them.
 */
export interface CloudEvent<Data = unknown> {
  specversion: '1.0';
  /** Unique per event (a UUID); consumers de-duplicate by it. */
  id: string;
  /** URI-reference of the producer, such as `/futura/hotel`. */
  source: string;
  /** Reverse-DNS event type, such as `futura.room.created`. */
  type: string;
  /** RFC 3339 time of the occurrence. */
  time: string;
  /** Subject of the event within the source, such as the room id. */
  subject: string;
  datacontenttype: 'application/json';
  data: Data;
}

export interface CloudEventInput<Data> {
  source: string;
  type: string;
  subject: string;
  data: Data;
  /** Default: a new random UUID. */
  id?: string;
  /** Default: now. */
  time?: Date;
}

/** Media type of a structured-mode CloudEvent in a Kafka record (CloudEvents Kafka protocol binding). */
export const CLOUD_EVENT_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

export class InvalidCloudEventError extends Error {
  override name = 'InvalidCloudEventError';
}

/** Builds a CloudEvent with a fresh UUID and the current time unless they are given. */
export function createCloudEvent<Data>(input: CloudEventInput<Data>): CloudEvent<Data> {
  const event: CloudEvent<Data> = {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject,
    datacontenttype: 'application/json',
    data: input.data,
  };
  validateCloudEvent(event);
  return event;
}

/** Wraps an event as a record for the log: the key picks the partition, the value is the event's JSON. */
export function cloudEventRecord(topic: string, key: string, event: CloudEvent): ProduceRecord {
  return {
    topic,
    key,
    value: JSON.stringify(event),
    headers: { 'content-type': CLOUD_EVENT_CONTENT_TYPE },
  };
}

/**
 * Parses a record value as a CloudEvent and validates it. Throws
 * InvalidCloudEventError naming the first invalid or missing attribute.
 */
export function parseCloudEvent<Data = unknown>(json: string): CloudEvent<Data> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new InvalidCloudEventError(`invalid CloudEvent: not JSON (${(error as Error).message})`);
  }
  validateCloudEvent(parsed);
  return parsed as CloudEvent<Data>;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function validateCloudEvent(value: unknown): asserts value is CloudEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidCloudEventError('invalid CloudEvent: expected a JSON object');
  }
  const event = value as Record<string, unknown>;
  if (event.specversion !== '1.0') {
    throw new InvalidCloudEventError(`invalid CloudEvent: specversion must be "1.0", got ${JSON.stringify(event.specversion)}`);
  }
  for (const name of ['id', 'source', 'type', 'subject'] as const) {
    if (typeof event[name] !== 'string' || event[name] === '') {
      throw new InvalidCloudEventError(`invalid CloudEvent: ${name} must be a non-empty string, got ${JSON.stringify(event[name])}`);
    }
  }
  if (typeof event.time !== 'string' || !RFC3339.test(event.time) || Number.isNaN(Date.parse(event.time))) {
    throw new InvalidCloudEventError(`invalid CloudEvent ${event.id}: time must be an RFC 3339 timestamp, got ${JSON.stringify(event.time)}`);
  }
  if (event.datacontenttype !== 'application/json') {
    throw new InvalidCloudEventError(
      `invalid CloudEvent ${event.id}: datacontenttype must be "application/json", got ${JSON.stringify(event.datacontenttype)}`,
    );
  }
  if (!('data' in event) || event.data === undefined) {
    throw new InvalidCloudEventError(`invalid CloudEvent ${event.id}: data is missing`);
  }
}
