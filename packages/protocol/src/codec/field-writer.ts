// Writes fields into a growing byte buffer, big-endian. One writer can be
// reused for many frames: `reset` keeps the allocated buffer.

const textEncoder = new TextEncoder();

export class FieldWriter {
  private bytes: Uint8Array;
  private view: DataView;
  private offset = 0;

  constructor(initialCapacity = 256) {
    this.bytes = new Uint8Array(initialCapacity);
    this.view = new DataView(this.bytes.buffer);
  }

  get length(): number {
    return this.offset;
  }

  reset(): this {
    this.offset = 0;
    return this;
  }

  u8(value: number): this {
    this.reserve(1);
    this.view.setUint8(this.offset, value);
    this.offset += 1;
    return this;
  }

  u16(value: number): this {
    this.reserve(2);
    this.view.setUint16(this.offset, value);
    this.offset += 2;
    return this;
  }

  u32(value: number): this {
    this.reserve(4);
    this.view.setUint32(this.offset, value);
    this.offset += 4;
    return this;
  }

  i32(value: number): this {
    this.reserve(4);
    this.view.setInt32(this.offset, value);
    this.offset += 4;
    return this;
  }

  f64(value: number): this {
    this.reserve(8);
    this.view.setFloat64(this.offset, value);
    this.offset += 8;
    return this;
  }

  bool(value: boolean): this {
    return this.u8(value ? 1 : 0);
  }

  /** Writes a u16 byte length and the UTF-8 bytes; returns the byte length written. */
  string(value: string): number {
    // A UTF-8 encoding is at most three bytes per UTF-16 code unit.
    this.reserve(2 + value.length * 3);
    const { written } = textEncoder.encodeInto(value, this.bytes.subarray(this.offset + 2));
    this.view.setUint16(this.offset, written);
    this.offset += 2 + written;
    return written;
  }

  /** Overwrites a u32 at an earlier position, such as a frame's length prefix. */
  patchU32(position: number, value: number): void {
    this.view.setUint32(position, value);
  }

  /** Returns a copy of the written bytes, safe to keep after the writer is reused. */
  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.offset);
  }

  private reserve(count: number): void {
    const needed = this.offset + count;
    if (needed <= this.bytes.length) {
      return;
    }

    let capacity = this.bytes.length * 2;
    while (capacity < needed) {
      capacity *= 2;
    }

    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.offset));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}
