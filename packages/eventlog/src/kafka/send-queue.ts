import type { Producer } from '@platformatic/kafka';

import type { RecordMetadata } from '../event-log.ts';
import { EventLogTimeoutError } from '../timeout.ts';

export interface OutgoingMessage {
  topic: string;
  partition: number;
  key: string;
  value: string;
  headers: Record<string, string>;
  timestamp: bigint;
}

export interface SendQueueOptions {
  /** Time limit of one produce() call, from the call to the broker's acknowledgement, in ms. */
  timeoutMs: number;
  /** Upper bounds of one send; a single call larger than both is sent on its own. */
  maxRecordsPerSend: number;
  maxBytesPerSend: number;
}

interface PendingCall {
  messages: OutgoingMessage[];
  bytes: number;
  state: 'queued' | 'sending' | 'settled';
  timer: NodeJS.Timeout;
  resolve: (metadata: RecordMetadata[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Merges concurrent produce() calls into one Kafka send, the way the embedded
 * log merges them into one commit. One send is in flight at a time, and calls
 * go out in the order they reach the queue, so records of one key keep their
 * order across calls. Calls that arrive while a send is in flight form the next one.
 *
 * A call that times out while still queued is dropped and never sent. A call
 * that times out while its send is in flight may still land later, after
 * records sent after it (the client keeps the send and retries it when the
 * broker is back).
 */
export class SendQueue {
  readonly #producer: Producer<string, string, string, string>;
  readonly #options: SendQueueOptions;
  #queue: PendingCall[] = [];
  #sending = false;
  #scheduled = false;

  constructor(producer: Producer<string, string, string, string>, options: SendQueueOptions) {
    this.#producer = producer;
    this.#options = options;
  }

  enqueue(messages: OutgoingMessage[]): Promise<RecordMetadata[]> {
    return new Promise((resolve, reject) => {
      const call: PendingCall = {
        messages,
        bytes: messages.reduce((sum, message) => sum + Buffer.byteLength(message.key) + Buffer.byteLength(message.value), 0),
        state: 'queued',
        resolve,
        reject,
        timer: setTimeout(() => this.#timeOut(call), this.#options.timeoutMs),
      };
      this.#queue.push(call);
      this.#schedule();
    });
  }

  #timeOut(call: PendingCall): void {
    if (call.state === 'settled') {
      return;
    }
    if (call.state === 'queued') {
      this.#queue = this.#queue.filter((entry) => entry !== call);
    }
    const where = call.state === 'queued' ? 'waiting for an earlier send' : 'waiting for the broker';
    call.state = 'settled';
    call.reject(new EventLogTimeoutError(`producing ${call.messages.length} records to ${call.messages[0].topic} timed out after ${this.#options.timeoutMs} ms ${where}`));
  }

  #schedule(): void {
    if (this.#sending || this.#scheduled || this.#queue.length === 0) {
      return;
    }
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#sendNext();
    });
  }

  async #sendNext(): Promise<void> {
    if (this.#sending || this.#queue.length === 0) {
      return;
    }
    // NOTE: the next send waits until this one settles, even after its callers
    // timed out. @platformatic/kafka 2.12 settles a send once the broker is
    // back; a send that never settled would stall this queue for good.
    this.#sending = true;
    const calls = this.#takeCalls();
    const messages = calls.flatMap((call) => call.messages);
    try {
      const result = await this.#producer.send({ messages });
      const metadata = assignOffsets(messages, result.offsets ?? []);
      let index = 0;
      for (const call of calls) {
        const slice = metadata.slice(index, index + call.messages.length);
        index += call.messages.length;
        this.#settle(call, () => call.resolve(slice));
      }
    } catch (error) {
      for (const call of calls) {
        this.#settle(call, () => call.reject(error));
      }
    } finally {
      this.#sending = false;
      this.#schedule();
    }
  }

  #takeCalls(): PendingCall[] {
    let records = 0;
    let bytes = 0;
    let count = 0;
    for (const call of this.#queue) {
      const tooMany = records + call.messages.length > this.#options.maxRecordsPerSend;
      const tooLarge = bytes + call.bytes > this.#options.maxBytesPerSend;
      if (count > 0 && (tooMany || tooLarge)) {
        break;
      }
      records += call.messages.length;
      bytes += call.bytes;
      count++;
    }
    const calls = this.#queue.splice(0, count);
    for (const call of calls) {
      call.state = 'sending';
    }
    return calls;
  }

  #settle(call: PendingCall, settle: () => void): void {
    clearTimeout(call.timer);
    if (call.state === 'settled') {
      return;
    }
    call.state = 'settled';
    settle();
  }
}

/**
 * Gives every message of one send its offset. The broker returns the base
 * offset per partition, and one send appends each partition's messages as one
 * batch, so they take consecutive offsets from it in send order.
 */
function assignOffsets(messages: readonly OutgoingMessage[], baseOffsets: readonly { topic: string; partition: number; offset: bigint }[]): RecordMetadata[] {
  const nextOffsets = new Map<string, number>();
  for (const entry of baseOffsets) {
    nextOffsets.set(`${entry.topic}\u0000${entry.partition}`, Number(entry.offset));
  }
  return messages.map((message) => {
    const slot = `${message.topic}\u0000${message.partition}`;
    const offset = nextOffsets.get(slot);
    if (offset === undefined) {
      throw new Error(`broker returned no offset for ${message.topic} partition ${message.partition}`);
    }
    nextOffsets.set(slot, offset + 1);
    return { topic: message.topic, partition: message.partition, offset, timestamp: Number(message.timestamp) };
  });
}
