import { Consumer, stringDeserializers, type Message, type MessagesStream } from '@platformatic/kafka';

import { backoffDelay, sleep } from '../backoff.ts';
import type { ConsumeOptions, EventLogConsumer, EventLogLogger, LogRecord } from '../event-log.ts';
import { runHandlerWithRetry } from '../handler-retry.ts';
import { withTimeout } from '../timeout.ts';

export interface KafkaConsumerSettings {
  brokers: string[];
  clientId: string;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  logger: EventLogLogger;
}

type StringMessage = Message<string, string, string, string>;
type StringStream = MessagesStream<string, string, string, string>;

const DEFAULT_MAX_BATCH_RECORDS = 500;
/** Maximum wait of one fetch for new records, in ms, which also bounds how long close() waits for a fetch in flight. */
const FETCH_MAX_WAIT_MS = 500;
const CLOSE_TIMEOUT_MS = 10_000;
const RECONNECT_BACKOFF = { initialMs: 200, maxMs: 10_000 };

/**
 * A Kafka consumer-group member. Batches come from one fetch stream, and after
 * the handler succeeds, the batch's offsets are committed with OffsetCommit.
 * When the stream fails (a broker outage), the member leaves, waits with
 * backoff and joins again from the group's committed offsets, so records after
 * the last commit are delivered again.
 */
export class KafkaConsumer implements EventLogConsumer {
  readonly groupId: string;
  readonly #settings: KafkaConsumerSettings;
  readonly #options: ConsumeOptions;
  readonly #maxBatch: number;
  readonly #abort = new AbortController();
  readonly #onClosed: () => void;
  #consumer: Consumer<string, string, string, string> | undefined;
  #stream: StringStream | undefined;
  #loop: Promise<void> | undefined;
  #readerWaiter: (() => void) | undefined;

  constructor(settings: KafkaConsumerSettings, options: ConsumeOptions, onClosed: () => void) {
    this.groupId = options.groupId;
    this.#settings = settings;
    this.#options = options;
    this.#maxBatch = options.maxBatchRecords ?? DEFAULT_MAX_BATCH_RECORDS;
    this.#onClosed = onClosed;
  }

  /** Joins the group and opens the first fetch stream; failures here reach the caller. */
  async start(): Promise<void> {
    await this.#connect();
    this.#loop = this.#run();
  }

  async close(): Promise<void> {
    this.#abort.abort();
    try {
      await this.#loop;
    } finally {
      await this.#disconnect();
      this.#onClosed();
    }
  }

  async #connect(): Promise<void> {
    const consumer = new Consumer<string, string, string, string>({
      clientId: this.#settings.clientId,
      groupId: this.groupId,
      bootstrapBrokers: this.#settings.brokers,
      deserializers: stringDeserializers,
      autocommit: false,
      sessionTimeout: this.#settings.sessionTimeoutMs,
      heartbeatInterval: this.#settings.heartbeatIntervalMs,
      maxWaitTime: FETCH_MAX_WAIT_MS,
    });
    this.#consumer = consumer;
    const stream = await consumer.consume({
      topics: this.#options.topics,
      mode: 'committed',
      fallbackMode: this.#options.fallback ?? 'earliest',
      autocommit: false,
      maxWaitTime: FETCH_MAX_WAIT_MS,
    });
    // The read loop notices a failed stream through `destroyed`; this listener
    // keeps the 'error' event from being thrown as unhandled.
    stream.on('error', (error: Error) => {
      this.#settings.logger.warn({ err: error, groupId: this.groupId }, 'consumer stream failed');
      this.#wakeReader();
    });
    // The 'readable' listener must stay attached for the stream's whole life.
    // MessagesStream (@platformatic/kafka 2.12) skips its next fetch whenever
    // `readableFlowing` is null, which Node sets once the last 'readable'
    // listener is removed, and then never fetches again.
    stream.on('readable', () => this.#wakeReader());
    stream.on('end', () => this.#wakeReader());
    stream.on('close', () => this.#wakeReader());
    this.#stream = stream;
  }

  async #disconnect(): Promise<void> {
    const stream = this.#stream;
    const consumer = this.#consumer;
    this.#stream = undefined;
    this.#consumer = undefined;
    try {
      if (stream && !stream.destroyed) {
        await withTimeout(stream.close(), CLOSE_TIMEOUT_MS, `closing the stream of group ${this.groupId}`);
      }
    } catch (error) {
      this.#settings.logger.warn({ err: error, groupId: this.groupId }, 'closing consumer stream failed');
    }
    try {
      await withTimeout(consumer?.close(true) ?? Promise.resolve(), CLOSE_TIMEOUT_MS, `closing the consumer of group ${this.groupId}`);
    } catch (error) {
      this.#settings.logger.warn({ err: error, groupId: this.groupId }, 'closing consumer failed');
    }
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let reconnectAttempt = 0;
    while (!signal.aborted) {
      try {
        if (!this.#stream) {
          await this.#connect();
          this.#settings.logger.info({ groupId: this.groupId, topics: this.#options.topics }, 'consumer rejoined the group');
        }
        reconnectAttempt = 0;
        await this.#consumeStream(this.#stream!, signal);
      } catch (error) {
        if (signal.aborted) {
          break;
        }
        reconnectAttempt++;
        const delay = backoffDelay(reconnectAttempt, RECONNECT_BACKOFF);
        this.#settings.logger.warn({ err: error, groupId: this.groupId, attempt: reconnectAttempt, delayMs: delay }, 'consumer failed; rejoining after a delay');
        await this.#disconnect();
        await sleep(delay, signal);
      }
    }
  }

  /** Hands batches to the handler until the consumer closes; throws when the stream fails. */
  async #consumeStream(stream: StringStream, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const messages = await this.#nextBatch(stream, signal);
      if (messages.length === 0) {
        continue;
      }
      const records = messages.map(toLogRecord);
      const handled = await runHandlerWithRetry(this.#options.handler, records, {
        groupId: this.groupId,
        logger: this.#settings.logger,
        signal,
        onHandlerError: this.#options.onHandlerError,
      });
      if (!handled) {
        return;
      }
      await this.#commit(messages);
    }
  }

  /** Returns the messages already buffered (up to the batch limit), waiting for the first one; empty when aborted. */
  async #nextBatch(stream: StringStream, signal: AbortSignal): Promise<StringMessage[]> {
    for (;;) {
      const batch: StringMessage[] = [];
      while (batch.length < this.#maxBatch) {
        const message = stream.read() as StringMessage | null;
        if (message === null) {
          break;
        }
        batch.push(message);
      }
      if (batch.length > 0 || signal.aborted) {
        return batch;
      }
      if (stream.destroyed || stream.readableEnded) {
        throw stream.errored ?? new Error(`fetch stream of group ${this.groupId} ended`);
      }
      await this.#waitForReader(signal);
    }
  }

  /** Resolves at the stream's next 'readable', 'end', 'error' or 'close' event, or when the signal aborts. */
  #waitForReader(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.#readerWaiter = undefined;
        resolve();
      };
      this.#readerWaiter = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  #wakeReader(): void {
    this.#readerWaiter?.();
  }

  /**
   * Commits, per partition, the offset after the batch's last message. A failed
   * commit is logged, not retried: the next commit covers these records, and
   * if none succeeds they are delivered again.
   */
  async #commit(messages: readonly StringMessage[]): Promise<void> {
    const last = new Map<string, StringMessage>();
    for (const message of messages) {
      last.set(`${message.topic}\u0000${message.partition}`, message);
    }
    const offsets = [...last.values()].map((message) => ({
      topic: message.topic,
      partition: message.partition,
      offset: message.offset + 1n,
      leaderEpoch: message.leaderEpoch,
    }));
    try {
      await withTimeout(this.#consumer!.commit({ offsets }), CLOSE_TIMEOUT_MS, `committing offsets of group ${this.groupId}`);
    } catch (error) {
      this.#settings.logger.warn({ err: error, groupId: this.groupId, partitions: offsets.length }, 'offset commit failed; records may be delivered again');
    }
  }
}

function toLogRecord(message: StringMessage): LogRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of message.headers) {
    headers[name] = value;
  }
  return {
    topic: message.topic,
    partition: message.partition,
    offset: Number(message.offset),
    key: message.key,
    value: message.value,
    headers,
    timestamp: Number(message.timestamp),
  };
}
