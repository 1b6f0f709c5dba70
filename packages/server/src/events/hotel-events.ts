// Writes the hotel's domain events as CloudEvents to the event log. Durable
// changes call appendInTransaction inside their own SQL transaction, so the
// state and its event commit together. Events with no state of their own use
// publish (presence), or publishBatched when they come by the thousand (chat lines).

import { cloudEventRecord, createCloudEvent, type ProduceRecord, type TransactionalEventWriter } from '@futura/eventlog';

import { eventTypes, type EventData, type EventType } from './event-catalogue.ts';
import { PublishBatcher } from './publish-batcher.ts';

export const EVENT_SOURCE = '/futura/hotel';

/** Publishes records outside a caller's transaction; durable once the promise resolves. */
export type RecordPublisher = (records: ProduceRecord[]) => Promise<unknown>;

/**
 * How long chat lines gather before they are published together, in
 * milliseconds. The chat history already trails the bubbles by its own
 * pacing, and a line still in the window when the process dies was never
 * acknowledged to anyone.
 */
export const BATCHED_PUBLISH_WINDOW_MS = 100;

export class HotelEvents {
  private readonly writer: TransactionalEventWriter;
  private readonly publisher: RecordPublisher;
  private readonly batcher: PublishBatcher;

  constructor(writer: TransactionalEventWriter, publisher: RecordPublisher, batchWindowMs = BATCHED_PUBLISH_WINDOW_MS) {
    this.writer = writer;
    this.publisher = publisher;
    this.batcher = new PublishBatcher(publisher, batchWindowMs);
  }

  /** Appends the event inside the transaction the caller has open. */
  appendInTransaction<Type extends EventType>(type: Type, data: EventData<Type>): void {
    this.writer.appendInTransaction([toRecord(type, data)]);
  }

  /** Writes the event on its own; resolves once it is durable. */
  publish<Type extends EventType>(type: Type, data: EventData<Type>): Promise<unknown> {
    return this.publisher([toRecord(type, data)]);
  }

  /** Writes the event together with the others of a short window; resolves once its batch is durable. */
  publishBatched<Type extends EventType>(type: Type, data: EventData<Type>): Promise<unknown> {
    return this.batcher.add(toRecord(type, data));
  }

  /** Publishes the events still waiting in a window; call it before the event log closes. */
  flush(): Promise<void> {
    return this.batcher.flush();
  }
}

// Events of different topics cannot be ordered by offset, and two events
// often share a millisecond, so each carries the CloudEvents `sequence`
// extension: a counter of this process, zero-padded so that it also sorts as text.
let sequence = 0;

function toRecord<Type extends EventType>(type: Type, data: EventData<Type>): ProduceRecord {
  const spec = eventTypes[type];
  const key = String((data as Record<string, unknown>)[spec.keyField]);
  const event = createCloudEvent({ source: EVENT_SOURCE, type, subject: key, data });
  sequence += 1;
  return cloudEventRecord(spec.topic, key, { ...event, sequence: String(sequence).padStart(16, '0') } as typeof event);
}
