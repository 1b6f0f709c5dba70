// An async iterator over the messages a client receives, for consumers that
// prefer a `for await` loop to listeners.

/** Default maximum number of messages a stream buffers before it drops the oldest. */
export const DEFAULT_STREAM_BUFFER = 10_000;

/**
 * A bounded queue of messages read with `for await`. Messages that arrive
 * while the consumer is busy are buffered. Past `maxBuffered`, the oldest
 * buffered message is dropped and `dropped` counts it. The iteration ends
 * after the buffered messages once `end()` is called, which the client does
 * when the connection closes.
 *
 * @example
 * const stream = new MessageStream<string>(2);
 * stream.push('a');
 * stream.end();
 * for await (const item of stream) console.log(item);
 */
export class MessageStream<Item> implements AsyncIterableIterator<Item> {
  /** Number of messages dropped because the buffer was full. */
  dropped = 0;

  private readonly maxBuffered: number;
  private buffer: Item[] = [];
  private head = 0;
  private ended = false;
  private waiting: ((result: IteratorResult<Item>) => void) | null = null;
  private readonly onReturn: () => void;

  /**
   * @param maxBuffered maximum number of buffered messages, at least 1.
   * @param onReturn called once when the consumer stops early (`break` in `for await`) or the stream ends.
   */
  constructor(maxBuffered = DEFAULT_STREAM_BUFFER, onReturn: () => void = () => {}) {
    if (!Number.isInteger(maxBuffered) || maxBuffered < 1) {
      throw new RangeError(`maxBuffered must be a positive integer, got ${maxBuffered}.`);
    }
    this.maxBuffered = maxBuffered;
    this.onReturn = onReturn;
  }

  /** Number of messages buffered and not yet read. */
  get size(): number {
    return this.buffer.length - this.head;
  }

  /** Hands a message to a waiting consumer or buffers it. Does nothing after the stream ended. */
  push(item: Item): void {
    if (this.ended) {
      return;
    }

    if (this.waiting !== null) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }

    if (this.size >= this.maxBuffered) {
      this.head += 1;
      this.dropped += 1;
    }
    this.buffer.push(item);
    this.compact();
  }

  /** Ends the stream: the consumer reads what is buffered, then the iteration finishes. */
  end(): void {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.onReturn();

    if (this.waiting !== null) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<Item>> {
    if (this.size > 0) {
      const item = this.buffer[this.head];
      this.head += 1;
      this.compact();
      return Promise.resolve({ value: item, done: false });
    }

    if (this.ended) {
      return Promise.resolve({ value: undefined, done: true });
    }

    if (this.waiting !== null) {
      return Promise.reject(new Error('MessageStream.next() was called again before the previous call resolved.'));
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Called by `for await` on `break`: stops receiving and drops the buffer. */
  return(): Promise<IteratorResult<Item>> {
    this.end();
    this.buffer = [];
    this.head = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  // Reading from the front moves `head` instead of shifting the array. The
  // array is emptied when everything is read, and cut when the read part is
  // over 1024 items and at least half of it.
  private compact(): void {
    if (this.head === this.buffer.length) {
      this.buffer = [];
      this.head = 0;
      return;
    }
    if (this.head > 1024 && this.head * 2 >= this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
  }
}
